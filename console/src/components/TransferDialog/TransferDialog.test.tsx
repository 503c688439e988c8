import type { Agent } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TeamMember } from '../../api/team.js';
import { FakeSocket } from '../../testing/fake-socket.js';
import { summary } from '../../testing/fixtures.js';

let socket: FakeSocket;
vi.mock('../../api/socket.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/socket.js')>()),
  createAgentSocket: () => socket,
}));
vi.mock('../../api/canned.js', () => ({ listCanned: vi.fn(async () => ({ items: [] })) }));
vi.mock('../../state/notifications.js', () => ({ notifyVisitorMessage: vi.fn(), notifyQueuedChat: vi.fn(), notifyTransferredChat: vi.fn() }));

const member = (overrides: Partial<TeamMember> & Pick<TeamMember, 'id' | 'name'>): TeamMember => ({
  role: 'agent',
  status: 'online',
  capacity: 3,
  active: 0,
  online: true,
  ...overrides,
});
const me = { id: 'agent0000001', name: 'Ana', role: 'agent' } as Agent;
const team: TeamMember[] = [
  member({ id: me.id, name: 'Ana', active: 1 }),
  member({ id: 'agent0000002', name: 'Dora', active: 2, capacity: 4 }),
  member({ id: 'agent0000003', name: 'Marc', online: false, active: 0, capacity: 2 }),
  member({ id: 'agent0000004', name: 'Mia', role: 'marketer' }),
];
vi.mock('../../api/team.js', () => ({ listTeam: vi.fn(async () => ({ items: team })) }));
vi.mock('../../api/teams.js', () => ({
  listTeams: vi.fn(async (siteId: string) => [
    { id: 'team00000001', siteId, name: 'Sales', memberIds: ['agent0000002'], createdAt: 0 },
    { id: 'team00000002', siteId, name: 'Support', memberIds: ['agent0000002', 'agent0000003'], createdAt: 0 },
  ]),
}));

const { startRealtime } = await import('../../state/realtime.js');
const { authState, currentAgent } = await import('../../state/session.js');
const { inbox, summaries } = await import('../../state/conversations.js');
const { navigate, route } = await import('../../state/router.js');
const { listTeam } = await import('../../api/team.js');
const { Conversation } = await import('../../routes/Conversation/Conversation.js');

const chat = summary({ id: 'chatAAAAAAAA', visitorName: 'Léa', assigneeId: me.id, assigneeName: me.name, teamId: 'team00000001', teamName: 'Sales' });
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

function server(transfer: (payload: any) => object | undefined = () => undefined) {
  return (event: string, payload: any) => {
    switch (event) {
      case 'inbox:sync':
        return { ok: true, mine: [chat], queue: [] };
      case 'message:sync':
        return { ok: true, messages: [], more: false };
      case 'visitor:context':
        return { ok: false, error: { code: 'not_found', message: 'gone' } };
      case 'conversation:transfer':
        return transfer(payload);
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
  socket = new FakeSocket(server());
  currentAgent.value = me;
  authState.value = 'authenticated';
  await flush();
  navigate({ name: 'conversation', id: chat.id });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  authState.value = 'anonymous';
  currentAgent.value = null;
  navigate({ name: 'inbox' }, { replace: true });
});

/** Renders the chat as the inbox shows it, kept in step with the store like the real screen. */
function showChat() {
  act(() => render(<Conversation conversation={summaries.value[chat.id] ?? chat} />, root));
}
async function openDialog() {
  showChat();
  const button = root.querySelector<HTMLButtonElement>('[data-test=transfer]')!;
  button.focus();
  act(() => button.click());
  await flush();
  return root.querySelector<HTMLElement>('[role=dialog]')!;
}
const agentButtons = () => [...root.querySelectorAll<HTMLButtonElement>('[data-test=transfer-agent]')];

describe('Transfer dialog', () => {
  it('lists the site’s agents with presence and load, without the assignee (or marketers)', async () => {
    const dialog = await openDialog();
    expect(dialog).not.toBeNull();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(listTeam).toHaveBeenCalledWith(chat.siteId);
    expect(agentButtons().map((b) => b.dataset.agentId)).toEqual(['agent0000002', 'agent0000003']);
    const [dora, marc] = agentButtons();
    expect(dora!.textContent).toContain('Dora');
    expect(dora!.textContent).toContain('2/4');
    expect(dora!.textContent).toContain('Online');
    expect(marc!.textContent).toContain('0/2');
    expect(marc!.textContent).toContain('Offline');
    expect(root.querySelector<HTMLButtonElement>('[data-test=transfer-confirm]')!.disabled).toBe(true);
  });

  it('sends the chosen agent and the note, then the chat leaves My chats', async () => {
    socket.setResponder(
      server((payload) => ({ ok: true, conversation: { ...chat, assigneeId: payload.toAgentId, assigneeName: 'Dora' } })),
    );
    await openDialog();
    act(() => agentButtons()[0]!.click());
    expect(agentButtons()[0]!.getAttribute('aria-checked')).toBe('true');
    const note = root.querySelector<HTMLTextAreaElement>('textarea[name=transfer-note]')!;
    act(() => {
      note.value = '  Wants a refund for order 1042  ';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => root.querySelector<HTMLButtonElement>('[data-test=transfer-confirm]')!.click());
    await flush();

    expect(socket.sent('conversation:transfer')).toEqual([
      { conversationId: chat.id, toAgentId: 'agent0000002', note: 'Wants a refund for order 1042' },
    ]);
    expect(inbox.value.mine.map((s) => s.id)).not.toContain(chat.id);
    expect(route.value).toEqual({ name: 'inbox' });
    expect(root.querySelector('[role=dialog]')).toBeNull();
  });

  it('leaves the note out when there is none, and shows a refusal inside the dialog', async () => {
    socket.setResponder(server(() => ({ ok: false, error: { code: 'conversation_closed', message: 'closed' } })));
    await openDialog();
    act(() => agentButtons()[1]!.click());
    act(() => root.querySelector<HTMLButtonElement>('[data-test=transfer-confirm]')!.click());
    await flush();
    expect(socket.sent('conversation:transfer')).toEqual([{ conversationId: chat.id, toAgentId: 'agent0000003' }]);
    expect(root.querySelector('[data-test=transfer-error]')!.textContent).toBe('This chat is closed.');
    expect(inbox.value.mine.map((s) => s.id)).toContain(chat.id);
  });

  it('offers the site’s teams and sends toTeamId with the note when one is chosen', async () => {
    socket.setResponder(server((payload) => ({ ok: true, conversation: { ...chat, assigneeId: null, assigneeName: null, teamId: payload.toTeamId, teamName: 'Support' } })));
    await openDialog();
    const teamButtons = () => [...root.querySelectorAll<HTMLButtonElement>('[data-test=transfer-team]')];
    expect(teamButtons().map((b) => b.dataset.teamId)).toEqual(['team00000001', 'team00000002']);
    expect(teamButtons()[0]!.textContent).toContain('current');
    expect(teamButtons()[1]!.textContent).toContain('2 members');

    act(() => agentButtons()[0]!.click());
    act(() => teamButtons()[1]!.click());
    expect(teamButtons()[1]!.getAttribute('aria-checked')).toBe('true');
    expect(agentButtons()[0]!.getAttribute('aria-checked')).toBe('false');
    const note = root.querySelector<HTMLTextAreaElement>('textarea[name=transfer-note]')!;
    act(() => {
      note.value = 'Billing question';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => root.querySelector<HTMLButtonElement>('[data-test=transfer-confirm]')!.click());
    await flush();
    expect(socket.sent('conversation:transfer')).toEqual([{ conversationId: chat.id, toTeamId: 'team00000002', note: 'Billing question' }]);
    expect(inbox.value.mine.map((s) => s.id)).not.toContain(chat.id);
  });

  it('closes on Escape and gives focus back to the Transfer button', async () => {
    await openDialog();
    expect(root.querySelector('[role=dialog]')!.contains(document.activeElement)).toBe(true);
    act(() => {
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(root.querySelector('[role=dialog]')).toBeNull();
    expect(document.activeElement).toBe(root.querySelector('[data-test=transfer]'));
    expect(socket.sent('conversation:transfer')).toEqual([]);
  });

  it('keeps Tab inside the dialog', async () => {
    const dialog = await openDialog();
    const focusables = [...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), textarea')];
    const last = focusables[focusables.length - 1]!;
    last.focus();
    act(() => {
      last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(focusables[0]);
  });

  it('offers no transfer for a closed chat', () => {
    act(() => render(<Conversation conversation={{ ...chat, status: 'resolved' }} />, root));
    expect(root.querySelector('[data-test=transfer]')).toBeNull();
  });
});
