import type { AuditEntry } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fetchAuditPage = vi.fn();
vi.mock('../../api/audit.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/audit.js')>()),
  fetchAuditPage: (...args: unknown[]) => fetchAuditPage(...args),
  listAgents: vi.fn(async () => ({ items: [{ id: 'agentOlga001', name: 'Olga', email: 'olga@example.com' }] })),
}));

const { AuditLog } = await import('./AuditLog.js');

const entry = (id: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: Date.UTC(2026, 2, 1, 10, 0),
  action: 'agent.role_changed',
  actorId: 'admin0000001',
  actorLabel: 'Ada <ada@example.com>',
  targetType: 'agent',
  targetId: 'agentOlga001',
  targetLabel: 'Olga <olga@example.com>',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 Firefox/140',
  changes: { role: { from: 'agent', to: 'supervisor' } },
  ...over,
});

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  fetchAuditPage.mockReset();
});
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const rows = () => [...root.querySelectorAll('[data-part=audit-table] tbody tr')];
const cells = (row: Element) => [...row.querySelectorAll('td')].map((td) => td.textContent);

describe('AuditLog', () => {
  it('shows who did what to whom, from where and the change, newest first, then loads older entries', async () => {
    fetchAuditPage.mockResolvedValueOnce({ items: [entry('entry0000002'), entry('entry0000001', { action: 'auth.sign_in_failed', actorId: null, actorLabel: 'who@example.com', changes: {} })], next: 'c1' });
    act(() => render(<AuditLog />, root));
    await flush();
    expect(rows()).toHaveLength(2);
    const [, who, what, target, where, change] = cells(rows()[0]!);
    expect([who, what, target, where, change]).toEqual(['Ada <ada@example.com>', 'Role changed', 'Olga <olga@example.com>', '203.0.113.7Mozilla/5.0 Firefox/140', 'role: agent → supervisor']);
    expect(rows()[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2026-03-01T10:00:00.000Z');
    expect(cells(rows()[1]!).slice(1, 3)).toEqual(['who@example.com', 'Sign-in failed']);

    fetchAuditPage.mockResolvedValueOnce({ items: [entry('entry0000000', { action: 'trigger.deleted', targetLabel: 'Cart helper' })], next: null });
    act(() => root.querySelector<HTMLButtonElement>('[data-test=audit-load-older]')!.click());
    await flush();
    expect(fetchAuditPage).toHaveBeenLastCalledWith(expect.any(URLSearchParams), 'c1');
    expect(rows().map((r) => cells(r)[2])).toEqual(['Role changed', 'Sign-in failed', 'Trigger deleted']);
    expect(root.querySelector('[data-test=audit-load-older]')).toBeNull();
  });

  it('asks again with the filters applied, and the download link carries them', async () => {
    fetchAuditPage.mockResolvedValue({ items: [], next: null });
    act(() => render(<AuditLog />, root));
    await flush();
    expect(root.querySelector('[data-part=audit-empty]')!.textContent).toBe('No entries match these filters.');
    const action = root.querySelector<HTMLSelectElement>('select[name=action]')!;
    const actor = root.querySelector<HTMLSelectElement>('select[name=actorId]')!;
    act(() => {
      action.value = 'trigger.updated';
      action.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => {
      actor.value = 'agentOlga001';
      actor.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => root.querySelector<HTMLButtonElement>('[data-test=audit-apply]')!.click());
    await flush();
    const params = fetchAuditPage.mock.lastCall![0] as URLSearchParams;
    expect(Object.fromEntries(params)).toEqual({ action: 'trigger.updated', actorId: 'agentOlga001' });
    expect(root.querySelector('[data-test=audit-download-csv]')!.getAttribute('href')).toBe('/api/audit/export?action=trigger.updated&actorId=agentOlga001&format=csv');
    expect(root.querySelector('form[role=search]')!.getAttribute('aria-label')).toBe('Filter the audit log');
  });
});
