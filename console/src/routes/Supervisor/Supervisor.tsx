import type { AgentLoadView, ConversationSummary } from '@causette/shared';
import { useEffect, useState } from 'preact/hooks';
import { ConnectionBanner } from '../../components/ConnectionBanner/ConnectionBanner.js';
import { TopBar } from '../../components/TopBar/TopBar.js';
import { locale, t, type MessageKey } from '../../i18n/i18n.js';
import { waitingTime } from '../../lib/format.js';
import { onLinkClick, pathOf } from '../../state/router.js';
import { currentAgent } from '../../state/session.js';
import { followOverview, overview, overviewError, takeOver, takeoverErrors, takeoverPending } from '../../state/supervisor.js';
import { loadTeams, teamsBySite } from '../../state/teams.js';
import { loadSites, sites } from '../../state/triggers.js';
import './Supervisor.css';

/** Ticks every second while the screen is shown, so waiting times move as the supervisor watches. */
function useClock(everyMs: number): number {
  const [at, setAt] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setAt(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return at;
}

/** Team names by id, from the sites' team lists and from the chats, which carry their team's name. */
function teamNames(conversations: readonly ConversationSummary[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const teams of Object.values(teamsBySite.value)) for (const team of teams) names.set(team.id, team.name);
  for (const c of conversations) if (c.teamId && c.teamName && !names.has(c.teamId)) names.set(c.teamId, c.teamName);
  return names;
}

/** Every agent's load and every chat waiting on the supervisor's sites, live; watch a chat or take it over. */
export function Supervisor() {
  useEffect(() => followOverview(), []);
  useEffect(() => {
    void loadSites().then(() => {
      for (const site of sites.peek()) void loadTeams(site.id, true);
    });
  }, []);
  const data = overview.value;
  const error = overviewError.value;
  const names = teamNames(data?.conversations ?? []);
  return (
    <div class="shell">
      <TopBar />
      <ConnectionBanner />
      <main class="supervisor-page">
        <header class="supervisor-page__head">
          <h1>{t('supervisor.title')}</h1>
          <p class="hint">{t('supervisor.subtitle')}</p>
        </header>
        {error && (
          <p class="form-error" role="alert" data-part="supervisor-error">
            {t('supervisor.failed', { message: error })}
          </p>
        )}
        {!data && !error && (
          <p class="hint" role="status">
            {t('supervisor.loading')}
          </p>
        )}
        {data && (
          <>
            <AgentsTable agents={data.agents} names={names} />
            <ChatsTable conversations={data.conversations} names={names} />
          </>
        )}
      </main>
    </div>
  );
}

function AgentsTable({ agents, names }: { agents: readonly AgentLoadView[]; names: Map<string, string> }) {
  return (
    <section class="supervisor-section" aria-labelledby="supervisor-agents-title">
      <h2 id="supervisor-agents-title">{t('supervisor.agents')}</h2>
      {agents.length === 0 ? (
        <p class="hint">{t('supervisor.noAgents')}</p>
      ) : (
        <div class="data-table-wrap">
          <table class="data-table supervisor-table" data-part="supervisor-agents">
            <thead>
              <tr>
                <th scope="col">{t('supervisor.col.agent')}</th>
                <th scope="col">{t('supervisor.col.status')}</th>
                <th scope="col">{t('supervisor.col.load')}</th>
                <th scope="col">{t('supervisor.col.teams')}</th>
              </tr>
            </thead>
            <tbody>
              {agents.map((agent) => (
                <AgentRow key={agent.id} agent={agent} names={names} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AgentRow({ agent, names }: { agent: AgentLoadView; names: Map<string, string> }) {
  const capacity = Math.max(agent.capacity, 0);
  const ratio = capacity > 0 ? Math.min(1, agent.active / capacity) : 0;
  const full = capacity > 0 && agent.active >= capacity;
  const teams = agent.teamIds.map((id) => names.get(id) ?? id);
  return (
    <tr data-agent-id={agent.id} class={agent.status === 'offline' ? 'is-offline' : undefined}>
      <th scope="row" class="supervisor-table__who">
        <bdi>{agent.name}</bdi>
      </th>
      <td>
        <span class={`dot${agent.status === 'online' ? ' is-online' : agent.status === 'away' ? ' is-away' : ''}`} aria-hidden="true" />{' '}
        <span data-part="status">{t(`supervisor.status.${agent.status}` as MessageKey)}</span>
      </td>
      <td>
        <div class="supervisor-load">
          <span data-part="load" aria-hidden="true">
            {`${agent.active}/${capacity}`}
          </span>
          <span class="visually-hidden">{t('supervisor.loadLabel', { active: agent.active, capacity })}</span>
          <span class={`supervisor-load__bar${full ? ' is-full' : ''}`} data-part="load-bar" aria-hidden="true">
            <span style={{ width: `${Math.round(ratio * 100)}%` }} />
          </span>
        </div>
      </td>
      <td data-part="teams">{teams.length ? teams.join(', ') : t('supervisor.none')}</td>
    </tr>
  );
}

function ChatsTable({ conversations, names }: { conversations: readonly ConversationSummary[]; names: Map<string, string> }) {
  const now = useClock(1_000);
  const agentId = currentAgent.value?.id;
  const pending = takeoverPending.value;
  const errors = takeoverErrors.value;
  return (
    <section class="supervisor-section" aria-labelledby="supervisor-chats-title">
      <h2 id="supervisor-chats-title">{t('supervisor.chats')}</h2>
      {conversations.length === 0 ? (
        <p class="hint">{t('supervisor.noChats')}</p>
      ) : (
        <div class="data-table-wrap">
          <table class="data-table supervisor-table" data-part="supervisor-chats">
            <thead>
              <tr>
                <th scope="col">{t('supervisor.col.visitor')}</th>
                <th scope="col">{t('supervisor.col.assignee')}</th>
                <th scope="col">{t('supervisor.col.team')}</th>
                <th scope="col">{t('supervisor.col.chatStatus')}</th>
                <th scope="col">{t('supervisor.col.waiting')}</th>
                <th scope="col">{t('supervisor.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {conversations.map((c) => {
                const team = c.teamName ?? (c.teamId ? names.get(c.teamId) : null) ?? null;
                const mine = c.assigneeId !== null && c.assigneeId === agentId;
                const error = errors[c.id];
                return (
                  <tr key={c.id} data-conversation-id={c.id} class={c.awaitingSince !== null ? 'is-waiting' : undefined}>
                    <th scope="row" class="supervisor-table__who">
                      <bdi data-part="visitor">{c.visitorName}</bdi>
                      {c.visitorEmail && <bdi class="supervisor-table__email">{c.visitorEmail}</bdi>}
                    </th>
                    <td data-part="assignee">{c.assigneeName ?? (c.assigneeId ? c.assigneeId : t('supervisor.queue'))}</td>
                    <td data-part="team">{team ?? t('supervisor.none')}</td>
                    <td>
                      <span class={`chip${c.status === 'pending' ? ' chip--warn' : ' chip--muted'}`} data-part="status">
                        {t(`supervisor.chat.${c.status}` as MessageKey)}
                      </span>
                    </td>
                    <td class="supervisor-table__number" data-part="waiting">
                      {c.awaitingSince !== null ? <time dateTime={new Date(c.awaitingSince).toISOString()}>{waitingTime(c.awaitingSince, now, locale)}</time> : t('supervisor.none')}
                    </td>
                    <td class="supervisor-table__actions">
                      <a
                        href={pathOf({ name: 'conversation', id: c.id })}
                        class="button"
                        data-action="watch"
                        aria-label={t('supervisor.watchLabel', { name: c.visitorName })}
                        onClick={onLinkClick({ name: 'conversation', id: c.id })}
                      >
                        {t('supervisor.watch')}
                      </a>
                      {mine ? null : (
                        <button
                          type="button"
                          class="button button--primary"
                          data-action="takeover"
                          aria-label={t('supervisor.takeoverLabel', { name: c.visitorName })}
                          disabled={pending !== null}
                          onClick={() => void takeOver(c.id)}
                        >
                          {pending === c.id ? t('supervisor.takingOver') : t('supervisor.takeover')}
                        </button>
                      )}
                      {error && (
                        <p class="form-error supervisor-table__error" role="alert" data-part="takeover-error">
                          {error}
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
