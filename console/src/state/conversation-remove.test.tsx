import type { Agent } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../testing/fake-socket.js';
import { message, summary } from '../testing/fixtures.js';

/** `conversation:remove`: a visitor's data was erased, and their chats leave this console. */
let socket: FakeSocket;
vi.mock('../api/socket.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../api/socket.js')>()),
  createAgentSocket: () => socket,
}));
vi.mock('../api/canned.js', () => ({ listCanned: vi.fn(async () => ({ items: [] })) }));
vi.mock('./notifications.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./notifications.js')>()),
  notifyVisitorMessage: vi.fn(),
  notifyQueuedChat: vi.fn(),
  notifyTransferredChat: vi.fn(),
}));

const { startRealtime } = await import('./realtime.js');
const { newlyAssigned, markAssigned } = await import('./assigned.js');
const { authState, currentAgent } = await import('./session.js');
const { erasedConversations, inbox, summaries, unreadById } = await import('./conversations.js');
const { threads } = await import('./messages.js');
const { drafts } = await import('./drafts.js');
const { visitorTyping, visitorDrafts } = await import('./typing.js');
const { visitorContexts } = await import('./visitors.js');
const { navigate } = await import('./router.js');
const { NoConversation } = await import('../routes/Conversation/Conversation.js');
const { Inbox } = await import('../routes/Inbox/Inbox.js');

const me = { id: 'agent0000001', name: 'Ana', role: 'agent' } as Agent;
const mine = summary({ id: 'mineAAAAAAAA', visitorId: 'visitorLEA01', assigneeId: me.id, assigneeName: me.name, lastSeq: 2 });
const queued = summary({ id: 'queueBBBBBBB', visitorId: 'visitorTOM01' });
const left = summary({ id: 'leftFFFFFFFF', visitorId: 'visitorLEA01', status: 'pending', visitorEmail: 'lea@example.com' });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
let stop: () => void;

beforeAll(() => {
  stop = startRealtime();
});
afterAll(() => stop());
beforeEach(async () => {
  socket = new FakeSocket((event) => {
    if (event === 'inbox:sync') return { ok: true, mine: [mine], queue: [queued], pending: [left] };
    if (event === 'message:sync') return { ok: true, messages: [], more: false };
    if (event === 'visitor:context')
      return { ok: true, context: { visitorId: 'visitorLEA01', name: 'Léa', email: 'lea@example.com', verified: false, journey: [], utm: {} } };
    return undefined;
  });
  currentAgent.value = me;
  drafts.open(me.id);
  authState.value = 'authenticated';
  await flush();
});
afterEach(() => {
  authState.value = 'anonymous';
  currentAgent.value = null;
  navigate({ name: 'inbox' }, { replace: true });
});

describe('an erased conversation', () => {
  it('leaves My chats with its messages, draft, unread count, typing preview and badge', async () => {
    socket.fire('message:new', message({ seq: 2, conversationId: mine.id, body: 'My address is 4 rue Lepic' }));
    socket.fire('typing:update', { conversationId: mine.id, typing: true, draft: 'and my phone' });
    drafts.set(mine.id, 'Thanks Léa, ');
    markAssigned(mine.id);
    expect(unreadById.value[mine.id]).toBe(1);

    socket.fire('conversation:remove', { conversationId: mine.id });

    expect(inbox.value.mine).toEqual([]);
    expect(summaries.value[mine.id]).toBeUndefined();
    expect(threads.value[mine.id]).toBeUndefined();
    expect(unreadById.value[mine.id]).toBeUndefined();
    expect(drafts.get(mine.id)).toBe('');
    expect(visitorDrafts.value[mine.id]).toBeUndefined();
    expect(visitorTyping.value[mine.id]).toBeUndefined();
    expect(newlyAssigned.value.has(mine.id)).toBe(false);
    // The queue is untouched; the visitor's other chat (a left message) goes when its own remove arrives.
    expect(inbox.value.queue.map((s) => s.id)).toEqual([queued.id]);
    expect(inbox.value.pending.map((s) => s.id)).toEqual([left.id]);
    socket.fire('conversation:remove', { conversationId: left.id });
    expect(inbox.value.pending).toEqual([]);
  });

  it('drops the visitor’s details once none of their chats is left, and is not brought back by a late update', async () => {
    navigate({ name: 'conversation', id: mine.id });
    await flush();
    await flush();
    expect(visitorContexts.value['visitorLEA01']?.email).toBe('lea@example.com');
    socket.fire('conversation:remove', { conversationId: mine.id });
    expect(visitorContexts.value['visitorLEA01']).toBeDefined(); // the left message still names them
    socket.fire('conversation:remove', { conversationId: left.id });
    expect(visitorContexts.value['visitorLEA01']).toBeUndefined();
    socket.fire('conversation:update', { ...mine, lastSeq: 3 });
    expect(summaries.value[mine.id]).toBeUndefined();
    expect(erasedConversations.value.has(mine.id)).toBe(true);
  });

  it('says why the chat on screen went, instead of the thread', () => {
    const root = document.createElement('div');
    act(() => render(<NoConversation missing={false} erased />, root));
    expect(root.querySelector('[data-part=erased]')!.textContent).toBe("This conversation was deleted at the visitor's request.");
    expect(root.querySelector('[data-part=erased]')!.getAttribute('role')).toBe('status');
    act(() => render(<NoConversation missing erased={false} />, root));
    expect(root.querySelector('[data-part=erased]')).toBeNull();
    expect(root.textContent).toBe('This conversation is not in your inbox.');
    act(() => render(null, root));
  });

  it('replaces the open thread with the notice in the inbox', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    navigate({ name: 'conversation', id: mine.id });
    await flush();
    act(() => render(<Inbox />, root));
    expect(root.querySelector('.conversation h1')!.textContent).toBe(mine.visitorName);
    expect(root.querySelector('[data-test=sidebar]')).not.toBeNull();
    act(() => socket.fire('conversation:remove', { conversationId: mine.id }));
    expect(root.querySelector('[data-part=erased]')!.textContent).toBe("This conversation was deleted at the visitor's request.");
    expect(root.querySelector('[data-test=sidebar]')).toBeNull();
    expect(root.querySelector('textarea')).toBeNull();
    act(() => render(null, root));
    root.remove();
  });
});
