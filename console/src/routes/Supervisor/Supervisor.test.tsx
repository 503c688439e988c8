import type { AgentLoadView, Agent, ConversationSummary } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../../testing/fake-socket.js';
import { summary } from '../../testing/fixtures.js';

let socket: FakeSocket;
vi.mock('../../api/socket.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/socket.js')>()),
  createAgentSocket: () => socket,
}));
vi.mock('../../api/canned.js', () => ({ listCanned: vi.fn(async () => ({ items: [] })) }));
vi.mock('../../state/notifications.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../state/notifications.js')>()),
  notifyVisitorMessage: vi.fn(),
  notifyQueuedChat: vi.fn(),
  notifyTransferredChat: vi.fn(),
}));
vi.mock('../../api/triggers.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/triggers.js')>()),
  listSites: vi.fn(async () => ({ items: [{ id: 'site00000001', name: 'Shop', key: 'k', allowedOrigins: [], settings: {}, createdAt: 0 }] })),
}));
vi.mock('../../api/conversations.js', () => ({
  fetchConversation: vi.fn(async (id: string) => ({ conversation: summary({ id, assigneeId: 'agent0000002' }) })),
}));
vi.mock('../../api/teams.js', () => ({
  listTeams: vi.fn(async () => [{ id: 'team00000001', siteId: 'site00000001', name: 'Sales', memberIds: ['agent0000002'], createdAt: 0 }]),
}));

const { startRealtime } = await import('../../state/realtime.js');
const { authState, currentAgent } = await import('../../state/session.js');
const { navigate, route } = await import('../../state/router.js');
const { resetSupervisor } = await import('../../state/supervisor.js');
const { resetTeams } = await import('../../state/teams.js');
const { resetTriggers } = await import('../../state/triggers.js');
const { Supervisor } = await import('./Supervisor.js');
const { TopBar } = await import('../../components/TopBar/TopBar.js');

const me = { id: 'agent0000001', name: 'Sam', role: 'supervisor' } as Agent;
const agents: AgentLoadView[] = [
  { id: 'agent0000002', name: 'Dora', role: 'agent', status: 'online', capacity: 3, active: 2, teamIds: ['team00000001'] },
  { id: 'agent0000003', name: 'Marc', role: 'agent', status: 'away', capacity: 2, active: 0, teamIds: [] },
];
let conversations: ConversationSummary[];
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

function server(overrides: Record<string, (payload: any) => object | undefined> = {}) {
  return (event: string, payload: any) => {
    if (overrides[event]) return overrides[event](payload);
    switch (event) {
      case 'inbox:sync':
        return { ok: true, mine: [], queue: [], pending: [] };
      case 'supervisor:overview':
        return { ok: true, agents, conversations };
      case 'message:sync':
        return { ok: true, messages: [], more: false };
      default:
        return undefined;
    }
  };
}

let root: HTMLElement;
let stop: () => void;
beforeAll(() => {
  stop = startRealtime();
});
afterAll(() => stop());
beforeEach(async () => {
  const now = Date.now();
  conversations = [
    summary({ id: 'waitAAAAAAAA', visitorName: 'Léa', assigneeId: 'agent0000002', assigneeName: 'Dora', teamId: 'team00000001', teamName: 'Sales', awaitingSince: now - 65_000 }),
    summary({ id: 'queuBBBBBBBB', visitorName: 'Tom', awaitingSince: now - 5_000 }),
    summary({ id: 'leftCCCCCCCC', visitorName: 'Zoé', status: 'pending', visitorEmail: 'zoe@example.com', awaitingSince: now - 3_600_000 }),
    summary({ id: 'doneDDDDDDDD', visitorName: 'Ana', assigneeId: 'agent0000003', assigneeName: 'Marc', awaitingSince: null }),
  ];
  socket = new FakeSocket(server());
  currentAgent.value = me;
  authState.value = 'authenticated';
  await flush();
  navigate({ name: 'supervisor' });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  vi.useRealTimers();
  resetSupervisor();
  resetTeams();
  resetTriggers();
  authState.value = 'anonymous';
  currentAgent.value = null;
  navigate({ name: 'inbox' }, { replace: true });
});

async function show() {
  act(() => render(<Supervisor />, root));
  await flush();
  await flush();
}
const chatRow = (id: string) => root.querySelector<HTMLElement>(`[data-part=supervisor-chats] [data-conversation-id=${id}]`)!;
const cell = (row: HTMLElement, part: string) => row.querySelector(`[data-part=${part}]`)?.textContent;

describe('Supervisor view', () => {
  it('shows each agent’s status, load and teams', async () => {
    await show();
    const dora = root.querySelector<HTMLElement>('[data-part=supervisor-agents] [data-agent-id=agent0000002]')!;
    expect(dora.textContent).toContain('Dora');
    expect(cell(dora, 'status')).toBe('Online');
    expect(cell(dora, 'load')).toBe('2/3');
    expect(dora.querySelector<HTMLElement>('[data-part=load-bar] > span')!.style.width).toBe('67%');
    expect(cell(dora, 'teams')).toBe('Sales');
    const marc = root.querySelector<HTMLElement>('[data-agent-id=agent0000003]')!;
    expect(cell(marc, 'status')).toBe('Away');
    expect(cell(marc, 'load')).toBe('0/2');
  });

  it('lists open and left-message chats with assignee, team, status and a live waiting time', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    await show();
    const waiting = chatRow('waitAAAAAAAA');
    expect(cell(waiting, 'visitor')).toBe('Léa');
    expect(cell(waiting, 'assignee')).toBe('Dora');
    expect(cell(waiting, 'team')).toBe('Sales');
    expect(cell(waiting, 'status')).toBe('Open');
    expect(cell(waiting, 'waiting')).toBe('1:05');
    expect(cell(chatRow('queuBBBBBBBB'), 'assignee')).toBe('Queue');
    expect(cell(chatRow('queuBBBBBBBB'), 'team')).toBe('—');
    expect(cell(chatRow('leftCCCCCCCC'), 'status')).toBe('Left message');
    expect(cell(chatRow('leftCCCCCCCC'), 'waiting')).toBe('1:00:00');
    expect(cell(chatRow('doneDDDDDDDD'), 'waiting')).toBe('—');

    act(() => void vi.advanceTimersByTime(2_000));
    expect(cell(chatRow('waitAAAAAAAA'), 'waiting')).toBe('1:07');
  });

  it('asks again, once, shortly after a burst of chat changes', async () => {
    await show();
    const before = socket.sent('supervisor:overview').length;
    conversations = [...conversations, summary({ id: 'newEEEEEEEEE', visitorName: 'Noé', awaitingSince: Date.now() })];
    socket.fire('conversation:update', conversations[4]);
    socket.fire('conversation:update', conversations[4]);
    await act(() => new Promise((resolve) => setTimeout(resolve, 350)));
    await flush();
    expect(socket.sent('supervisor:overview').length).toBe(before + 1);
    expect(chatRow('newEEEEEEEEE')).not.toBeNull();
  });

  it('watch opens the chat; take over emits conversation:takeover and opens it', async () => {
    await show();
    act(() => chatRow('queuBBBBBBBB').querySelector<HTMLElement>('[data-action=watch]')!.click());
    expect(route.value).toEqual({ name: 'conversation', id: 'queuBBBBBBBB' });

    navigate({ name: 'supervisor' });
    const taken = { ...conversations[0]!, assigneeId: me.id, assigneeName: me.name };
    socket.setResponder(server({ 'conversation:takeover': () => ({ ok: true, conversation: taken }) }));
    act(() => chatRow('waitAAAAAAAA').querySelector<HTMLElement>('[data-action=takeover]')!.click());
    await flush();
    expect(socket.sent('conversation:takeover')).toEqual([{ conversationId: 'waitAAAAAAAA' }]);
    expect(route.value).toEqual({ name: 'conversation', id: 'waitAAAAAAAA' });
  });

  it('shows a refused takeover on its row', async () => {
    socket.setResponder(server({ 'conversation:takeover': () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }) }));
    await show();
    act(() => chatRow('waitAAAAAAAA').querySelector<HTMLElement>('[data-action=takeover]')!.click());
    await flush();
    expect(cell(chatRow('waitAAAAAAAA'), 'takeover-error')).toBe('You do not have access to this chat.');
    expect(route.value).toEqual({ name: 'supervisor' });
  });

  it('links the view in the nav for supervisors and admins only', () => {
    act(() => render(<TopBar />, root));
    expect(root.querySelector('[data-test=nav-supervisor]')?.getAttribute('href')).toBe('/console/supervisor');
    act(() => void (currentAgent.value = { ...me, role: 'agent' }));
    expect(root.querySelector('[data-test=nav-supervisor]')).toBeNull();
    act(() => void (currentAgent.value = { ...me, role: 'admin' }));
    expect(root.querySelector('[data-test=nav-supervisor]')).not.toBeNull();
  });
});
