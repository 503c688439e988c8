import type { ConversationSummary, Team } from '@causette/shared';
import { roleCan } from '@causette/shared/permissions';
import { useEffect, useRef, useState } from 'preact/hooks';
import { listTeam, type TeamMember } from '../../api/team.js';
import { t } from '../../i18n/i18n.js';
import { transferConversation, type TransferTarget } from '../../state/realtime.js';
import { loadTeams, teamsBySite, teamsLoad } from '../../state/teams.js';
import { errorText } from '../../state/triggers.js';
import { useFocusTrap } from './focus-trap.js';
import './TransferDialog.css';

/** Who can take the chat over: the site's agents except its assignee and marketers (who hold no chats), online first. */
export function transferTargets(team: readonly TeamMember[], assigneeId: string | null): TeamMember[] {
  return team
    .filter((member) => member.id !== assigneeId && roleCan(member.role, 'conversations.reply'))
    .sort((a, b) => Number(b.online) - Number(a.online) || a.active / (a.capacity || 1) - b.active / (b.capacity || 1) || a.name.localeCompare(b.name));
}

type TeamLoad = { state: 'loading' } | { state: 'error'; message: string } | { state: 'loaded'; members: TeamMember[] };
/** One choice across both lists: an agent takes the chat, a team's queue routes it again. */
type Choice = { kind: 'agent'; id: string } | { kind: 'team'; id: string };

export function targetOf(choice: Choice): TransferTarget {
  return choice.kind === 'agent' ? { toAgentId: choice.id } : { toTeamId: choice.id };
}

export function TransferDialog({ conversation, onClose }: { conversation: ConversationSummary; onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const [team, setTeam] = useState<TeamLoad>({ state: 'loading' });
  const [chosen, setChosen] = useState<Choice | null>(null);
  const [note, setNote] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useFocusTrap(dialog, () => !pending && onClose());

  useEffect(() => {
    let current = true;
    listTeam(conversation.siteId).then(
      ({ items }) => current && setTeam({ state: 'loaded', members: transferTargets(items, conversation.assigneeId) }),
      (err: unknown) => current && setTeam({ state: 'error', message: errorText(err) }),
    );
    return () => {
      current = false;
    };
  }, [conversation.siteId, conversation.assigneeId]);
  useEffect(() => void loadTeams(conversation.siteId), [conversation.siteId]);

  const confirm = async (event: Event) => {
    event.preventDefault();
    if (!chosen || pending) return;
    setPending(true);
    setError(null);
    const failure = await transferConversation(conversation.id, targetOf(chosen), note);
    setPending(false);
    if (failure) setError(failure);
    else onClose();
  };

  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && !pending && onClose()}>
      <div ref={dialog} class="modal transfer" role="dialog" aria-modal="true" aria-labelledby="transfer-title" aria-describedby="transfer-hint" data-test="transfer-dialog">
        <form onSubmit={confirm}>
          <h2 id="transfer-title">{t('transfer.title')}</h2>
          <p id="transfer-hint" class="hint">
            {t('transfer.hint')}
          </p>
          <h3 class="transfer__heading">{t('transfer.agents')}</h3>
          <Agents team={team} chosen={chosen?.kind === 'agent' ? chosen.id : null} onChoose={(id) => setChosen({ kind: 'agent', id })} />
          <h3 class="transfer__heading">{t('transfer.teams')}</h3>
          <Teams
            siteId={conversation.siteId}
            currentTeamId={conversation.teamId}
            chosen={chosen?.kind === 'team' ? chosen.id : null}
            onChoose={(id) => setChosen({ kind: 'team', id })}
          />
          <label class="transfer__note">
            {t('transfer.note')}
            <textarea
              name="transfer-note"
              rows={3}
              maxLength={2000}
              value={note}
              placeholder={t('transfer.notePlaceholder')}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
          {error && (
            <p class="form-error" role="alert" data-test="transfer-error">
              {error}
            </p>
          )}
          <div class="modal__actions">
            <button type="button" class="button" onClick={onClose} disabled={pending}>
              {t('transfer.cancel')}
            </button>
            <button type="submit" class="button button--primary" data-test="transfer-confirm" disabled={!chosen || pending}>
              {pending ? t('transfer.sending') : t('transfer.confirm')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function Agents({ team, chosen, onChoose }: { team: TeamLoad; chosen: string | null; onChoose: (id: string) => void }) {
  if (team.state === 'loading') return <p class="hint" role="status">{t('transfer.loading')}</p>;
  if (team.state === 'error') return <p class="form-error" role="alert">{t('transfer.failed', { message: team.message })}</p>;
  if (team.members.length === 0) return <p class="hint">{t('transfer.nobody')}</p>;
  return (
    <div class="transfer__agents" role="radiogroup" aria-label={t('transfer.agents')}>
      {team.members.map((member) => {
        const full = member.capacity > 0 && member.active >= member.capacity;
        return (
          <button
            key={member.id}
            type="button"
            role="radio"
            aria-checked={chosen === member.id}
            class={`transfer__agent${chosen === member.id ? ' is-chosen' : ''}`}
            data-test="transfer-agent"
            data-agent-id={member.id}
            onClick={() => onChoose(member.id)}
          >
            <span class={`dot${member.online ? ' is-online' : ''}`} title={member.online ? t('transfer.online') : t('transfer.offline')} aria-hidden="true" />
            <bdi class="transfer__name">{member.name}</bdi>
            <span class="visually-hidden">{member.online ? t('transfer.online') : t('transfer.offline')}</span>
            <span class={`chip${full ? ' chip--warn' : ' chip--muted'}`} data-test="transfer-load">
              {t('transfer.load', { active: member.active, capacity: member.capacity })}
            </span>
          </button>
        );
      })}
    </div>
  );
}

function Teams({ siteId, currentTeamId, chosen, onChoose }: { siteId: string; currentTeamId: string | null; chosen: string | null; onChoose: (id: string) => void }) {
  const teams: readonly Team[] | undefined = teamsBySite.value[siteId];
  const load = teamsLoad.value[siteId];
  if (!teams && load === 'error') return <p class="form-error">{t('transfer.teamsFailed', { message: t('error.unavailable') })}</p>;
  if (!teams) return <p class="hint" role="status">{t('transfer.teamsLoading')}</p>;
  if (teams.length === 0) return <p class="hint">{t('transfer.noTeams')}</p>;
  return (
    <div class="transfer__agents" role="radiogroup" aria-label={t('transfer.teams')}>
      {teams.map((team) => (
        <button
          key={team.id}
          type="button"
          role="radio"
          aria-checked={chosen === team.id}
          class={`transfer__agent${chosen === team.id ? ' is-chosen' : ''}`}
          data-test="transfer-team"
          data-team-id={team.id}
          onClick={() => onChoose(team.id)}
        >
          <bdi class="transfer__name">{team.name}</bdi>
          {team.id === currentTeamId && <span class="chip chip--muted">{t('transfer.currentTeam')}</span>}
          <span class="chip chip--muted">{t('transfer.teamMembers', { count: team.memberIds.length })}</span>
        </button>
      ))}
    </div>
  );
}
