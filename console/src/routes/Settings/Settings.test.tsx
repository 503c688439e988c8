import type { Agent, Site, Team } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';

const site = (overrides: Partial<Site> = {}): Site => ({
  id: 'site00000001',
  key: 'key',
  name: 'Shop',
  allowedOrigins: ['self'],
  settings: { requireConsent: false, greeting: 'Hello!', color: '#4F46E5' },
  createdAt: 0,
  ...overrides,
});

const listSites = vi.fn(async () => ({ items: [site()] }));
vi.mock('../../api/triggers.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/triggers.js')>()),
  listSites: () => listSites(),
  listTriggers: vi.fn(async () => ({ items: [] })),
}));
const updateSite = vi.fn();
vi.mock('../../api/sites.js', () => ({ updateSite: (...args: unknown[]) => updateSite(...args) }));

// The security rules load beside the site's settings; here they answer at once, so no real request goes out.
vi.mock('../../api/account.js', () => ({
  getSecuritySettings: vi.fn(async () => ({ requireTwoFactor: false, idleTimeoutMinutes: null })),
  saveSecuritySettings: vi.fn(),
}));

const team = (overrides: Partial<Team> = {}): Team => ({ id: 'team00000001', siteId: 'site00000001', name: 'Sales', memberIds: [], hours: null, createdAt: 0, ...overrides });
const teamsApi = { listTeams: vi.fn(), createTeam: vi.fn(), updateTeam: vi.fn(), deleteTeam: vi.fn() };
vi.mock('../../api/teams.js', () => ({
  listTeams: (...args: unknown[]) => teamsApi.listTeams(...args),
  createTeam: (...args: unknown[]) => teamsApi.createTeam(...args),
  updateTeam: (...args: unknown[]) => teamsApi.updateTeam(...args),
  deleteTeam: (...args: unknown[]) => teamsApi.deleteTeam(...args),
}));
vi.mock('../../api/team.js', () => ({
  listTeam: vi.fn(async () => ({
    items: [
      { id: 'agent0000001', name: 'Ada', role: 'admin', status: 'online', capacity: 3, active: 0, online: true },
      { id: 'agent0000002', name: 'Bo', role: 'agent', status: 'online', capacity: 3, active: 1, online: true },
      { id: 'agent0000003', name: 'Mia', role: 'marketer', status: 'offline', capacity: 1, active: 0, online: false },
    ],
  })),
}));

const { authState, currentAgent } = await import('../../state/session.js');
const { resetTriggers } = await import('../../state/triggers.js');
const { resetTeams } = await import('../../state/teams.js');
const { Settings } = await import('./Settings.js');

const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const q = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
function click(input: HTMLElement) {
  act(() => input.click());
}

let root: HTMLElement;
beforeEach(async () => {
  teamsApi.listTeams.mockResolvedValue([team()]);
  currentAgent.value = { id: 'agent0000001', name: 'Ada', role: 'admin', status: 'offline' } as Agent;
  authState.value = 'authenticated';
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<Settings />, root));
  await flush();
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  resetTriggers();
  resetTeams();
  updateSite.mockReset();
  for (const fn of Object.values(teamsApi)) fn.mockReset();
  authState.value = 'anonymous';
  currentAgent.value = null;
});

describe('site settings', () => {
  it('shows a site without routing as manual, and saves the whole form in one PATCH', async () => {
    expect(root.querySelector('[data-test=nav-settings]')).not.toBeNull();
    expect(q<HTMLInputElement>('input[name=routing][value=manual]').checked).toBe(true);

    updateSite.mockImplementation(async (id: string, body: { settings: Site['settings'] }) => site({ id, settings: body.settings }));
    click(q('input[name=routing][value=auto]'));
    click(q('input[name=requireConsent]'));
    click(q('[data-test=save-settings]'));
    await flush();

    expect(updateSite).toHaveBeenCalledWith('site00000001', {
      settings: {
        routing: 'auto',
        requireConsent: true,
        typingPreview: true,
        slaSeconds: 0,
        requireVerifiedIdentity: false,
        retentionDays: 0,
        visitorTokenDays: 30,
      },
    });
    expect(q('[data-test=settings-saved]').textContent).toBe('Settings saved.');
    expect(q<HTMLInputElement>('input[name=routing][value=auto]').checked).toBe(true);
  });

  it('bounds how long a visitor keeps access to their chats: 30 days unless set, 1 to 365', async () => {
    const days = q<HTMLInputElement>('input[name=visitorTokenDays]');
    expect(days.value).toBe('30');
    expect(days.labels?.[0]?.textContent).toContain('Visitors keep access to their chats for N days');
    expect(document.getElementById(days.getAttribute('aria-describedby')!)?.textContent).toContain('each visit renews it');

    act(() => type(days, '0'));
    click(q('[data-test=save-settings]'));
    await flush();
    expect(updateSite).not.toHaveBeenCalled();
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(q('[role=alert]').textContent).toBe('Visitor access: a whole number of days from 1 to 365.');

    updateSite.mockImplementation(async (id: string, body: { settings: Site['settings'] }) => site({ id, settings: body.settings }));
    act(() => type(days, '7'));
    click(q('[data-test=save-settings]'));
    await flush();
    expect(updateSite).toHaveBeenCalledWith('site00000001', { settings: expect.objectContaining({ visitorTokenDays: 7 }) });
  });

  it('says why a save failed and keeps what the admin typed', async () => {
    updateSite.mockRejectedValue(new ApiError(400, 'validation', 'body/settings/slaSeconds must be <= 3600'));
    act(() => type(q('input[name=slaSeconds]'), '120'));
    click(q('[data-test=save-settings]'));
    await flush();

    expect(q('[role=alert]').textContent).toContain('The settings were not saved: body/settings/slaSeconds must be <= 3600');
    expect(root.querySelector('[data-test=settings-saved]')).toBeNull();
    expect(q<HTMLInputElement>('input[name=slaSeconds]').value).toBe('120');
  });

  it('turns typing preview off and sets the reassignment delay', async () => {
    const preview = q<HTMLInputElement>('input[name=typingPreview]');
    expect(preview.checked).toBe(true);
    expect(root.textContent).toContain('Agents see what visitors type before they send it; the widget tells visitors.');
    expect(q<HTMLInputElement>('input[name=slaSeconds]').value).toBe('0');

    updateSite.mockImplementation(async (id: string, body: { settings: Site['settings'] }) => site({ id, settings: body.settings }));
    click(preview);
    act(() => type(q('input[name=slaSeconds]'), '90'));
    click(q('[data-test=save-settings]'));
    await flush();
    expect(updateSite.mock.calls[0]![1].settings).toMatchObject({ typingPreview: false, slaSeconds: 90 });
  });

  it('refuses a reassignment delay out of range without calling the server', async () => {
    act(() => type(q('input[name=slaSeconds]'), '5000'));
    click(q('[data-test=save-settings]'));
    await flush();
    expect(updateSite).not.toHaveBeenCalled();
    expect(q('[data-test=settings-error]').textContent).toContain('0 to 3600');
  });

  it('requires verified identity and sets a retention window, explaining both', async () => {
    const verified = q<HTMLInputElement>('input[name=requireVerifiedIdentity]');
    const retention = q<HTMLInputElement>('input[name=retentionDays]');
    expect(verified.checked).toBe(false);
    expect(retention.value).toBe('0');
    expect(retention.min).toBe('0');
    expect(retention.max).toBe('3650');
    expect(q(`#${verified.getAttribute('aria-describedby')}`).textContent).toBe(
      'Visitors identified by your shop must carry the HMAC of their id; others are refused.',
    );
    expect(retention.closest('label')!.textContent).toContain('Delete conversations and browsing data after N days');

    updateSite.mockImplementation(async (id: string, body: { settings: Site['settings'] }) => site({ id, settings: body.settings }));
    click(verified);
    act(() => type(retention, '30'));
    click(q('[data-test=save-settings]'));
    await flush();
    expect(updateSite.mock.calls[0]![1].settings).toMatchObject({ requireVerifiedIdentity: true, retentionDays: 30 });
    expect(q('[data-test=settings-saved]').textContent).toBe('Settings saved.');
  });

  it('shows a site’s saved privacy settings, and refuses a retention out of range without calling the server', async () => {
    act(() => render(null, root));
    listSites.mockResolvedValueOnce({ items: [site({ settings: { requireConsent: false, greeting: '', color: '#000000', requireVerifiedIdentity: true, retentionDays: 90 } })] });
    resetTriggers();
    act(() => render(<Settings />, root));
    await flush();
    expect(q<HTMLInputElement>('input[name=requireVerifiedIdentity]').checked).toBe(true);
    expect(q<HTMLInputElement>('input[name=retentionDays]').value).toBe('90');

    for (const bad of ['3651', '-1', '1.5']) {
      act(() => type(q('input[name=retentionDays]'), bad));
      click(q('[data-test=save-settings]'));
      await flush();
      expect(q('[data-test=settings-error]').textContent).toBe('Retention: a whole number of days from 0 to 3650.');
      expect(q<HTMLInputElement>('input[name=retentionDays]').getAttribute('aria-invalid')).toBe('true');
    }
    expect(updateSite).not.toHaveBeenCalled();
  });
});

describe('teams', () => {
  const row = () => q<HTMLElement>('[data-part=team-row][data-team-id=team00000001]');

  it('lists the site’s teams with its chat-holding agents as member checkboxes', () => {
    expect(teamsApi.listTeams).toHaveBeenCalledWith('site00000001');
    expect(q<HTMLInputElement>('[data-part=team-row] input[name=team-name]').value).toBe('Sales');
    const members = [...row().querySelectorAll<HTMLInputElement>('input[name=member]')].map((i) => i.value);
    expect(members).toEqual(['agent0000001', 'agent0000002']);
  });

  it('creates, renames and sets members', async () => {
    teamsApi.createTeam.mockImplementation(async (body: { siteId: string; name: string }) => team({ id: 'team00000002', ...body }));
    act(() => type(q('input[name=new-team]'), '  Support '));
    click(q('[data-action=create-team]'));
    await flush();
    expect(teamsApi.createTeam).toHaveBeenCalledWith({ siteId: 'site00000001', name: 'Support' });
    expect([...root.querySelectorAll<HTMLInputElement>('[data-part=team-row] input[name=team-name]')].map((i) => i.value)).toEqual(['Sales', 'Support']);

    teamsApi.updateTeam.mockImplementation(async (id: string, body: Partial<Team>) => team({ id, ...body }));
    act(() => type(row().querySelector<HTMLInputElement>('input[name=team-name]')!, 'Sales EU'));
    click(row().querySelector<HTMLElement>('[data-action=rename]')!);
    await flush();
    expect(teamsApi.updateTeam).toHaveBeenLastCalledWith('team00000001', { name: 'Sales EU' });

    click(row().querySelector<HTMLElement>('input[name=member][value=agent0000002]')!);
    await flush();
    expect(teamsApi.updateTeam).toHaveBeenLastCalledWith('team00000001', { memberIds: ['agent0000002'] });
    expect(row().querySelector<HTMLInputElement>('input[name=member][value=agent0000002]')!.checked).toBe(true);
  });

  it('deletes a team only after confirming', async () => {
    teamsApi.deleteTeam.mockResolvedValue(undefined);
    click(row().querySelector<HTMLElement>('[data-action=delete]')!);
    expect(teamsApi.deleteTeam).not.toHaveBeenCalled();
    expect(row().querySelector('[data-part=team-confirm]')!.textContent).toContain('Delete the team “Sales”?');
    click(row().querySelector<HTMLElement>('[data-action=cancel-delete]')!);
    expect(row().querySelector('[data-part=team-confirm]')).toBeNull();

    click(row().querySelector<HTMLElement>('[data-action=delete]')!);
    click(row().querySelector<HTMLElement>('[data-action=confirm-delete]')!);
    await flush();
    expect(teamsApi.deleteTeam).toHaveBeenCalledWith('team00000001');
    expect(root.querySelector('[data-part=team-row]')).toBeNull();
  });

  it('shows a refusal next to the team', async () => {
    teamsApi.updateTeam.mockRejectedValue(new ApiError(403, 'forbidden', 'admins only'));
    click(row().querySelector<HTMLElement>('input[name=member][value=agent0000001]')!);
    await flush();
    expect(row().querySelector('[data-part=team-error]')!.textContent).toBe('Only admins can change teams.');
  });
});
