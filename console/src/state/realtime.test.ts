import type { Agent, ConversationSummary, Message } from '@causette/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../testing/fake-socket.js';
import { message, summary } from '../testing/fixtures.js';

let socket: FakeSocket;
vi.mock('../api/socket.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api/socket.js')>()),
  createAgentSocket: () => socket,
}));

vi.mock('../api/canned.js', () => ({
  listCanned: vi.fn(async (siteId: string) => ({ items: [{ id: 'canned000001', siteId, shortcut: 'hello', body: 'Hello!', createdAt: 0 }] })),
}));

vi.mock('./notifications.js', () => ({ notifyVisitorMessage: vi.fn(), notifyQueuedChat: vi.fn(), notifyTransferredChat: vi.fn() }));
const notifications = await import('./notifications.js');

const { startRealtime, sendMessage, takeConversation, takeOverConversation } = await import('./realtime.js');
const { assignedBadgeCount, newlyAssigned } = await import('./assigned.js');
const { visitorDrafts } = await import('./typing.js');
const { route } = await import('./router.js');
const { authState, currentAgent } = await import('./session.js');
const { actionErrors, inbox, summaries } = await import('./conversations.js');
const { outbox, threads } = await import('./messages.js');
const { connection } = await import('./connection.js');
const { navigate } = await import('./router.js');
const { windowActive } = await import('./window.js');
const { cannedBySite } = await import('./canned.js');

const me = { id: 'agent0000001', name: 'Ana', role: 'agent' } as Agent;
const mine = summary({ id: 'mineAAAAAAAA', assigneeId: me.id, assigneeName: me.name });
const queued = summary({ id: 'queueBBBBBBB' });
const left = summary({ id: 'leftFFFFFFFF', status: 'pending', visitorEmail: 'leo@example.com' });

function server(overrides: Record<string, (payload: any) => object | undefined> = {}) {
  return (event: string, payload: any) => {
    if (overrides[event]) return overrides[event](payload);
    switch (event) {
      case 'inbox:sync':
        return { ok: true, mine: [mine], queue: [queued], pending: [left] };
      case 'message:sync':
        return { ok: true, messages: [], more: false };
      case 'visitor:context':
        return { ok: false, error: { code: 'not_found', message: 'gone' } };
      default:
        return undefined;
    }
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
let stop: () => void;

beforeAll(() => {
  stop = startRealtime();
});
afterAll(() => stop());

beforeEach(async () => {
  vi.mocked(notifications.notifyVisitorMessage).mockClear();
  vi.mocked(notifications.notifyQueuedChat).mockClear();
  vi.mocked(notifications.notifyTransferredChat).mockClear();
  socket = new FakeSocket(server());
  currentAgent.value = me;
  authState.value = 'authenticated';
  await flush();
});
afterEach(() => {
  authState.value = 'anonymous';
  currentAgent.value = null;
  navigate({ name: 'inbox' }, { replace: true });
  windowActive.value = false;
});

describe('realtime', () => {
  it('loads My chats and the Queue after connecting', () => {
    expect(connection.value).toBe('online');
    expect(inbox.value.mine.map((s) => s.id)).toEqual([mine.id]);
    expect(inbox.value.queue.map((s) => s.id)).toEqual([queued.id]);
  });

  it('keeps an unacknowledged message pending and resends it with the same clientId after a reconnect', async () => {
    socket.setResponder(server({ 'message:send': () => undefined }));
    sendMessage(mine.id, 'Are you still there?', 'text');
    const [first] = socket.sent('message:send');
    expect(outbox.value[mine.id]?.map((o) => o.status)).toEqual(['sending']);

    socket.drop();
    await flush();
    expect(connection.value).toBe('offline');
    expect(outbox.value[mine.id]?.map((o) => o.status)).toEqual(['sending']);

    const stored: Message = message({ seq: 1, conversationId: mine.id, author: 'agent', clientId: first.clientId, body: first.body });
    socket.setResponder(server({ 'message:send': () => ({ ok: true, seq: 1, message: stored, duplicate: true }) }));
    socket.connect();
    await flush();
    await flush();

    const resent = socket.sent('message:send');
    expect(resent).toHaveLength(2);
    expect(resent[1].clientId).toBe(first.clientId);
    expect(outbox.value[mine.id]).toEqual([]);
    expect(threads.value[mine.id]?.map((m) => m.body)).toEqual(['Are you still there?']);
  });

  it('marks a send as failed, not pending, when the server refuses it', async () => {
    socket.setResponder(server({ 'message:send': () => ({ ok: false, error: { code: 'conversation_closed', message: 'closed' } }) }));
    sendMessage(mine.id, 'Too late', 'text');
    await flush();
    expect(outbox.value[mine.id]?.map((o) => o.status)).toEqual(['failed']);
  });

  it('shows the conflict when another agent took the chat first', async () => {
    socket.setResponder(server({ 'conversation:take': () => ({ ok: false, error: { code: 'conflict', message: 'taken' } }) }));
    await takeConversation(queued.id);
    expect(actionErrors.value[queued.id]).toBe('Another agent already took this chat.');
  });

  it('moves a taken chat into My chats', async () => {
    const taken: ConversationSummary = { ...queued, assigneeId: me.id, assigneeName: me.name };
    socket.setResponder(server({ 'conversation:take': () => ({ ok: true, conversation: taken }) }));
    await takeConversation(queued.id);
    expect(inbox.value.mine.map((s) => s.id)).toContain(queued.id);
    expect(inbox.value.queue).toEqual([]);
  });

  it('adds live messages to the thread and the row preview', () => {
    socket.fire('message:new', message({ seq: 4, conversationId: mine.id, body: 'Where is my order?' }));
    expect(threads.value[mine.id]?.map((m) => m.seq)).toEqual([4]);
    expect(summaries.value[mine.id]?.lastMessage?.body).toBe('Where is my order?');
  });

  it('marks the open chat read while the agent looks at it', async () => {
    socket.setResponder(
      server({ 'message:sync': () => ({ ok: true, messages: [message({ seq: 1, conversationId: mine.id }), message({ seq: 2, conversationId: mine.id })], more: false }) }),
    );
    windowActive.value = true;
    navigate({ name: 'conversation', id: mine.id });
    await flush();
    await flush();
    expect(socket.sent('read:mark')).toContainEqual({ conversationId: mine.id, seq: 2 });
  });

  it('marks a queued chat read for the visitor when the agent takes it after a glance, not before', async () => {
    socket.setResponder(
      server({
        'message:sync': () => ({ ok: true, messages: [message({ seq: 1, conversationId: queued.id }), message({ seq: 2, conversationId: queued.id })], more: false }),
        'conversation:take': () => ({ ok: true, conversation: { ...queued, assigneeId: me.id, assigneeName: me.name } }),
      }),
    );
    windowActive.value = true;
    navigate({ name: 'conversation', id: queued.id });
    await flush();
    await flush();
    expect(socket.sent('read:mark')).toEqual([]);
    await takeConversation(queued.id);
    await flush();
    expect(socket.sent('read:mark')).toEqual([{ conversationId: queued.id, seq: 2 }]);
  });

  it('does not mark read while the window is in the background', async () => {
    socket.setResponder(
      server({ 'message:sync': () => ({ ok: true, messages: [message({ seq: 1, conversationId: mine.id })], more: false }) }),
    );
    navigate({ name: 'conversation', id: mine.id });
    await flush();
    expect(socket.sent('read:mark')).toEqual([]);
  });

  it('rings for a visitor message in a chat the agent is not looking at', () => {
    socket.fire('message:new', message({ seq: 1, conversationId: mine.id, body: 'Hello?' }));
    expect(notifications.notifyVisitorMessage).toHaveBeenCalledWith(mine.id, mine.visitorName, 'Hello?');
  });

  it('stays quiet for a message in the chat on screen, and for the agent’s own messages', async () => {
    windowActive.value = true;
    navigate({ name: 'conversation', id: mine.id });
    await flush();
    socket.fire('message:new', message({ seq: 1, conversationId: mine.id }));
    socket.fire('message:new', message({ seq: 2, conversationId: queued.id, author: 'agent' }));
    expect(notifications.notifyVisitorMessage).not.toHaveBeenCalled();
  });

  it('rings when a new chat joins the queue, but not for the chats already there at login', () => {
    expect(notifications.notifyQueuedChat).not.toHaveBeenCalled();
    const fresh = summary({ id: 'freshCCCCCCC', visitorName: 'Léa' });
    socket.fire('conversation:update', fresh);
    expect(notifications.notifyQueuedChat).toHaveBeenCalledWith(fresh.id, 'Léa', '');
    expect(inbox.value.queue.map((s) => s.id)).toContain(fresh.id);
  });

  it('ignores chats between other agents and their visitors', () => {
    socket.fire('conversation:update', summary({ id: 'otherDDDDDDD', assigneeId: 'agent0000002' }));
    socket.fire('message:new', message({ seq: 1, conversationId: 'otherDDDDDDD' }));
    expect(summaries.value['otherDDDDDDD']).toBeUndefined();
    expect(notifications.notifyVisitorMessage).not.toHaveBeenCalled();
  });

  it('loads the saved replies of the chat’s site when the agent opens it', async () => {
    navigate({ name: 'conversation', id: mine.id });
    await flush();
    expect(cannedBySite.value[mine.siteId]?.map((c) => c.shortcut)).toEqual(['hello']);
  });

  it('returns to login when the server ends the session', () => {
    socket.fire('session:end', { reason: 'logout' });
    expect(authState.value).toBe('anonymous');
    expect(summaries.value).toEqual({});
  });

  it('returns to login when the handshake is refused as unauthenticated', async () => {
    socket.drop();
    socket.fire('connect_error', new Error('unauthenticated'));
    expect(authState.value).toBe('anonymous');
  });
});

describe('realtime: chats changing hands', () => {
  it('drops a chat from My chats when it is transferred to someone else', () => {
    socket.fire('conversation:update', { ...mine, assigneeId: 'agent0000002', assigneeName: 'Dora', updatedAt: mine.updatedAt + 1 });
    expect(inbox.value.mine.map((s) => s.id)).toEqual([]);
    expect(inbox.value.queue.map((s) => s.id)).toEqual([queued.id]);
  });

  it('adds a chat transferred to me to My chats live, with its whole history and a chime', async () => {
    const history = [
      message({ seq: 1, conversationId: 'handedEEEEEE', body: 'My parcel is late' }),
      message({ seq: 2, conversationId: 'handedEEEEEE', author: 'agent', authorId: 'agent0000002', body: 'Let me check' }),
      message({ seq: 3, conversationId: 'handedEEEEEE', author: 'agent', kind: 'note', body: 'Transferred to Ana: carrier issue' }),
      message({ seq: 4, conversationId: 'handedEEEEEE', author: 'system', kind: 'event', body: 'Ana joined the chat' }),
    ];
    socket.setResponder(server({ 'message:sync': (p) => ({ ok: true, messages: history.filter((m) => m.seq > p.afterSeq), more: false }) }));
    const handed = summary({
      id: 'handedEEEEEE',
      visitorName: 'Zoé',
      assigneeId: me.id,
      assigneeName: me.name,
      lastSeq: 4,
      agentReadSeq: 2,
      lastMessage: history[3]!,
    });
    socket.fire('conversation:update', handed);
    await flush();

    expect(inbox.value.mine.map((s) => s.id)).toContain('handedEEEEEE');
    expect(socket.sent('message:sync')).toContainEqual({ conversationId: 'handedEEEEEE', afterSeq: 0 });
    expect(threads.value['handedEEEEEE']?.map((m) => m.body)).toEqual(history.map((m) => m.body));
    expect(notifications.notifyTransferredChat).toHaveBeenCalledWith('handedEEEEEE', 'Zoé');
  });

  it('does not chime for a chat the agent takes themselves', async () => {
    const taken: ConversationSummary = { ...queued, assigneeId: me.id, assigneeName: me.name };
    socket.setResponder(
      server({
        'conversation:take': () => {
          // The broadcast overtakes the ack, as it can on the wire.
          socket.fire('conversation:update', taken);
          return { ok: true, conversation: taken };
        },
      }),
    );
    await takeConversation(queued.id);
    expect(inbox.value.mine.map((s) => s.id)).toContain(queued.id);
    expect(notifications.notifyTransferredChat).not.toHaveBeenCalled();
  });
});

describe('realtime: left messages, typing preview, takeover', () => {
  it('loads left messages apart from the queue', () => {
    expect(inbox.value.pending.map((s) => s.id)).toEqual([left.id]);
    expect(inbox.value.queue.map((s) => s.id)).toEqual([queued.id]);
  });

  it('keeps the visitor’s draft while they type and clears it when the message arrives', () => {
    socket.fire('typing:update', { conversationId: mine.id, typing: true, draft: 'Where is my' });
    expect(visitorDrafts.value[mine.id]).toBe('Where is my');
    socket.fire('message:new', message({ seq: 1, conversationId: mine.id, body: 'Where is my order?' }));
    expect(visitorDrafts.value[mine.id]).toBeUndefined();
    socket.fire('typing:update', { conversationId: mine.id, typing: true, draft: 'Also' });
    socket.fire('typing:update', { conversationId: mine.id, typing: false });
    expect(visitorDrafts.value[mine.id]).toBeUndefined();
  });

  it('emits conversation:takeover, then opens the chat without a chime or badge', async () => {
    const held = summary({ id: 'heldGGGGGGGG', assigneeId: 'agent0000002', assigneeName: 'Dora' });
    const takenOver = { ...held, assigneeId: me.id, assigneeName: me.name };
    socket.setResponder(
      server({
        'conversation:takeover': () => {
          socket.fire('conversation:update', takenOver);
          return { ok: true, conversation: takenOver };
        },
      }),
    );
    expect(await takeOverConversation(held.id)).toBeNull();
    expect(socket.sent('conversation:takeover')).toEqual([{ conversationId: held.id }]);
    expect(route.value).toEqual({ name: 'conversation', id: held.id });
    expect(inbox.value.mine.map((s) => s.id)).toContain(held.id);
    expect(notifications.notifyTransferredChat).not.toHaveBeenCalled();
    expect(newlyAssigned.value.size).toBe(0);
  });

  it('shows why a takeover was refused', async () => {
    socket.setResponder(server({ 'conversation:takeover': () => ({ ok: false, error: { code: 'forbidden', message: 'supervisors only' } }) }));
    expect(await takeOverConversation('heldGGGGGGGG')).toBe('You do not have access to this chat.');
  });
});

describe('realtime: assigned to me', () => {
  it('chimes and counts a chat someone else assigned to me until I open it', async () => {
    const routed = { ...queued, assigneeId: me.id, assigneeName: me.name };
    socket.fire('conversation:update', routed);
    expect(notifications.notifyTransferredChat).toHaveBeenCalledWith(queued.id, queued.visitorName);
    expect(assignedBadgeCount.value).toBe(1);

    windowActive.value = true;
    navigate({ name: 'conversation', id: queued.id });
    await flush();
    expect(assignedBadgeCount.value).toBe(0);
  });

  it('does not count my own take, even when the broadcast overtakes the ack', async () => {
    const taken: ConversationSummary = { ...queued, assigneeId: me.id, assigneeName: me.name };
    socket.setResponder(
      server({
        'conversation:take': () => {
          socket.fire('conversation:update', taken);
          return { ok: true, conversation: taken };
        },
      }),
    );
    await takeConversation(queued.id);
    expect(assignedBadgeCount.value).toBe(0);
  });

  it('does not count a left message that became mine because I replied', async () => {
    socket.setResponder(
      server({
        'message:send': (p) => ({ ok: true, seq: 1, duplicate: false, message: message({ seq: 1, conversationId: left.id, author: 'agent', clientId: p.clientId, body: p.body }) }),
      }),
    );
    sendMessage(left.id, 'Hello Léo, here is the answer', 'text');
    await flush();
    // The update trails the ack here.
    socket.fire('conversation:update', { ...left, status: 'open', assigneeId: me.id, assigneeName: me.name, lastSeq: 1 });
    expect(inbox.value.mine.map((s) => s.id)).toContain(left.id);
    expect(notifications.notifyTransferredChat).not.toHaveBeenCalled();
    expect(assignedBadgeCount.value).toBe(0);
  });

  it('drops the count when the chat leaves me before I open it', () => {
    socket.fire('conversation:update', { ...queued, assigneeId: me.id, assigneeName: me.name });
    expect(assignedBadgeCount.value).toBe(1);
    socket.fire('conversation:update', { ...queued, assigneeId: 'agent0000002', assigneeName: 'Dora' });
    expect(assignedBadgeCount.value).toBe(0);
    expect(newlyAssigned.value.size).toBe(0);
  });
});

describe('realtime: delivery receipts', () => {
  const delivered = () => socket.emitted.filter((e) => e.event === 'message:delivered').map((e) => e.payload);
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('tells the server once per burst which visitor messages reached the console, the highest seq only', async () => {
    socket.fire('message:new', message({ conversationId: mine.id, seq: 5, body: 'Hello?' }));
    socket.fire('message:new', message({ conversationId: mine.id, seq: 6, body: 'Anyone?' }));
    socket.fire('message:new', message({ conversationId: mine.id, seq: 7, author: 'agent', authorId: me.id, body: 'Yes!' }));
    expect(delivered()).toEqual([]);
    await wait(500);
    expect(delivered()).toEqual([{ conversationId: mine.id, seq: 6 }]);
    // The agent's own message is no receipt, and a seq already reported is not sent again.
    socket.fire('message:new', message({ conversationId: mine.id, seq: 6, body: 'Anyone?' }));
    await wait(500);
    expect(delivered()).toHaveLength(1);
  });

  it('sends nothing while offline, and reports on the next connect', async () => {
    socket.drop();
    socket.fire('message:new', message({ conversationId: queued.id, seq: 3, body: 'Still there?' }));
    await wait(500);
    expect(delivered()).toEqual([]);
    socket.connect();
    await flush();
    expect(delivered()).toContainEqual({ conversationId: queued.id, seq: 3 });
  });
});
