import { signal } from '@preact/signals-core';
import { conversation } from '../../state/conversation';
import { site } from '../../state/session';
import { reactive } from '../reactive';

/** The agent's initials: first letters of the first two words (`Marie Curie` → `MC`). */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');

/** Whether the site shows agents' faces (SiteSettings.showAgentAvatars, absent: yes). */
export const avatarsShown = () => site.value?.settings.showAgentAvatars !== false;

/** Photos that failed to load: their agents get initials instead of a broken image. */
const broken = signal<string[]>([]);

/**
 * An agent's photo, or their initials when they have none or it does not load. `named`: the avatar says who it
 * is (next to a message, where nothing else does); otherwise it is decoration beside the written name (header).
 */
export const Avatar = reactive(function Avatar({ name, url, named }: { name: string; url?: string | null; named?: boolean }) {
  const label = named ? name : '';
  return url && !broken.value.includes(url) ? (
    <img class="a" data-part="avatar" src={url} alt={label} onError={() => (broken.value = [...broken.value, url])} />
  ) : (
    <span class="a" data-part="avatar" role={named ? 'img' : undefined} aria-label={named ? name : undefined} aria-hidden={!named || undefined}>
      {initials(name)}
    </span>
  );
});

/**
 * Who to show beside an agent's message: its author, with the photo of the agent holding the chat when that
 * is them (a message from before a transfer gets its author's initials). Null when the site hides faces.
 */
export function messageFace(m: { author: string; authorName?: string | null }): { name: string; url: string | null } | null {
  const agent = conversation.value?.agent;
  const name = m.author === 'agent' && avatarsShown() && (m.authorName || agent?.name);
  return name ? { name, url: agent?.name === name ? agent.avatarUrl : null } : null;
}
