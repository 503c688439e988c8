import type { SiteSettings } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { languageFor, scriptLanguage, setLanguage, t } from '../../i18n';
import { conversation } from '../../state/conversation';
import { messages } from '../../state/messages';
import { open, setOpen } from '../../state/panel';
import { connection, site } from '../../state/session';
import { loadPanel } from '../lazy';
import { App } from './App';
import { textOn } from './theme';

let root: HTMLElement;
const $ = (part: string) => root.querySelector<HTMLElement>(`[data-part=${part}]`);
const base: SiteSettings = { requireConsent: false, greeting: 'Hi!', color: '#4f46e5' };
const settle = (settings: Partial<SiteSettings>) => act(() => void (site.value = { name: 'Maison', settings: { ...base, ...settings } }));

/** WCAG 2 contrast ratio of two #rrggbb / #rgb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const full = hex.length === 4 ? '#' + [...hex.slice(1)].map((c) => c + c).join('') : hex;
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(full.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
  return (x! + 0.05) / (y! + 0.05);
}

beforeAll(async () => {
  await loadPanel();
});
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  messages.value = [];
  conversation.value = null;
  open.value = false;
  connection.value = 'online';
  settle({});
  act(() => render(<App />, root));
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the text colour on the brand colour', () => {
  it('is white on dark colours and black on light ones', () => {
    expect(textOn('#4f46e5')).toBe('#fff');
    expect(textOn('#000000')).toBe('#fff');
    expect(textOn('#ffffff')).toBe('#000');
    expect(textOn('#facc15')).toBe('#000'); // yellow: white would be 1.5:1
    expect(textOn('#22c55e')).toBe('#000'); // a mid green: white would be 2.3:1
  });

  it('reads at 4.5:1 or better on any colour', () => {
    for (let i = 0; i < 4096; i++) {
      const hex = '#' + [i >> 8, (i >> 4) & 15, i & 15].map((n) => (n * 17).toString(16).padStart(2, '0')).join('');
      expect(contrast(hex, textOn(hex)), hex).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe("the site's look", () => {
  const hostStyle = () => root.querySelector('.w > style')!.textContent!;

  it('puts the brand colour and its text colour on the host as custom properties, and follows a change live', () => {
    expect(hostStyle()).toBe(':host{--causette-accent:#4f46e5;--causette-accent-text:#fff}');
    settle({ color: '#fde047' });
    expect(hostStyle()).toBe(':host{--causette-accent:#fde047;--causette-accent-text:#000}');
  });

  it('sits in the corner the site chose, the end of the reading direction when it chose none', () => {
    const classes = () => [...root.querySelector('.w')!.classList];
    expect(classes()).not.toContain('pl');
    expect(classes()).not.toContain('pr');
    settle({ position: 'left' });
    expect(classes()).toContain('pl');
    settle({ position: 'right' });
    expect(classes()).toContain('pr');
  });

  it('is dark, light or as the page prefers', () => {
    const w = () => root.querySelector('.w')!;
    // Absent means auto: the CSS then follows prefers-color-scheme (the e2e journey checks it in Chromium).
    expect(w().classList.contains('da')).toBe(true);
    settle({ darkMode: 'dark' });
    expect(w().classList.contains('dd')).toBe(true);
    expect(w().classList.contains('da')).toBe(false);
    settle({ darkMode: 'light' });
    expect(w().classList.contains('dl')).toBe(true);
  });

  it("shows the launcher's text next to the icon, as the button's name, and only while closed", () => {
    settle({ launcherText: 'Chat with us' });
    const launcher = $('launcher')!;
    expect($('launcher-text')!.textContent).toBe('Chat with us');
    expect(launcher.classList.contains('lt')).toBe(true);
    expect(launcher.hasAttribute('aria-label')).toBe(false);
    act(() => setOpen(true));
    expect($('launcher-text')).toBeNull();
    expect($('launcher')!.getAttribute('aria-label')).toBe('Close chat');
    act(() => setOpen(false));
    settle({ launcherText: '' });
    expect($('launcher-text')).toBeNull();
    expect($('launcher')!.getAttribute('aria-label')).toBe('Open chat');
  });

  it("draws the site's image in the launcher instead of the chat icon, and the icon again if it does not load", () => {
    settle({ launcherIcon: 'https://shop.example/ana.png' });
    const img = $('launcher-icon') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('https://shop.example/ana.png');
    // Decoration: the button keeps its name.
    expect(img.getAttribute('alt')).toBe('');
    expect($('launcher')!.getAttribute('aria-label')).toBe('Open chat');
    expect($('launcher')!.querySelector('svg')).toBeNull();
    act(() => void img.dispatchEvent(new Event('error')));
    expect($('launcher-icon')).toBeNull();
    expect($('launcher')!.querySelector('svg')).not.toBeNull();
    // While open, the close icon as always.
    settle({ launcherIcon: 'https://shop.example/ana-2.png' });
    expect($('launcher-icon')).not.toBeNull();
    act(() => setOpen(true));
    expect($('launcher-icon')).toBeNull();
  });

  it('names its main elements as parts, for ::part() in the shop\'s CSS', () => {
    act(() => setOpen(true));
    for (const part of ['launcher', 'panel', 'header', 'messages', 'composer', 'input', 'send'])
      expect(root.querySelector(`[data-part=${part}]`)!.getAttribute('part'), part).toBe(part);
  });
});

describe("agents' faces", () => {
  const agentSays = (avatarUrl: string | null) =>
    act(() => {
      conversation.value = {
        id: 'conv-1', status: 'open', agent: { id: 'a1', name: 'Marie Curie', avatarUrl }, lastSeq: 1, agentReadSeq: 0,
        agentDeliveredSeq: 0, rating: null, visitorReadSeq: 0, queue: null, createdAt: 1,
      };
      messages.value = [{ clientId: 'm1', seq: 1, conversationId: 'conv-1', author: 'agent', authorName: 'Marie Curie', body: 'Hello', createdAt: 1 }];
      setOpen(true);
    });
  const avatars = () => [...root.querySelectorAll<HTMLElement>('[data-part=avatar]')];

  it("shows the agent's initials in the header and, named, beside their message", () => {
    agentSays(null);
    const [header, message] = avatars();
    expect(header!.closest('[data-part=header]')).not.toBeNull();
    expect(header!.textContent).toBe('MC');
    expect(header!.getAttribute('aria-hidden')).toBe('true'); // the name is written next to it
    expect(message!.closest('[data-part=message]')).not.toBeNull();
    expect(message!.getAttribute('role')).toBe('img');
    expect(message!.getAttribute('aria-label')).toBe('Marie Curie');
  });

  it('shows their photo, with their name as its text beside a message', () => {
    agentSays('https://cdn.example/marie.jpg');
    const [header, message] = avatars() as HTMLImageElement[];
    expect(header!.getAttribute('src')).toBe('https://cdn.example/marie.jpg');
    expect(header!.getAttribute('alt')).toBe('');
    expect(message!.getAttribute('alt')).toBe('Marie Curie');
  });

  it("falls back to the initials when the photo does not load", () => {
    agentSays('https://cdn.example/missing.jpg');
    const [header] = avatars();
    act(() => void header!.dispatchEvent(new Event('error')));
    expect(avatars().map((a) => a.tagName + ' ' + a.textContent)).toEqual(['SPAN MC', 'SPAN MC']);
  });

  it('shows no faces when the site turns them off, live', () => {
    agentSays(null);
    expect(avatars()).toHaveLength(2);
    settle({ showAgentAvatars: false });
    expect(avatars()).toHaveLength(0);
    expect($('agent-name')!.textContent).toBe('Marie Curie');
  });
});

describe('which language', () => {
  afterEach(() => {
    scriptLanguage.value = undefined;
    setLanguage('en');
  });

  it("takes the site's choice over the page's lang and the browser's", () => {
    expect(languageFor('fr', 'en', ['en-US'])).toBe('fr');
    expect(languageFor(undefined, 'en', ['fr-FR'])).toBe('en');
    expect(languageFor('', 'fr-CA', ['en-US'])).toBe('fr');
    // A site language Causette has no strings for gives way to the page's.
    expect(languageFor('de', 'fr', ['en'])).toBe('fr');
  });

  it("lets the page's own script (causette('language', …)) win over the site's choice", () => {
    scriptLanguage.value = 'en';
    expect(languageFor('fr', 'fr', ['fr'])).toBe('en');
  });

  it('speaks it: French strings on the launcher when chosen', () => {
    act(() => setLanguage(languageFor('fr', 'en', ['en'])));
    expect($('launcher')!.getAttribute('aria-label')).toBe(t('open'));
    expect($('launcher')!.getAttribute('aria-label')).toBe('Ouvrir le chat');
    expect(root.querySelector('.w')!.getAttribute('lang')).toBe('fr');
  });
});
