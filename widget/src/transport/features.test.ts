import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversation } from '../state/conversation';
import { addMessages, messages } from '../state/messages';
import { identified, opening, site } from '../state/session';

/**
 * The transport's part in the panel's visitor features, against a stand-in for socket.io-client that records
 * what the widget emits and answers as the server does (the journeys cover the real server).
 */
const server = vi.hoisted(() => {
  const handlers: Record<string, (...args: any[]) => void> = {};
  const emitted: [string, any][] = [];
  let seq = 0;
  const conversation = { id: 'conv-1', status: 'open', agent: null, lastSeq: 0, agentReadSeq: 0, agentDeliveredSeq: 0, visitorReadSeq: 0, rating: null, queue: null, createdAt: 1 };
  const answer = async (event: string, payload: any) => {
    emitted.push([event, payload]);
    if (event === 'session:resume')
      return {
        ok: true,
        token: 'tok',
        visitorId: 'vis-1',
        site: { name: 'Maison', settings: { requireConsent: false, greeting: '', color: '#000' }, teams: [{ id: 'team-1', name: 'Returns' }] },
        conversation: null,
        messages: [],
        agentsOnline: true,
        opening: { open: false, reopensAt: 123 },
      };
    if (event === 'message:send') {
      const message = { clientId: payload.clientId, body: payload.body, seq: ++seq, conversationId: 'conv-1', author: 'visitor', createdAt: 1 };
      return { ok: true, seq, message, conversation, duplicate: false };
    }
    if (event === 'conversation:list') return { ok: true, conversations: [] };
    return { ok: true };
  };
  const socket = {
    connected: true,
    active: true,
    on: (event: string, fn: (...args: any[]) => void) => (handlers[event] = fn),
    emit: (event: string, payload: any) => emitted.push([event, payload]),
    timeout: () => ({ emitWithAck: answer }),
    connect: () => socket,
    disconnect: () => socket,
  };
  return { handlers, emitted, socket, sent: (event: string) => emitted.filter(([e]) => e === event).map(([, p]) => p) };
});

vi.mock('socket.io-client', () => ({
  Manager: class {
    socket() {
      return server.socket;
    }
  },
}));

const { connect, ask, identify } = await import('./socket');
const { scriptLanguage } = await import('../i18n');
const agentMessage = (seq: number) => ({ id: 'm' + seq, conversationId: 'conv-1', seq, clientId: 'a' + seq, author: 'agent', authorId: 'a1', authorName: 'Ana', kind: 'text', body: 'hi', createdAt: 1 });

beforeAll(async () => {
  // The shop's script chose French for this visitor (its language switcher, say): the server hears it.
  scriptLanguage.value = 'fr';
  connect({ base: 'https://chat.test', siteKey: 'shop', onReady() {}, onMessage() {}, onEnd() {} });
  server.handlers['connect']!();
  await vi.waitFor(() => expect(server.sent('session:resume')).toHaveLength(1));
});
afterAll(() => vi.resetModules());

describe('transport for the panel’s features', () => {
  it('tells the server the language the page chose and the visitor’s time zone (for emails)', () => {
    expect(server.sent('session:resume')[0]).toEqual({ language: 'fr', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  });

  it('takes the opening hours from session:resume and site:availability', () => {
    expect(opening.value).toEqual({ open: false, reopensAt: 123 });
    server.handlers['site:availability']!({ agentsOnline: true, opening: { open: true, reopensAt: null } });
    expect(opening.value).toEqual({ open: true, reopensAt: null });
  });

  it('keeps the pre-chat topics when the site’s settings change', () => {
    server.handlers['site:update']!({ name: 'Maison & Co', settings: { requireConsent: false, greeting: '', color: '#111' } });
    expect(site.value).toMatchObject({ name: 'Maison & Co', teams: [{ id: 'team-1', name: 'Returns' }] });
  });

  it('sends the pre-chat answers and the team with the message that carries them', async () => {
    addMessages([{ clientId: 'first', body: 'Hello', author: 'visitor', createdAt: 1, prechat: { name: 'Ana' }, teamId: 'team-1' }]);
    await vi.waitFor(() => expect(messages.value.every((m) => m.seq != null)).toBe(true));
    expect(server.sent('message:send').at(-1)).toEqual({ clientId: 'first', body: 'Hello', prechat: { name: 'Ana' }, teamId: 'team-1' });
  });

  it('reports agent messages delivered, once per half second with the highest seq', async () => {
    server.handlers['conversation:update']!({ ...conversation.peek()!, id: 'conv-1' });
    for (const seq of [2, 3, 4]) server.handlers['message:new']!(agentMessage(seq));
    await vi.waitFor(() => expect(server.sent('message:delivered')).toEqual([{ conversationId: 'conv-1', seq: 4 }]), { timeout: 2000 });
    // Nothing new, nothing sent again.
    await new Promise((r) => setTimeout(r, 600));
    expect(server.sent('message:delivered')).toHaveLength(1);
  });

  it('knows an identified visitor (the form is skipped), and asks with acks', async () => {
    identify({ id: 'cust-1' });
    expect(identified.value).toBe(true);
    expect(await ask('conversation:list', {})).toEqual({ ok: true, conversations: [] });
  });
});
