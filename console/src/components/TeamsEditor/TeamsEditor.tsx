import type { Team } from '@causette/shared';
import { roleCan } from '@causette/shared/permissions';
import { useEffect, useState } from 'preact/hooks';
import { listTeam, type TeamMember } from '../../api/team.js';
import { t } from '../../i18n/i18n.js';
import { addTeam, changeTeam, loadTeams, removeTeam, teamsBySite, teamsLoad } from '../../state/teams.js';
import { errorText, sites } from '../../state/triggers.js';
import { HoursEditor } from '../HoursEditor/HoursEditor.js';
import './TeamsEditor.css';

type Agents = { state: 'loading' } | { state: 'error'; message: string } | { state: 'loaded'; members: TeamMember[] };

/** Who can be in a team: the site's agents who hold chats (marketers hold none), by name. */
export function teamCandidates(members: readonly TeamMember[]): TeamMember[] {
  return members.filter((m) => roleCan(m.role, 'conversations.reply')).sort((a, b) => a.name.localeCompare(b.name));
}

/** The admin's list of a site's teams: create, rename, delete, and who is in each. */
export function TeamsEditor({ siteId }: { siteId: string }) {
  const [agents, setAgents] = useState<Agents>({ state: 'loading' });
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadTeams(siteId);
    let current = true;
    listTeam(siteId).then(
      ({ items }) => current && setAgents({ state: 'loaded', members: teamCandidates(items) }),
      (err: unknown) => current && setAgents({ state: 'error', message: errorText(err) }),
    );
    return () => {
      current = false;
    };
  }, [siteId]);

  const teams = teamsBySite.value[siteId];
  const load = teamsLoad.value[siteId];

  const create = async (event: Event) => {
    event.preventDefault();
    if (!name.trim() || creating) return;
    setCreating(true);
    setError(null);
    const failure = await addTeam(siteId, name);
    setCreating(false);
    if (failure) setError(failure);
    else setName('');
  };

  return (
    <section class="settings-form teams-editor" data-part="teams" aria-labelledby="teams-title">
      <div class="settings-form__group">
        <h2 id="teams-title" class="teams-editor__title">
          {t('teams.title')}
        </h2>
        <p class="hint">{t('teams.hint')}</p>
        {load === 'error' && !teams && (
          <p class="form-error" role="alert">
            {t('teams.loadFailed')}
          </p>
        )}
        {!teams && load !== 'error' && (
          <p class="hint" role="status">
            {t('teams.loading')}
          </p>
        )}
        {teams && teams.length === 0 && <p class="hint">{t('teams.empty')}</p>}
        {teams && teams.length > 0 && (
          <ul class="teams-editor__list" data-part="team-list">
            {teams.map((team) => (
              <TeamRow key={team.id} team={team} agents={agents} />
            ))}
          </ul>
        )}
        <form class="teams-editor__create" data-part="team-create" onSubmit={(e) => void create(e)}>
          <label class="field teams-editor__grow">
            {t('teams.newName')}
            <input name="new-team" maxLength={64} value={name} placeholder={t('teams.newPlaceholder')} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button" data-action="create-team" disabled={!name.trim() || creating}>
            {creating ? t('teams.creating') : t('teams.create')}
          </button>
        </form>
        {error && (
          <p class="form-error" role="alert" data-part="teams-error">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}

function TeamRow({ team, agents }: { team: Team; agents: Agents }) {
  const [name, setName] = useState(team.name);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setName(team.name), [team.name]);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    const failure = await action();
    setBusy(false);
    if (failure) setError(failure);
    return failure;
  };
  const rename = (event: Event) => {
    event.preventDefault();
    const next = name.trim();
    if (!next || next === team.name) return;
    void run(() => changeTeam(team, { name: next }));
  };
  const toggleMember = (agentId: string, on: boolean) => {
    const memberIds = on ? [...new Set([...team.memberIds, agentId])] : team.memberIds.filter((id) => id !== agentId);
    void run(() => changeTeam(team, { memberIds }));
  };
  const nameId = `team-name-${team.id}`;

  return (
    <li class="teams-editor__team" data-part="team-row" data-team-id={team.id} aria-busy={busy}>
      <form class="teams-editor__rename" onSubmit={rename}>
        <label class="visually-hidden" for={nameId}>
          {t('teams.name')}
        </label>
        <input id={nameId} name="team-name" maxLength={64} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="button" data-action="rename" disabled={busy || !name.trim() || name.trim() === team.name}>
          {t('teams.rename')}
        </button>
        {!confirming && (
          <button type="button" class="button button--ghost teams-editor__delete" data-action="delete" disabled={busy} onClick={() => setConfirming(true)}>
            {t('teams.delete')}
          </button>
        )}
      </form>
      {confirming && (
        <div class="teams-editor__confirm" role="alertdialog" aria-label={t('teams.confirmDelete', { name: team.name })} data-part="team-confirm">
          <span>{t('teams.confirmDelete', { name: team.name })}</span>
          <button
            type="button"
            class="button button--danger"
            data-action="confirm-delete"
            disabled={busy}
            onClick={() => void run(() => removeTeam(team)).then((failure) => failure && setConfirming(false))}
          >
            {t('teams.confirmYes')}
          </button>
          <button type="button" class="button" data-action="cancel-delete" disabled={busy} onClick={() => setConfirming(false)}>
            {t('teams.cancel')}
          </button>
        </div>
      )}
      <fieldset class="teams-editor__members" data-part="team-members" disabled={busy}>
        <legend>{t('teams.members', { count: team.memberIds.length })}</legend>
        {agents.state === 'loading' && <span class="hint">{t('teams.agentsLoading')}</span>}
        {agents.state === 'error' && <span class="form-error">{t('transfer.failed', { message: agents.message })}</span>}
        {agents.state === 'loaded' &&
          (agents.members.length === 0 ? (
            <span class="hint">{t('teams.noAgents')}</span>
          ) : (
            agents.members.map((member) => (
              <label key={member.id} class="check teams-editor__member">
                <input
                  type="checkbox"
                  name="member"
                  value={member.id}
                  checked={team.memberIds.includes(member.id)}
                  onChange={(e) => toggleMember(member.id, e.currentTarget.checked)}
                />
                {member.name}
              </label>
            ))
          ))}
      </fieldset>
      {error && (
        <p class="form-error" role="alert" data-part="team-error">
          {error}
        </p>
      )}
      <details class="teams-editor__hours" data-part="team-hours">
        <summary>
          {t('hours.title')}: {team.hours ? t('hours.teamOwn') : t('hours.teamSite')}
        </summary>
        <HoursEditor
          idPrefix={`team-hours-${team.id}`}
          mode="team"
          hours={team.hours}
          siteHours={sites.value.find((s) => s.id === team.siteId)?.settings.hours}
          legend={t('hours.teamLegend', { name: team.name })}
          onSave={(hours) => changeTeam(team, { hours })}
        />
      </details>
    </li>
  );
}
