import type { Team } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const team = (overrides: Partial<Team> = {}): Team => ({ id: 'team00000001', siteId: 'site00000001', name: 'Returns', memberIds: [], hours: null, createdAt: 0, ...overrides });
const teamsApi = { listTeams: vi.fn(), updateTeam: vi.fn() };
vi.mock('../../api/teams.js', () => ({
  listTeams: (...args: unknown[]) => teamsApi.listTeams(...args),
  createTeam: vi.fn(),
  updateTeam: (...args: unknown[]) => teamsApi.updateTeam(...args),
  deleteTeam: vi.fn(),
}));
vi.mock('../../api/team.js', () => ({ listTeam: vi.fn(async () => ({ items: [] })) }));

const { TeamsEditor } = await import('./TeamsEditor.js');
const { resetTeams } = await import('../../state/teams.js');

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  resetTeams();
});
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;

describe('TeamsEditor: a team’s hours', () => {
  it('uses the site’s hours until the admin gives it its own, and can go back to them (null)', async () => {
    teamsApi.listTeams.mockResolvedValue([team()]);
    const own = { timeZone: 'Europe/Paris', windows: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })) };
    teamsApi.updateTeam.mockImplementation(async (_id: string, body: Partial<Team>) => team({ hours: body.hours ?? null }));
    act(() => render(<TeamsEditor siteId="site00000001" />, root));
    await flush();
    expect($('[data-part=team-hours] summary').textContent).toBe('Business hours: Use the site’s hours');

    act(() => $<HTMLInputElement>('input[type=radio][value=own]').click());
    act(() => {
      const zone = $<HTMLSelectElement>('select[name=time-zone]');
      zone.value = 'Europe/Paris';
      zone.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => $('[data-action=save-hours]').click());
    await flush();
    expect(teamsApi.updateTeam).toHaveBeenLastCalledWith('team00000001', { hours: own });
    expect($('[data-part=team-hours] summary').textContent).toBe('Business hours: Own hours');

    act(() => $<HTMLInputElement>('input[type=radio][value=site]').click());
    act(() => $('[data-action=save-hours]').click());
    await flush();
    expect(teamsApi.updateTeam).toHaveBeenLastCalledWith('team00000001', { hours: null });
  });
});
