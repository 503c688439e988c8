import type { ConversationSummary } from '@causette/shared';
import type { ComponentChildren } from 'preact';
import { t } from '../../i18n/i18n.js';
import { inbox, queueTeamFilter, unreadById } from '../../state/conversations.js';
import { filterByTeam, teamsIn } from '../../state/inbox.js';
import { openConversation, selectedConversationId } from '../../state/router.js';
import { currentAgent } from '../../state/session.js';
import { visitorContexts } from '../../state/visitors.js';
import { AssignedBadge } from '../AssignedBadge/AssignedBadge.js';
import { ConversationItem } from '../ConversationItem/ConversationItem.js';
import './ConversationList.css';

export function ConversationList() {
  const { mine, queue, pending } = inbox.value;
  const teams = teamsIn(queue);
  const shownQueue = filterByTeam(queue, queueTeamFilter.value);
  return (
    <div class="conversation-list">
      <Section title={t('inbox.mine')} test="mine" items={mine} empty={t('inbox.emptyMine')} badge={<AssignedBadge />} />
      <Section
        title={t('inbox.queue')}
        test="queue"
        items={shownQueue}
        count={queue.length}
        empty={t('inbox.emptyQueue')}
        tools={teams.length > 0 ? <TeamChips teams={teams} /> : null}
      />
      <Section title={t('inbox.pending')} test="pending" part="pending-list" items={pending} empty={t('inbox.emptyPending')} showEmail />
    </div>
  );
}

/** All, then each team that has chats waiting; a chosen team that empties falls back to All. */
function TeamChips({ teams }: { teams: { id: string; name: string }[] }) {
  const chosen = queueTeamFilter.value;
  const effective = chosen !== null && teams.some((team) => team.id === chosen) ? chosen : null;
  const chip = (id: string | null, label: string) => (
    <button
      key={id ?? 'all'}
      type="button"
      class={`team-chip${effective === id ? ' is-current' : ''}`}
      data-part="team-chip"
      data-team-id={id ?? ''}
      aria-pressed={effective === id}
      onClick={() => (queueTeamFilter.value = id)}
    >
      {label}
    </button>
  );
  return (
    <div class="conversation-list__chips" role="group" aria-label={t('inbox.teamFilter')} data-part="team-filter">
      {chip(null, t('inbox.allTeams'))}
      {teams.map((team) => chip(team.id, team.name))}
    </div>
  );
}

interface SectionProps {
  title: string;
  test: string;
  part?: string;
  items: ConversationSummary[];
  /** The heading's count when the list is filtered. */
  count?: number;
  empty: string;
  badge?: ComponentChildren;
  tools?: ComponentChildren;
  showEmail?: boolean;
}

function Section({ title, test, part, items, count, empty, badge, tools, showEmail }: SectionProps) {
  const headingId = `inbox-${test}`;
  const unread = unreadById.value;
  const selected = selectedConversationId.value;
  const contexts = visitorContexts.value;
  const agentId = currentAgent.value?.id;
  return (
    <section class="conversation-list__section" data-test={test} data-part={part} aria-labelledby={headingId}>
      <h2 id={headingId} class="conversation-list__heading">
        <span class="conversation-list__title">
          {title}
          {badge}
        </span>
        <span class="conversation-list__count">{count ?? items.length}</span>
      </h2>
      {tools}
      {items.length === 0 ? (
        <p class="conversation-list__empty">{empty}</p>
      ) : (
        <ul class="conversation-list__items">
          {items.map((summary) => (
            <ConversationItem
              key={summary.id}
              summary={summary}
              unread={unread[summary.id] ?? 0}
              selected={summary.id === selected}
              online={contexts[summary.visitorId]?.online}
              agentId={agentId}
              showEmail={showEmail}
              onSelect={openConversation}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
