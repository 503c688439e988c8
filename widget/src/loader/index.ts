import { batch, computed, effect, signal } from '@preact/signals-core';
import { h, render } from 'preact';
import { App } from '../app/App/App';
import { loadPanel } from '../app/lazy';
import { addPageStrings, languageFor, scriptLanguage, setLanguage } from '../i18n';
import { conversation, readAll, visitorRead } from '../state/conversation';
import { addMessages, messages, outbox, queueText } from '../state/messages';
import { open, pageVisible, setOpen } from '../state/panel';
import { createStore, localArea, storageAllowed, type Saved } from '../state/persist';
import { site, token, visitorId } from '../state/session';
import { teaser } from '../state/teaser';
import { trackBehaviour } from '../tracking/behaviour';
import { trackPages } from '../tracking/pages';
import * as transport from '../transport/socket';
import { createApi, createEvents, install, type Api } from './api';
import { mountHost } from './host';
import { toCart, toIdentity, toTrack } from './inputs';

const page = window as { causette?: Api };

/**
 * Starts the widget for the script tag `script`: widget.js (bootstrap.ts) calls this once the core module has
 * arrived. A second copy of the script on the same page must not start a second widget.
 */
export function boot(script: HTMLScriptElement): void {
  if (page.causette?.loaded) return;
  const siteKey = script.dataset.site!;
  const store = createStore(siteKey, localArea());
  // Again when the site's language changes in the console (site:update) or the page's script picks one.
  effect(() => setLanguage(languageFor(site.value?.settings.language, document.documentElement.lang, navigator.languages)));

  // What earlier pages left may be read before consent; only writing waits for it.
  let savedToken = store.get('token');
  let savedConversation = store.get('conversation');
  token.value = savedToken?.t;
  visitorRead.value = store.get('read') || null;
  addMessages(store.get('outbox') || []);
  if (store.get('open')) setOpen(true, false);

  effect(() => store.set('token', token.value && visitorId.value ? { t: token.value, v: visitorId.value } : savedToken));
  effect(() => store.set('conversation', conversation.value?.id ?? savedConversation));
  effect(() => store.set('outbox', outbox.value));
  effect(() => store.set('open', open.value));
  effect(() => store.set('read', visitorRead.value || undefined));
  const consent = signal<boolean | undefined>(undefined);
  const allowed = computed(() => storageAllowed(consent.value, site.value?.settings.requireConsent));
  effect(() => store.allow(allowed.value));
  // No behaviour leaves the page before consent where the site requires it; once given, the current page and
  // cart go at once.
  transport.gateTracking(() => allowed.peek() === true);
  effect(() => {
    if (allowed.value) transport.flushTracking();
  });

  pageVisible.value = document.visibilityState === 'visible';
  document.addEventListener('visibilitychange', () => (pageVisible.value = document.visibilityState === 'visible'));
  effect(() => {
    if (open.value && pageVisible.value && conversation.value && messages.value) readAll();
  });

  // The panel's chunk: on open (a teaser with openPanel, a panel left open on the previous page), and ahead of
  // a likely click when a teaser shows.
  effect(() => {
    if (open.value || teaser.value) void loadPanel();
  });

  const events = createEvents();
  let wasOpen = open.peek();
  effect(() => {
    if (open.value !== wasOpen) events.emit((wasOpen = open.value) ? 'open' : 'close');
  });

  // Two tabs that started at once are two visitors; they converge on one token, the one with a conversation
  // or else the smaller visitor id, so the choice is the same in both tabs.
  const adopt = (other: Saved['token'] | undefined) => {
    const mine = visitorId.peek();
    if (!other || other.t === token.peek()) return;
    if (!mine || other.v === mine) token.value = other.t;
    else if (!conversation.peek() && (store.get('conversation') || other.v < mine)) {
      batch(() => {
        token.value = other.t;
        visitorId.value = other.v;
      });
      transport.reconnect();
    }
  };
  addEventListener('storage', (e) => {
    const key = store.keyOf(e.key);
    if (key === 'token') adopt(store.get('token', e.newValue));
    if (key === 'conversation' && e.newValue && store.get(key, e.newValue) !== conversation.peek()?.id) transport.resync();
    // Read in another tab is read here too: the badge goes everywhere at once.
    const read = key === 'read' && store.get(key, e.newValue);
    const mine = visitorRead.peek();
    if (read && (!mine || mine.c !== read.c || mine.s < read.s)) visitorRead.value = read;
  });

  install(
    page,
    createApi({
      open: () => setOpen(true),
      close: () => setOpen(false),
      toggle: () => setOpen(!open.peek()),
      identify: (identity) => transport.identify(toIdentity(identity)),
      cart: (cart) => transport.updateCart(toCart(cart)),
      track: (name, props) => transport.track(toTrack(name, props)),
      send: (text) => queueText(String(text ?? '')),
      consent: (yes) => (consent.value = !!yes),
      on: events.on,
      // The page's choice over the site's setting and its <html lang>, with its own strings if it likes (or for a
      // language Causette does not ship); the widget speaks it from then on, right to left where the language is.
      language: (tag, strings) => {
        if (strings && typeof strings === 'object') addPageStrings(String(tag), strings);
        scriptLanguage.value = String(tag);
      },
    }),
  );

  const behaviour = trackBehaviour({
    send: transport.report,
    visit: {
      // A visit ends after 30 minutes away, as the server counts sessions.
      get: () => {
        const v = store.get('visit');
        return v && Date.now() - v.at < 1_800_000 ? v.t : 0;
      },
      set: (t) => store.set('visit', { t, at: Date.now() }),
    },
  });
  // A resume link from an email: off the address before anything reads or shares it, and sent once.
  const resume = /[#&]causette-resume=([\w.-]+)/.exec(location.hash)?.[1];
  if (resume) history.replaceState(history.state, '', location.pathname + location.search);
  trackPages((view) => {
    behaviour.newPage();
    transport.pageView(view);
  });
  transport.connect({
    base: new URL(script.src).origin,
    siteKey,
    conversationId: savedConversation,
    resume,
    onReady: () => events.emit('ready'),
    onMessage: (m) => events.emit('message', m),
    // The visitor's data was erased: nothing of theirs stays in storage, nor comes back from what this page read.
    onEnd: () => {
      savedToken = savedConversation = undefined;
      store.clear();
    },
  });

  const mount = () => render(h(App, null), mountHost(document));
  if (document.body) mount();
  else addEventListener('DOMContentLoaded', mount);
}
