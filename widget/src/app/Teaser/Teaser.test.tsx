import type { Teaser as TeaserPayload } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n';
import { conversation } from '../../state/conversation';
import { messages, outbox, queueText } from '../../state/messages';
import { open } from '../../state/panel';
import { connection, site } from '../../state/session';
import { onTeaserEvent, showTeaser, teaser, teaserOpened } from '../../state/teaser';
import { loadPanel } from '../lazy';
import { App } from '../App/App';

let root: HTMLElement;
const $ = (part: string) => root.querySelector<HTMLElement>(`[data-part=${part}]`);
const $$ = (part: string) => [...root.querySelectorAll<HTMLElement>(`[data-part=${part}]`)];
const events = vi.fn();

const offer = (extra: Partial<TeaserPayload> = {}): TeaserPayload => ({
  impressionId: 'imp-1',
  triggerId: 'trig-1',
  text: 'Need help choosing a size?',
  senderName: 'Anna',
  openPanel: false,
  ...extra,
});

// The panel is its own chunk, fetched on the first open; here it is fetched once, before the tests.
beforeAll(async () => {
  await loadPanel();
});

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  messages.value = [];
  conversation.value = null;
  open.value = false;
  teaser.value = null;
  teaserOpened.value = false;
  connection.value = 'online';
  site.value = { name: 'Maison', settings: { requireConsent: false, greeting: 'Hi! How can we help?', color: '#4f46e5' } };
  events.mockClear();
  onTeaserEvent(events);
  act(() => render(<App />, root));
});
afterEach(() => {
  render(null, root);
  root.remove();
  setLanguage('en');
  queueText('drain'); // takes any impression left over, so tests do not leak into each other
  messages.value = [];
});

describe('the teaser', () => {
  it('appears above the launcher with the sender, the text and a labelled close button, in a live region', () => {
    expect($('teaser')).toBeNull();
    act(() => showTeaser(offer()));
    const bubble = $('teaser')!;
    expect(bubble.getAttribute('role')).toBe('status');
    expect(bubble.parentElement!.getAttribute('aria-live')).toBe('polite');
    expect(bubble.textContent).toContain('Anna');
    expect($('teaser-text')!.textContent).toBe('Need help choosing a size?');
    expect($('teaser-close')!.getAttribute('aria-label')).toBe('Dismiss message');
    expect($('panel')).toBeNull();
  });

  it("names the site when the trigger gives no sender, and speaks French on a French page", () => {
    setLanguage('fr');
    act(() => showTeaser(offer({ senderName: '' })));
    expect($('teaser')!.querySelector('b')!.textContent).toBe('Maison');
    expect($('teaser-close')!.getAttribute('aria-label')).toBe('Fermer le message');
  });

  it('goes away on ×, tells the server, gives focus back to the launcher and leaves the next message uncredited', () => {
    act(() => showTeaser(offer()));
    act(() => $('teaser-close')!.click());
    expect($('teaser')).toBeNull();
    expect($('panel')).toBeNull();
    expect(events.mock.calls).toEqual([['teaser:dismiss', 'imp-1']]);
    expect(document.activeElement).toBe($('launcher'));
    queueText('Hello');
    expect(outbox.value[0]!.impressionId).toBeUndefined();
  });

  it('dismisses with Escape from the keyboard', () => {
    act(() => showTeaser(offer()));
    act(() => void $('teaser-text')!.closest('button')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect($('teaser')).toBeNull();
    expect(events).toHaveBeenCalledWith('teaser:dismiss', 'imp-1');
  });

  it('opens the chat on click, with the teaser as the first, unnumbered agent bubble', () => {
    act(() => showTeaser(offer()));
    act(() => $('teaser')!.click());
    expect($('panel')).not.toBeNull();
    expect($('teaser')).toBeNull();
    expect(events.mock.calls).toEqual([['teaser:open', 'imp-1']]);
    const [first] = $$('message');
    expect(first!.dataset.author).toBe('agent');
    expect(first!.hasAttribute('data-seq')).toBe(false);
    expect(first!.querySelector('[data-part=body]')!.textContent).toBe('Need help choosing a size?');
    expect($('greeting')).toBeNull();
    expect(document.activeElement).toBe($('input'));
  });

  it('credits only the first message the visitor sends after it to the impression', () => {
    act(() => showTeaser(offer()));
    act(() => $('teaser')!.click());
    queueText('Yes, a 38 please');
    queueText('And in blue');
    expect(outbox.value.map((m) => m.impressionId)).toEqual(['imp-1', undefined]);
  });

  it('opens the panel at once when the trigger asks, and the launcher under a teaser opens it too', () => {
    act(() => showTeaser(offer({ openPanel: true })));
    expect($('panel')).not.toBeNull();
    expect($$('message')[0]!.textContent).toContain('Need help choosing a size?');

    act(() => {
      open.value = false;
      showTeaser(offer({ impressionId: 'imp-2', text: 'Free delivery today' }));
    });
    expect($('teaser-text')!.textContent).toBe('Free delivery today');
    act(() => $('launcher')!.click());
    expect(events).toHaveBeenLastCalledWith('teaser:open', 'imp-2');
    expect($$('message')[0]!.textContent).toContain('Free delivery today');
  });

  it('shows one teaser at a time: a newer one replaces the older', () => {
    act(() => showTeaser(offer()));
    act(() => showTeaser(offer({ impressionId: 'imp-2', text: 'Free delivery today' })));
    expect($$('teaser')).toHaveLength(1);
    expect($('teaser-text')!.textContent).toBe('Free delivery today');
    act(() => $('teaser-close')!.click());
    expect(events).toHaveBeenCalledWith('teaser:dismiss', 'imp-2');
  });
});
