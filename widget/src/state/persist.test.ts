import { beforeEach, describe, expect, it } from 'vitest';
import { createStore, storageAllowed } from './persist';

const outbox = [{ clientId: 'pending-1', body: 'Hello', author: 'visitor' as const, createdAt: 1 }];

beforeEach(() => localStorage.clear());

describe('storage consent', () => {
  it('writes nothing before the site or the visitor allows it', () => {
    const store = createStore('shop', localStorage);
    store.set('token', { t: 'token', v: 'visitor' });
    store.set('outbox', outbox);
    store.allow(storageAllowed(undefined, true));
    store.allow(storageAllowed(undefined, undefined));
    expect(localStorage.length).toBe(0);
  });

  it('writes the latest values as soon as consent is given', () => {
    const store = createStore('shop', localStorage);
    store.set('outbox', outbox);
    store.set('open', true);
    store.allow(storageAllowed(true, true));
    expect(JSON.parse(localStorage.getItem('causette:shop:outbox')!)).toEqual(outbox);
    expect(localStorage.getItem('causette:shop:open')).toBe('true');
  });

  it('writes when the site says consent is not required', () => {
    const store = createStore('shop', localStorage);
    store.allow(storageAllowed(undefined, false));
    store.set('conversation', 'conv-1');
    expect(localStorage.getItem('causette:shop:conversation')).toBe('"conv-1"');
  });

  it('clears what it stored when consent is withdrawn, and stops writing', () => {
    localStorage.setItem('someone-else', 'kept');
    const store = createStore('shop', localStorage);
    store.allow(true);
    store.set('token', { t: 'token', v: 'visitor' });
    store.set('outbox', outbox);
    store.allow(storageAllowed(false, false));
    store.set('open', true);
    expect(Object.keys(localStorage)).toEqual(['someone-else']);
  });

  it('reads what an earlier page stored before any consent, per site key', () => {
    localStorage.setItem('causette:shop:conversation', '"conv-1"');
    localStorage.setItem('causette:other:conversation', '"conv-2"');
    expect(createStore('shop', localStorage).get('conversation')).toBe('conv-1');
  });

  it('survives garbage or blocked storage', () => {
    localStorage.setItem('causette:shop:outbox', '{not json');
    expect(createStore('shop', localStorage).get('outbox')).toBeUndefined();
    const blocked = createStore('shop', undefined);
    blocked.allow(true);
    expect(() => blocked.set('open', true)).not.toThrow();
    expect(blocked.get('open')).toBeUndefined();
  });

  it("recognises another tab's writes to this site's keys only", () => {
    const store = createStore('shop', localStorage);
    expect(store.keyOf('causette:shop:token')).toBe('token');
    expect(store.keyOf('causette:other:token')).toBeUndefined();
    expect(store.keyOf('causette:shop:whatever')).toBeUndefined();
    expect(store.keyOf(null)).toBeUndefined();
  });

  it('forgets everything it stored for the site after an erasure, even before any consent, and nothing of it comes back', () => {
    localStorage.setItem('someone-else', 'kept');
    localStorage.setItem('causette:other:token', '{"t":"x","v":"y"}');
    for (const [key, value] of Object.entries({ token: { t: 'tok', v: 'vis' }, conversation: 'conv-1', outbox, open: true, read: { c: 'conv-1', s: 3 } }))
      localStorage.setItem(`causette:shop:${key}`, JSON.stringify(value));
    const store = createStore('shop', localStorage);
    store.set('token', { t: 'tok', v: 'vis' });
    store.clear();
    expect(Object.keys(localStorage).sort()).toEqual(['causette:other:token', 'someone-else']);
    // Consent given later writes only what is set from now on.
    store.allow(true);
    expect(Object.keys(localStorage).sort()).toEqual(['causette:other:token', 'someone-else']);
  });
});
