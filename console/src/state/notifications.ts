import { effect, signal } from '@preact/signals';
import { t } from '../i18n/i18n.js';
import { totalUnread } from './conversations.js';
import { openConversation } from './router.js';
import { titleWithCount } from './title.js';
import { userGestured, windowActive } from './window.js';

const SOUND_KEY = 'causette.console.sound';

type Permission = 'default' | 'granted' | 'denied' | 'unsupported';

function readPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : (Notification.permission as Permission);
}

function readSoundPreference(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off';
  } catch {
    return true;
  }
}

export const notificationPermission = signal<Permission>(readPermission());
export const soundEnabled = signal(readSoundPreference());

export function toggleSound(): void {
  soundEnabled.value = !soundEnabled.value;
  try {
    localStorage.setItem(SOUND_KEY, soundEnabled.value ? 'on' : 'off');
  } catch {
    // The preference then lasts for this tab only.
  }
}

/** Asked from a button, never on load: browsers penalise unprompted permission requests. */
export async function requestNotificationPermission(): Promise<void> {
  if (typeof Notification === 'undefined') return;
  notificationPermission.value = (await Notification.requestPermission()) as Permission;
}

let audio: AudioContext | null = null;
let lastChimeAt = 0;

/** Two short notes from an oscillator: no audio file to ship or load. */
function chime(): void {
  if (!soundEnabled.value || !userGestured.value || typeof AudioContext === 'undefined') return;
  const now = Date.now();
  if (now - lastChimeAt < 1_000) return;
  lastChimeAt = now;
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    const gain = audio.createGain();
    gain.connect(audio.destination);
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
    const oscillator = audio.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(880, start);
    oscillator.frequency.setValueAtTime(1320, start + 0.12);
    oscillator.connect(gain);
    oscillator.start(start);
    oscillator.stop(start + 0.36);
  } catch {
    // No sound is not worth an error.
  }
}

function desktop(title: string, body: string, conversationId: string): void {
  if (readPermission() !== 'granted' || windowActive.value) return;
  try {
    const notification = new Notification(title, { body, tag: conversationId });
    notification.onclick = () => {
      window.focus();
      openConversation(conversationId);
      notification.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker.
  }
}

export function notifyVisitorMessage(conversationId: string, visitorName: string, body: string): void {
  chime();
  desktop(t('notify.newMessage', { name: visitorName }), body, conversationId);
}

export function notifyQueuedChat(conversationId: string, visitorName: string, body: string): void {
  chime();
  desktop(t('notify.newChat', { name: visitorName }), body, conversationId);
}

export function notifyTransferredChat(conversationId: string, visitorName: string): void {
  chime();
  desktop(t('notify.transferred', { name: visitorName }), '', conversationId);
}

/** Keeps the tab title in step with the unread count. */
export function syncDocumentTitle(): () => void {
  return effect(() => {
    document.title = titleWithCount(totalUnread.value, t('app.name'));
  });
}
