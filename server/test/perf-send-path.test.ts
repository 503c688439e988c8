/**
 * The message send paths after they were cut to fewer statements (bench:relay): what clients see must be what
 * fresh reads of the store give — the summaries agents get, the visitor's view, the author's label after an
 * identify, resends, and the new-conversation limit. Behaviour only; nothing here is timed.
 */
import type { ConversationSummary, Message } from '@causette/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ack, agentSocket, closeAllSockets, connected, login, startServer, visitorSocket, type Running } from './support/harness.js';

let server: Running;
let cookie: string;

beforeAll(async () => {
  // One new conversation per visitor per hour, so the limit can be seen to apply (and to apply only to new ones).
  server = await startServer({ CAUSETTE_LIMIT_CONVERSATIONS_PER_VISITOR_HOUR: '1' });
  cookie = await login(server.base);
});
afterAll(async () => server.stop());
afterEach(() => closeAllSockets());

const until = async (cond: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !cond(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const cid = () => `c${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

async function newVisitor() {
  const s = visitorSocket(server.base);
  await connected(s);
  const resume = await ack(s, 'session:resume', {});
  return { socket: s, visitorId: resume.visitorId as string };
}

/** Everything of one kind an agent socket receives, in order. */
function record<T>(socket: ReturnType<typeof agentSocket>, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (x: T) => seen.push(x));
  return seen;
}

describe('send paths', () => {
  it('gives agents, for each visitor message, the message then the summary a fresh read gives; identify renames the next one', async () => {
    const agent = agentSocket(server.base, cookie);
    await connected(agent);
    const v = await newVisitor();
    const first = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Hello' });
    const conversationId = first.conversation.id as string;
    await ack(agent, 'conversation:take', { conversationId });
    const order: string[] = [];
    agent.onAny((event: string, x: { id?: string; conversationId?: string }) => {
      if ((x?.id ?? x?.conversationId) === conversationId || x?.conversationId === conversationId) order.push(event);
    });
    const messages = record<Message>(agent, 'message:new');
    const updates = record<ConversationSummary>(agent, 'conversation:update');
    const store = server.app.services.store;

    const label = `Visitor ${v.visitorId.slice(0, 4).toUpperCase()}`;
    const second = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Second' });
    const s2 = second.seq as number;
    expect(second).toMatchObject({ ok: true, duplicate: false, message: { authorName: label }, conversation: { id: conversationId, status: 'open', lastSeq: s2, agent: { name: 'Admin' }, queue: null } });
    // The visitor's view in the ack is the one visitorView builds from a fresh read.
    const viewNow = await server.app.services.chat.visitorView((await store.conversations.byId(conversationId))!);
    expect(JSON.stringify(second.conversation)).toBe(JSON.stringify(viewNow));
    await until(() => updates.some((c) => c.lastSeq === s2));
    expect(JSON.stringify(updates.at(-1))).toBe(JSON.stringify(await store.conversations.summary(conversationId)));

    expect((await ack(v.socket, 'visitor:identify', { name: 'Zoé Martin', email: 'zoe@example.com' })).ok).toBe(true);
    const third = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Third' });
    expect(third.message.authorName).toBe('Zoé Martin');
    await until(() => updates.some((c) => c.lastSeq === s2 + 1));
    const summary = updates.at(-1)!;
    expect(summary).toMatchObject({ visitorName: 'Zoé Martin', visitorEmail: 'zoe@example.com', lastMessage: { body: 'Third', authorName: 'Zoé Martin' } });
    expect(JSON.stringify(summary)).toBe(JSON.stringify(await store.conversations.summary(conversationId)));
    expect(messages.filter((m) => m.conversationId === conversationId).map((m) => [m.seq, m.authorName])).toEqual([
      [s2, label],
      [s2 + 1, 'Zoé Martin'],
    ]);
    expect(order.filter((e) => e === 'message:new' || e === 'conversation:update')).toEqual(['message:new', 'conversation:update', 'message:new', 'conversation:update']);
  });

  it('answers an agent’s resend in an assigned chat with the stored seq and stores nothing', async () => {
    const agent = agentSocket(server.base, cookie);
    await connected(agent);
    const v = await newVisitor();
    const first = await ack(v.socket, 'message:send', { clientId: cid(), body: 'Hi' });
    const conversationId = first.conversation.id as string;
    await ack(agent, 'conversation:take', { conversationId });
    const clientId = cid();
    const reply = await ack(agent, 'message:send', { conversationId, clientId, body: 'Hello!' });
    const resend = await ack(agent, 'message:send', { conversationId, clientId, body: 'Hello!' });
    expect(resend).toMatchObject({ ok: true, seq: reply.seq, duplicate: true });
    expect((await server.app.services.store.conversations.byId(conversationId))!.lastSeq).toBe(reply.seq);
    expect(await server.app.services.store.messages.after(conversationId, 0, 100, { includeNotes: true })).toHaveLength(reply.seq);
  });

  it('counts only new conversations against the per-visitor limit, and a refused one stores nothing', async () => {
    const agent = agentSocket(server.base, cookie);
    await connected(agent);
    const v = await newVisitor();
    const first = await ack(v.socket, 'message:send', { clientId: cid(), body: 'One' });
    expect(first.ok).toBe(true);
    // Messages in the open conversation are not new conversations.
    for (let i = 0; i < 3; i++) expect((await ack(v.socket, 'message:send', { clientId: cid(), body: `More ${i}` })).ok).toBe(true);
    await ack(agent, 'conversation:close', { conversationId: first.conversation.id });
    const refused = await ack(v.socket, 'message:send', { clientId: cid(), body: 'A second chat' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect((await server.app.services.store.conversations.openFor(v.visitorId))).toBeNull();
  });
});
