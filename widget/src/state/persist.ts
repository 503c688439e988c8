import type { ChatMessage } from './messages';

/** The allowlist of what the widget may keep in localStorage, per site key. */
export interface Saved {
  /** The visitor token, with the visitor it names so another tab can tell whether it is the same visitor. */
  token: { t: string; v: string };
  conversation: string;
  outbox: ChatMessage[];
  open: boolean;
  read: { c: string; s: number };
  /** Visible time on the site so far this visit (ms), and when it was last counted. */
  visit: { t: number; at: number };
}
type Key = keyof Saved;
const KEYS: Key[] = ['token', 'conversation', 'outbox', 'open', 'read', 'visit'];

/**
 * May the widget write storage? Yes after `consent(true)`, no after `consent(false)` (and what it wrote goes),
 * else yes once the site says consent is not required; `undefined` while nobody has said.
 */
export function storageAllowed(consent: boolean | undefined, requireConsent: boolean | undefined): boolean | undefined {
  return consent ?? (requireConsent === false || undefined);
}

export type Store = ReturnType<typeof createStore>;

/** Reads freely; writes only while allowed, and writes the latest values at the moment permission comes. */
export function createStore(siteKey: string, area: Storage | undefined) {
  const prefix = `causette:${siteKey}:`;
  const latest: Partial<Saved> = {};
  let allowed = false;
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch {
      // Storage full, disabled or blocked (private mode, sandboxed frame): the chat still works for this page.
    }
  };
  const write = (key: Key) =>
    attempt(() => {
      const value = latest[key];
      if (value == null) area!.removeItem(prefix + key);
      else area!.setItem(prefix + key, JSON.stringify(value));
    });

  return {
    get<K extends Key>(key: K, raw = area?.getItem(prefix + key)): Saved[K] | undefined {
      let value;
      attempt(() => (value = raw ? JSON.parse(raw) : undefined));
      return value;
    },
    set<K extends Key>(key: K, value: Saved[K] | undefined): void {
      latest[key] = value;
      if (allowed) write(key);
    },
    allow(mode: boolean | undefined): void {
      allowed = !!mode;
      for (const key of KEYS) {
        if (mode) key in latest && write(key);
        else if (mode === false) attempt(() => area!.removeItem(prefix + key));
      }
    },
    /** The visitor's data was erased: everything goes, whatever consent says (removing stores nothing). */
    clear(): void {
      for (const key of KEYS) {
        delete latest[key];
        attempt(() => area!.removeItem(prefix + key));
      }
    },
    /** Which saved key a `storage` event names, if it is one of ours. */
    keyOf(storageKey: string | null): Key | undefined {
      const key = storageKey?.startsWith(prefix) && (storageKey.slice(prefix.length) as Key);
      return key && KEYS.includes(key) ? key : undefined;
    },
  };
}

/** `window.localStorage` throws in some sandboxes rather than being absent. */
export function localArea(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
