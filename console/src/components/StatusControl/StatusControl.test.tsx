import type { Agent } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../../testing/fake-socket.js';

let socket: FakeSocket;
vi.mock('../../api/socket.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/socket.js')>()),
  createAgentSocket: () => socket,
}));

const { startRealtime } = await import('../../state/realtime.js');
const { IDLE_AWAY_MS, startAgentStatus } = await import('../../state/agent-status.js');
const { authState, currentAgent } = await import('../../state/session.js');
const { TopBar } = await import('../TopBar/TopBar.js');

const agent = (overrides: Partial<Agent> = {}) => ({ id: 'agent0000001', name: 'Ana', role: 'agent', status: 'offline', ...overrides }) as Agent;

function server(event: string, payload: any) {
  if (event === 'inbox:sync') return { ok: true, mine: [], queue: [] };
  if (event === 'agent:status') return { ok: true, status: payload.status };
  return undefined;
}

/** Acks arrive on microtasks, which fake timers leave alone. */
const settle = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
const select = () => root.querySelector<HTMLSelectElement>('[data-test=agent-status]');
const banner = () => root.querySelector('[data-test=auto-away]');
const statusSent = () => socket.sent('agent:status').map((p: { status: string }) => p.status);

let root: HTMLElement;
let stops: (() => void)[];
beforeAll(() => {
  stops = [startRealtime(), startAgentStatus()];
});
afterAll(() => stops.forEach((stop) => stop()));

async function signIn(who: Agent) {
  socket = new FakeSocket(server);
  currentAgent.value = who;
  authState.value = 'authenticated';
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<TopBar />, root));
  await settle();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  authState.value = 'anonymous';
  currentAgent.value = null;
  vi.useRealTimers();
});

describe('agent status', () => {
  it('shows a connected agent whom the server lists as offline as online, and sends a change of status', async () => {
    await signIn(agent());
    expect(select()!.value).toBe('online');
    expect(statusSent()).toEqual([]);
    expect(root.querySelector('[data-test=nav-settings]')).toBeNull();

    select()!.value = 'away';
    act(() => {
      select()!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(statusSent()).toEqual(['away']);
    expect(select()!.value).toBe('away');
    expect(banner()).toBeNull();
  });

  it('starts from the status the server has, and keeps an away agent away after a reconnect', async () => {
    await signIn(agent({ status: 'away' }));
    expect(select()!.value).toBe('away');
    expect(statusSent()).toEqual(['away']);
  });

  it('sets an idle agent away after the idle delay, not before, and only the agent brings them back', async () => {
    await signIn(agent());
    await advance(IDLE_AWAY_MS - 1);
    expect(statusSent()).toEqual([]);

    await advance(1);
    await settle();
    expect(statusSent()).toEqual(['away']);
    expect(select()!.value).toBe('away');
    expect(banner()?.textContent).toContain('You were set to Away after 10 minutes without activity');

    // Coming back to the keyboard does not put the agent back in the rotation on its own.
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      window.dispatchEvent(new Event('pointerdown'));
    });
    await advance(IDLE_AWAY_MS * 2);
    await settle();
    expect(statusSent()).toEqual(['away']);
    expect(banner()).not.toBeNull();

    act(() => root.querySelector<HTMLButtonElement>('[data-test=back-online]')!.click());
    await settle();
    expect(statusSent()).toEqual(['away', 'online']);
    expect(select()!.value).toBe('online');
    expect(banner()).toBeNull();
  });

  it('counts any input as activity: the idle delay starts again from the last one', async () => {
    await signIn(agent());
    await advance(IDLE_AWAY_MS - 1_000);
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    });
    await advance(IDLE_AWAY_MS - 1);
    expect(statusSent()).toEqual([]);
    await advance(1);
    await settle();
    expect(statusSent()).toEqual(['away']);
  });

  it('gives marketers no status, and never sets them away', async () => {
    await signIn(agent({ role: 'marketer' }));
    expect(select()).toBeNull();
    await advance(IDLE_AWAY_MS * 2);
    expect(statusSent()).toEqual([]);
  });
});
