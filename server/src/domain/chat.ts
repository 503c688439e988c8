import {
  SYNC_PAGE_SIZE,
  stripBidiControls as plain,
  type Agent,
  type Attachment,
  type AgentCard,
  type AgentLoadView,
  type InboxSyncReply,
  type ConversationSummary,
  type Message,
  type OpeningState,
  type PrechatAnswers,
  type PublicSite,
  type SupervisorOverview,
  type VisitorConversation,
  type VisitorConversationItem,
} from '@causette/shared';
import { metaOf } from '../attachments/service.js';
import { openingState } from './hours.js';
import type { ConversationRecord, SiteWithSecret, Store } from '../store/store.js';
import { visitorLabel } from './mappers.js';
import { siteIdsFor } from './access.js';
import { DomainError } from './errors.js';
import { can } from './permissions.js';
import type { Notifier } from './notifier.js';
import { chooseAgent, estimateWait, overdue, type AgentLoad } from './routing/policy.js';

/** The queue a waiting conversation is in: its team's, or the site's. */
const queueKey = (c: { teamId: string | null }) => c.teamId ?? '';

/** The order of the line: first come, first served; same millisecond, by id (as the store counts places). */
const inLine = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface VisitorIdentity {
  visitorId: string;
  siteId: string;
}

/** Told after the fact (email notifications); never awaited, so they cannot slow or fail a chat. */
export interface ChatHooks {
  /** An agent's message reached the visitor's side (not a note). */
  agentReplied?(conv: ConversationRecord): void;
  /** A left message started a new pending conversation. */
  messageLeft?(conv: ConversationRecord, message: Message): void;
}

/**
 * Conversations and messages: every path that writes a message goes through here, so the delivery rule
 * (stored before acked, idempotent by clientId, ordered by seq) holds for sockets and REST alike.
 */
export class ChatService {
  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly now: () => number = Date.now,
    private readonly hooks: ChatHooks = {},
  ) {}

  /* ----- visitor side ----- */

  async visitorResume(
    who: VisitorIdentity,
    input: { conversationId?: string | undefined; afterSeq?: number | undefined },
  ): Promise<{ conversation: VisitorConversation | null; messages: Message[] }> {
    const conv = (await this.store.conversations.openFor(who.visitorId)) ?? (await this.store.conversations.latestFor(who.visitorId));
    if (!conv) return { conversation: null, messages: [] };
    const messages =
      input.afterSeq !== undefined && input.conversationId === conv.id
        ? await this.store.messages.after(conv.id, input.afterSeq, SYNC_PAGE_SIZE, { includeNotes: false })
        : await this.store.messages.latest(conv.id, SYNC_PAGE_SIZE, { includeNotes: false });
    return { conversation: await this.visitorView(conv), messages };
  }

  /**
   * `beforeNewConversation` runs (and may refuse, by throwing) when the visitor has no open conversation, before
   * anything else is read or written: the per-visitor and per-IP limits on new conversations.
   */
  async visitorSend(
    who: VisitorIdentity,
    input: {
      clientId: string;
      body: string;
      conversationId?: string | undefined;
      impressionId?: string | undefined;
      teamId?: string | undefined;
      prechat?: PrechatAnswers | undefined;
      attachmentId?: string | undefined;
    },
    options: { beforeNewConversation?: () => Promise<void> } = {},
  ): Promise<{ message: Message; conversation: VisitorConversation; duplicate: boolean }> {
    const open = await this.store.conversations.openFor(who.visitorId);
    if (!open && options.beforeNewConversation) await options.beforeNewConversation();
    // A new chat on a site with a pre-chat form: its required answers come with the first message.
    const prechat = open ? null : await this.prechatOf(who, input.prechat);
    // A resend may arrive after its conversation was closed: look for the clientId there first.
    if (input.conversationId) {
      const named = await this.store.conversations.byId(input.conversationId);
      if (named && named.visitorId === who.visitorId) {
        const earlier = await this.store.messages.byClientId(named.id, input.clientId);
        if (earlier) return { message: earlier, conversation: await this.visitorView(named), duplicate: true };
      }
    }
    let attachment: Omit<Attachment, 'url'> | null = null;
    if (input.attachmentId) {
      const upload = await this.unsentUpload(input.attachmentId, { uploader: 'visitor', uploaderId: who.visitorId, siteId: who.siteId }, input.clientId);
      if ('earlier' in upload) {
        const sentIn = await this.store.conversations.byId(upload.earlier.conversationId);
        if (sentIn) return { message: upload.earlier, conversation: await this.visitorView(sentIn), duplicate: true };
        throw new DomainError('not_found', 'No such upload.');
      }
      attachment = upload.meta;
    }
    const now = this.now();
    const { conversation: conv, created } = open ? { conversation: open, created: false } : await this.store.conversations.openOrCreate(who.siteId, who.visitorId, now);
    const { message, duplicate, after } = await this.store.messages.append(
      conv.id,
      // Signed with the visitor's label as their row says now (identify may have named them), read by the insert.
      {
        clientId: input.clientId,
        author: 'visitor',
        authorId: who.visitorId,
        authorName: null,
        authorLabelOf: who.visitorId,
        kind: attachment ? 'attachment' : 'text',
        body: input.body,
        ...(attachment ? { attachment } : {}),
      },
      now,
    );
    if (attachment && !duplicate) await this.store.attachments.attachToMessage(attachment.id, { conversationId: conv.id, messageId: message.id, visitorId: who.visitorId });
    // Whether anything below changes the conversation after the append; if not, the append's snapshot is fresh.
    let changed = false;
    // A reply to a teaser credits the conversation to its trigger and variant (only the visitor's own teaser),
    // and a trigger that names a team sends the chat to that team's queue.
    let teamId = created && input.teamId && (await this.store.teams.byId(input.teamId))?.siteId === who.siteId ? input.teamId : null;
    if (input.impressionId && !duplicate) {
      const impression = await this.store.impressions.byId(input.impressionId);
      if (impression && impression.visitorId === who.visitorId) {
        changed = true;
        await this.store.conversations.setImpression(conv.id, impression.id);
        await this.store.impressions.attachConversation(impression.id, conv.id);
        await this.store.impressions.markOpened(impression.id, now);
        const trigger = created ? await this.store.triggers.byId(impression.triggerId) : null;
        if (trigger?.teamId && (await this.store.teams.byId(trigger.teamId))?.siteId === who.siteId) teamId ??= trigger.teamId;
      }
    }
    if (teamId) {
      changed = true;
      await this.store.conversations.setTeam(conv.id, teamId, now);
    }
    if (created && !duplicate && prechat && Object.keys(prechat).length) {
      changed = true;
      await this.store.conversations.setFields(conv.id, prechat);
    }
    // A message left while no one was online: the visitor is back and writing, so it is a live chat again.
    const reopened = !duplicate && conv.status === 'pending';
    if (reopened) await this.store.conversations.setStatus(conv.id, 'open', now);
    if ((created || (reopened && conv.assigneeId === null)) && !duplicate) await this.route(conv.id, who.siteId, who.visitorId);
    const snapshot = after && !changed && !reopened && !created ? after : undefined;
    const fresh = snapshot?.conversation ?? (await this.store.conversations.byId(conv.id)) ?? conv;
    const view = await this.visitorView(fresh, undefined, snapshot?.assignee);
    if (!duplicate) {
      if (created || reopened) this.notifier.toVisitor(who.visitorId, 'conversation:update', view);
      this.notifier.toVisitor(who.visitorId, 'message:new', message);
      await this.announce(fresh.id, message, snapshot?.summary);
    }
    return { message, conversation: view, duplicate };
  }

  /**
   * No agent online: the visitor leaves an address and a message. A new conversation is `pending` (answered
   * later by email or when the visitor returns); a visitor already in a chat just adds to it.
   */
  async leaveMessage(
    who: VisitorIdentity,
    input: { clientId: string; email: string; name?: string | undefined; body: string },
  ): Promise<{ message: Message; conversation: VisitorConversation; duplicate: boolean }> {
    const now = this.now();
    const visitor = await this.store.visitors.byId(who.visitorId);
    // A verified identity is the shop's word; an address typed in a form never replaces it.
    if (visitor && !visitor.verified) {
      const name = plain(input.name ?? '');
      await this.store.visitors.identify(who.visitorId, { email: plain(input.email), ...(name && !visitor.name ? { name } : {}), verified: false });
    }
    const { conversation: conv, created } = await this.store.conversations.openOrCreate(who.siteId, who.visitorId, now);
    if (created) await this.store.conversations.setStatus(conv.id, 'pending', now);
    const named = (await this.store.visitors.byId(who.visitorId)) ?? visitor;
    const { message, duplicate } = await this.store.messages.append(
      conv.id,
      { clientId: input.clientId, author: 'visitor', authorId: who.visitorId, authorName: named ? visitorLabel(named) : null, kind: 'text', body: input.body },
      now,
    );
    const fresh = (await this.store.conversations.byId(conv.id)) ?? conv;
    const view = await this.visitorView(fresh);
    if (!duplicate) {
      this.notifier.toVisitor(who.visitorId, 'conversation:update', view);
      this.notifier.toVisitor(who.visitorId, 'message:new', message);
      await this.announce(fresh.id, message);
      if (created) this.hooks.messageLeft?.(fresh, message);
    }
    return { message, conversation: view, duplicate };
  }

  /**
   * Checks the pre-chat answers against the site's form (required name, email and fields) for a visitor who is
   * not identified yet, stores name and email on the visitor (never over a verified identity), and returns the
   * custom answers to keep on the conversation (only the form's own fields, select answers among their options).
   */
  private async prechatOf(who: VisitorIdentity, typed: PrechatAnswers | undefined): Promise<Record<string, string> | null> {
    // Agents read these answers as names and labels: no bidi controls, and an answer of controls only is no answer.
    const answers = typed && {
      ...(typed.name !== undefined ? { name: plain(typed.name) } : {}),
      ...(typed.email !== undefined ? { email: plain(typed.email) } : {}),
      ...(typed.fields ? { fields: Object.fromEntries(Object.entries(typed.fields).map(([k, v]) => [k, plain(v)])) } : {}),
    };
    const site = await this.store.sites.byId(who.siteId);
    const form = site?.settings.prechat;
    const visitor = await this.store.visitors.byId(who.visitorId);
    if (!form?.enabled || !visitor) return null;
    const identified = visitor.verified || visitor.externalId !== null;
    if (!identified) {
      const missing: string[] = [];
      if (form.name === 'required' && !answers?.name && !visitor.name) missing.push('name');
      if (form.email === 'required' && !answers?.email && !visitor.email) missing.push('email');
      for (const f of form.fields) if (f.required && !answers?.fields?.[f.id]?.trim()) missing.push(f.label);
      if (missing.length) throw new DomainError('bad_request', `The pre-chat form needs: ${missing.join(', ')}.`);
    }
    if (!visitor.verified && (answers?.name || answers?.email)) {
      await this.store.visitors.identify(who.visitorId, {
        ...(answers.name && form.name !== 'off' ? { name: answers.name } : {}),
        ...(answers.email && form.email !== 'off' ? { email: answers.email } : {}),
        verified: false,
      });
    }
    const fields: Record<string, string> = {};
    for (const f of form.fields) {
      const value = answers?.fields?.[f.id]?.trim();
      if (!value) continue;
      if (f.type === 'select' && !(f.options ?? []).includes(value)) throw new DomainError('bad_request', `"${value}" is not a choice of ${f.label}.`);
      fields[f.id] = value;
    }
    return fields;
  }

  /** The visitor's device has received messages up to `seq`: agents see "delivered". */
  async visitorDelivered(who: VisitorIdentity, conversationId: string, seq: number): Promise<void> {
    const before = await this.ownedByVisitor(who, conversationId);
    const after = await this.store.conversations.markDelivered(conversationId, 'visitor', seq);
    if (!after || after.visitorDeliveredSeq === before.visitorDeliveredSeq) return;
    await this.announce(conversationId);
  }

  /** An agent's console has received messages up to `seq`: the visitor sees "delivered". */
  async agentDelivered(agent: Agent, conversationId: string, seq: number): Promise<void> {
    const before = await this.visibleToAgent(agent, conversationId);
    const after = await this.store.conversations.markDelivered(conversationId, 'agent', seq);
    if (!after || after.agentDeliveredSeq === before.agentDeliveredSeq) return;
    this.notifier.toVisitor(after.visitorId, 'conversation:update', await this.visitorView(after));
  }

  /** CSAT: the visitor rates a closed chat (again: the new rating replaces the old); agents see it at once. */
  async rate(who: VisitorIdentity, input: { conversationId: string; score: number; comment?: string | undefined }): Promise<VisitorConversation> {
    const conv = await this.ownedByVisitor(who, input.conversationId);
    if (conv.status !== 'resolved') throw new DomainError('conflict', 'A chat can be rated once it is closed.');
    const comment = input.comment?.trim() || null;
    await this.store.conversations.rate(conv.id, { score: input.score, comment, ratedAt: this.now() });
    const fresh = (await this.store.conversations.byId(conv.id)) ?? conv;
    const view = await this.visitorView(fresh);
    this.notifier.toVisitor(who.visitorId, 'conversation:update', view);
    await this.announce(conv.id);
    return view;
  }

  /** The visitor's conversations on this site, newest first, each with its last message (the history list). */
  async visitorHistory(who: VisitorIdentity): Promise<VisitorConversationItem[]> {
    const list = await this.store.conversations.listForVisitor(who.visitorId, 50);
    const agents = new Map<string, AgentCard | null>();
    return Promise.all(
      list.map(async (c) => {
        const [last] = await this.store.messages.latest(c.id, 1, { includeNotes: false });
        let agent: AgentCard | null = null;
        if (c.assigneeId) {
          if (!agents.has(c.assigneeId)) {
            const a = await this.store.agents.byId(c.assigneeId);
            agents.set(c.assigneeId, a ? { id: a.id, name: a.name, avatarUrl: a.avatarUrl } : null);
          }
          agent = agents.get(c.assigneeId) ?? null;
        }
        return { id: c.id, status: c.status, agent, lastMessage: last ?? null, rating: c.rating, createdAt: c.createdAt, updatedAt: c.updatedAt };
      }),
    );
  }

  /**
   * A team is about to be deleted: its waiting and open chats fall back to the site's queue. Returns what to call
   * once it is gone, which shows those chats to every agent of the site (they were hidden from non-members).
   */
  async beforeTeamDeleted(siteId: string, teamId: string): Promise<() => Promise<void>> {
    const all = await this.store.conversations.summaries({ siteIds: [siteId], status: ['open', 'pending'], limit: 5000 });
    const ids = all.filter((c) => c.teamId === teamId).map((c) => c.id);
    return async () => {
      for (const id of ids) await this.announce(id);
      await this.drain(siteId);
    };
  }

  /**
   * The site's teams as the pre-chat form offers them, each open or not now (its own hours, else the site's);
   * none when the form asks no topic.
   */
  async prechatTeams(siteId: string, known?: SiteWithSecret): Promise<NonNullable<PublicSite['teams']>> {
    const site = known ?? (await this.store.sites.byId(siteId));
    if (!site?.settings.prechat?.askTeam) return [];
    const now = this.now();
    const siteOpening = openingState(site.settings.hours, now);
    return (await this.store.teams.list(siteId)).map((t) => ({ id: t.id, name: t.name, opening: t.hours ? openingState(t.hours, now) : siteOpening }));
  }

  /** Open widgets of the site get its topics again (a team added, renamed, removed, opening or closing). */
  async announceTeams(siteId: string): Promise<void> {
    const site = await this.store.sites.byId(siteId);
    if (!site?.settings.prechat?.askTeam) return;
    this.notifier.toSiteVisitors(siteId, 'site:update', { name: site.name, settings: site.settings, teams: await this.prechatTeams(siteId, site) });
  }

  /** The site's opening hours now (always open without hours). */
  async opening(siteId: string): Promise<OpeningState> {
    const site = await this.store.sites.byId(siteId);
    return openingState(site?.settings.hours, this.now());
  }

  async visitorSync(who: VisitorIdentity, conversationId: string, afterSeq: number): Promise<{ messages: Message[]; more: boolean }> {
    await this.ownedByVisitor(who, conversationId);
    return this.page(conversationId, afterSeq, false);
  }

  /** The draft (typing preview) reaches agents only where the site allows it; the widget says so. */
  async visitorTyping(who: VisitorIdentity, conversationId: string, typing: boolean, draft?: string): Promise<void> {
    const conv = await this.ownedByVisitor(who, conversationId);
    if (conv.status === 'resolved') return;
    const site = draft === undefined ? null : await this.store.sites.byId(conv.siteId);
    const preview = draft !== undefined && site?.settings.typingPreview !== false;
    this.notifier.toConversationAgents(conv, 'typing:update', preview ? { conversationId, typing, draft } : { conversationId, typing });
  }

  async visitorRead(who: VisitorIdentity, conversationId: string, seq: number): Promise<void> {
    const before = await this.ownedByVisitor(who, conversationId);
    const after = await this.store.conversations.markRead(conversationId, 'visitor', seq);
    if (!after || after.visitorReadSeq === before.visitorReadSeq) return;
    this.notifier.toConversationAgents(after, 'read:update', { conversationId, seq: after.visitorReadSeq });
    this.notifier.toVisitor(who.visitorId, 'conversation:update', await this.visitorView(after));
    await this.announce(conversationId);
  }

  /* ----- routing ----- */

  /** When agents last received a chat, for the "idle the longest" tie-break (per process; a hint only). */
  private readonly lastAssigned = new Map<string, number>();

  private async loads(siteId: string): Promise<AgentLoad[]> {
    const [agents, counts, online, teams] = await Promise.all([
      this.store.agents.list(),
      this.store.conversations.openCounts([siteId]),
      this.notifier.agentsOnline(siteId),
      this.store.teams.list(siteId),
    ]);
    return agents
      .filter((a) => !a.disabled && can(a, 'conversations.reply') && (a.role === 'admin' || a.siteIds.includes(siteId)))
      .map((a) => ({
        agentId: a.id,
        name: a.name,
        // Connected to the console and not set away.
        status: online.includes(a.id) && a.status !== 'away' ? 'online' : 'offline',
        capacity: a.capacity,
        active: counts.get(a.id) ?? 0,
        lastAssignedAt: this.lastAssigned.get(a.id) ?? 0,
        teamIds: teams.filter((t) => t.memberIds.includes(a.id)).map((t) => t.id),
      }));
  }

  /**
   * Auto-assignment (sites with `routing: 'auto'`): the chosen agent gets the chat only if still under capacity
   * (atomic in the store); the reason is written to the timeline as an internal note. Returns true if assigned.
   */
  private async route(conversationId: string, siteId: string, visitorId: string): Promise<boolean> {
    const site = await this.store.sites.byId(siteId);
    if (site?.settings.routing !== 'auto') return false;
    const sticky = await this.store.conversations.lastAgentOf(visitorId);
    const teamId = (await this.store.conversations.byId(conversationId))?.teamId ?? null;
    const team = teamId ? await this.store.teams.byId(teamId) : null;
    // A refused assignment means that agent filled up meanwhile, which the next count shows, so choosing again
    // converges. In a burst many chats race for the same free agent at once: allow a try per agent (at least 3),
    // or chats would wait in the queue while agents still have room.
    let tries = 3;
    for (let attempt = 0; attempt < tries; attempt++) {
      const loads = await this.loads(siteId);
      tries = Math.max(tries, loads.length + 2);
      const choice = chooseAgent(loads, { stickyAgentId: sticky, teamId, teamName: team?.name ?? null });
      if (!choice) return false;
      const agent = loads.find((a) => a.agentId === choice.agentId)!;
      const now = this.now();
      if (!(await this.store.conversations.assignWithinCapacity(conversationId, agent.agentId, agent.capacity, now))) {
        if ((await this.store.conversations.byId(conversationId))?.assigneeId) return false;
        continue; // that agent filled up meanwhile: choose again
      }
      this.lastAssigned.set(agent.agentId, now);
      const { message } = await this.store.messages.append(
        conversationId,
        { clientId: `route-${now.toString(36)}-${agent.agentId.slice(0, 8)}`, author: 'system', authorId: null, authorName: null, kind: 'note', body: choice.reason[0]!.toUpperCase() + choice.reason.slice(1) },
        now,
      );
      this.notifier.toConversationAgents({ siteId, teamId, assigneeId: agent.agentId }, 'message:new', message);
      return true;
    }
    return false;
  }

  /** What the wait estimate needs, computed once per site and moment. */
  private async line(siteId: string): Promise<{ loads: AgentLoad[]; handled: number[] }> {
    const [loads, handled] = await Promise.all([this.loads(siteId), this.store.conversations.recentHandleSeconds(siteId, 50)]);
    return { loads, handled };
  }

  /** The line moved: every visitor still waiting on this site gets their new place and estimate. */
  async refreshQueue(siteId: string): Promise<void> {
    const waiting = await this.store.conversations.summaries({ siteIds: [siteId], status: 'open', assigneeId: null, limit: 500 });
    if (!waiting.length) return;
    const line = await this.line(siteId);
    for (const c of waiting) {
      const conv = await this.store.conversations.byId(c.id);
      if (conv) this.notifier.toVisitor(conv.visitorId, 'conversation:update', await this.visitorView(conv, line));
    }
  }

  /** Capacity freed up or an agent arrived: give waiting chats out, oldest first, while anyone has room. */
  async drain(siteId: string): Promise<void> {
    const site = await this.store.sites.byId(siteId);
    if (site?.settings.routing !== 'auto') return this.refreshQueue(siteId);
    const queue = (await this.store.conversations.summaries({ siteIds: [siteId], status: 'open', assigneeId: null })).sort(inLine);
    // Each team's queue drains on its own: a full Sales team does not hold up Support's line.
    const stuck = new Set<string>();
    for (const c of queue) {
      if (stuck.has(queueKey(c))) continue;
      if (!(await this.route(c.id, siteId, c.visitorId))) {
        stuck.add(queueKey(c));
        continue;
      }
      await this.announce(c.id);
      const fresh = await this.store.conversations.byId(c.id);
      if (fresh) this.notifier.toVisitor(fresh.visitorId, 'conversation:update', await this.visitorView(fresh));
    }
    await this.refreshQueue(siteId);
  }

  /** An agent sets themselves online or away; coming online takes waiting chats at once. */
  async setStatus(agent: Agent, status: 'online' | 'away'): Promise<{ status: 'online' | 'away' }> {
    await this.store.agents.update(agent.id, { status });
    for (const siteId of await siteIdsFor(this.store, agent)) {
      if (status === 'online') await this.drain(siteId);
      await this.announceAvailability(siteId);
    }
    return { status };
  }

  /** Whether anyone of the site can chat now: an agent connected and not away (full or not). */
  async agentsAvailable(siteId: string): Promise<boolean> {
    return (await this.loads(siteId)).some((a) => a.status === 'online');
  }

  /** Visitors of the site learn whether to offer a chat or the leave-a-message form. */
  async announceAvailability(siteId: string): Promise<void> {
    const [agentsOnline, opening] = await Promise.all([this.agentsAvailable(siteId), this.opening(siteId)]);
    this.notifier.toSiteVisitors(siteId, 'site:availability', { agentsOnline, opening });
  }

  /**
   * The agent has been gone past the grace period: their open chats go back to the queue (never stranded),
   * each with a note saying why, and are routed again where routing is automatic.
   */
  async requeueAgent(agentId: string): Promise<number> {
    const agent = await this.store.agents.byId(agentId);
    if (!agent) return 0;
    const siteIds = await siteIdsFor(this.store, agent);
    const mine = await this.store.conversations.summaries({ siteIds, status: 'open', assigneeId: agentId, limit: 1000 });
    for (const c of mine) {
      const now = this.now();
      if (!(await this.store.conversations.unassign(c.id, agentId, now))) continue;
      const { message } = await this.store.messages.append(
        c.id,
        { clientId: `requeue-${now.toString(36)}-${agentId.slice(0, 8)}`, author: 'system', authorId: null, authorName: null, kind: 'note', body: `Back in the queue: ${agent.name} went offline` },
        now,
      );
      await this.announce(c.id, message);
      const fresh = await this.store.conversations.byId(c.id);
      if (fresh) this.notifier.toVisitor(fresh.visitorId, 'conversation:update', await this.visitorView(fresh));
    }
    for (const siteId of new Set(mine.map((c) => c.siteId))) await this.drain(siteId);
    return mine.length;
  }

  /* ----- agent side ----- */

  async inbox(agent: Agent): Promise<InboxSyncReply> {
    const siteIds = await siteIdsFor(this.store, agent);
    const [mine, queue, pending, sees] = await Promise.all([
      this.store.conversations.summaries({ siteIds, status: 'open', assigneeId: agent.id }),
      this.store.conversations.summaries({ siteIds, status: 'open', assigneeId: null }),
      this.store.conversations.summaries({ siteIds, status: 'pending' }),
      this.teamSight(agent),
    ]);
    return { mine, queue: queue.filter(sees).sort(inLine), pending: pending.filter(sees).sort(inLine) };
  }

  async list(agent: Agent, filter: { status?: ConversationSummary['status']; assigneeId?: string | null }): Promise<ConversationSummary[]> {
    const [rows, sees] = await Promise.all([this.store.conversations.summaries({ siteIds: await siteIdsFor(this.store, agent), ...filter }), this.teamSight(agent)]);
    return rows.filter(sees);
  }

  /**
   * A team's chats are for its members: an agent sees chats in no team, their teams' chats and any chat they
   * hold. Supervisors and admins see every team's.
   */
  private async teamSight(agent: Agent): Promise<(c: { teamId: string | null; assigneeId: string | null }) => boolean> {
    if (can(agent, 'conversations.supervise')) return () => true;
    const mine = new Set(await this.store.teams.idsOf(agent.id));
    return (c) => c.teamId === null || mine.has(c.teamId) || c.assigneeId === agent.id;
  }

  async get(agent: Agent, conversationId: string): Promise<ConversationSummary> {
    await this.visibleToAgent(agent, conversationId);
    const summary = await this.store.conversations.summary(conversationId);
    if (!summary) throw new DomainError('not_found', 'No such conversation.');
    return summary;
  }

  async take(agent: Agent, conversationId: string): Promise<ConversationSummary> {
    const conv = await this.visibleToAgent(agent, conversationId);
    if (conv.assigneeId === agent.id) return this.get(agent, conversationId);
    if (conv.status === 'resolved') throw new DomainError('conversation_closed', 'This conversation is closed.');
    if (conv.status === 'pending') await this.store.conversations.setStatus(conversationId, 'open', this.now());
    const won = await this.store.conversations.take(conversationId, agent.id, this.now());
    if (!won) throw new DomainError('conflict', 'Another agent has already taken this conversation.');
    const summary = await this.announce(conversationId);
    const fresh = await this.store.conversations.byId(conversationId);
    if (fresh) this.notifier.toVisitor(fresh.visitorId, 'conversation:update', await this.visitorView(fresh));
    await this.refreshQueue(conv.siteId);
    return summary;
  }

  async close(agent: Agent, conversationId: string): Promise<ConversationSummary> {
    const conv = await this.visibleToAgent(agent, conversationId);
    if (conv.status === 'resolved') return this.get(agent, conversationId);
    const resolved = await this.store.conversations.resolve(conversationId, this.now());
    if (resolved) this.notifier.toVisitor(resolved.visitorId, 'conversation:update', await this.visitorView(resolved));
    const summary = await this.announce(conversationId);
    await this.drain(conv.siteId);
    return summary;
  }

  async agentSend(
    agent: Agent,
    input: { conversationId: string; clientId: string; body: string; kind?: 'text' | 'note' | undefined; attachmentId?: string | undefined },
  ): Promise<{ message: Message; duplicate: boolean }> {
    const conv = await this.visibleToAgent(agent, input.conversationId);
    let attachment: Omit<Attachment, 'url'> | null = null;
    if (input.attachmentId) {
      if (input.kind === 'note') throw new DomainError('bad_request', 'An internal note cannot carry a file.');
      const upload = await this.unsentUpload(input.attachmentId, { uploader: 'agent', uploaderId: agent.id, siteId: conv.siteId, conversationId: conv.id }, input.clientId);
      if ('earlier' in upload) return { message: upload.earlier, duplicate: true };
      attachment = upload.meta;
    }
    // A resend returns what was stored, before any check or change below. In an open, assigned chat nothing below
    // happens before the append, which finds the resend itself (in its transaction): no need to look first.
    if (conv.status !== 'open' || conv.assigneeId === null) {
      const earlier = await this.store.messages.byClientId(conv.id, input.clientId);
      if (earlier) return { message: earlier, duplicate: true };
    }
    if (conv.status === 'resolved') throw new DomainError('conversation_closed', 'This conversation is closed.');
    const kind = attachment ? 'attachment' : (input.kind ?? 'text');
    // Answering a left message makes it a chat again.
    if (kind !== 'note' && conv.status === 'pending') await this.store.conversations.setStatus(conv.id, 'open', this.now());
    // Replying to a chat in the queue takes it: the visitor should know who answers.
    if (kind !== 'note' && conv.assigneeId === null) await this.store.conversations.take(conv.id, agent.id, this.now());
    const { message, duplicate, after } = await this.store.messages.append(
      conv.id,
      { clientId: input.clientId, author: 'agent', authorId: agent.id, authorName: agent.name, kind, body: input.body, ...(attachment ? { attachment } : {}) },
      this.now(),
    );
    if (attachment && !duplicate) await this.store.attachments.attachToMessage(attachment.id, { conversationId: conv.id, messageId: message.id, visitorId: conv.visitorId });
    if (!duplicate) {
      if (kind !== 'note') {
        if (conv.assigneeId === null || conv.status === 'pending') {
          // The append's snapshot is the conversation after the take and reopening above.
          const fresh = after?.conversation ?? (await this.store.conversations.byId(conv.id));
          if (fresh) this.notifier.toVisitor(conv.visitorId, 'conversation:update', await this.visitorView(fresh, undefined, after?.assignee));
        }
        this.notifier.toVisitor(conv.visitorId, 'message:new', message);
        this.hooks.agentReplied?.(conv);
      }
      await this.announce(conv.id, message, after?.summary);
    }
    return { message, duplicate };
  }

  /**
   * Hand the conversation to another agent, or to a team's queue (routed again where routing is automatic).
   * The holder, anyone for a chat in the queue, and supervisors may transfer; agents also see the note.
   */
  async transfer(agent: Agent, input: { conversationId: string; toAgentId?: string | undefined; toTeamId?: string | undefined; note?: string | undefined }): Promise<ConversationSummary> {
    if ((input.toAgentId === undefined) === (input.toTeamId === undefined)) throw new DomainError('bad_request', 'Name exactly one of toAgentId and toTeamId.');
    const conv = await this.visibleToAgent(agent, input.conversationId);
    if (conv.status === 'resolved') throw new DomainError('conversation_closed', 'This conversation is closed.');
    if (conv.assigneeId !== null && conv.assigneeId !== agent.id && !can(agent, 'conversations.supervise')) {
      throw new DomainError('forbidden', 'Only the agent holding this chat, or a supervisor, can transfer it.');
    }
    if (input.toTeamId !== undefined) return this.transferToTeam(agent, conv, input.toTeamId, input.note);
    const target = await this.store.agents.byId(input.toAgentId!);
    if (!target || target.disabled || !can(target, 'conversations.reply') || !(await siteIdsFor(this.store, target)).includes(conv.siteId)) {
      throw new DomainError('not_found', 'No such agent on this site.');
    }
    if (conv.assigneeId === target.id) return this.get(agent, conv.id);
    return this.handTo(agent, conv, target, input.note ? `Transferred to ${target.name}: ${input.note}` : `Transferred to ${target.name}`);
  }

  /** A supervisor or admin takes the chat from whoever holds it (or from the queue). */
  async takeover(agent: Agent, conversationId: string): Promise<ConversationSummary> {
    if (!can(agent, 'conversations.supervise')) throw new DomainError('forbidden', 'Only supervisors and admins can take over a chat.');
    const conv = await this.visibleToAgent(agent, conversationId);
    if (conv.status === 'resolved') throw new DomainError('conversation_closed', 'This conversation is closed.');
    if (conv.assigneeId === agent.id) return this.get(agent, conv.id);
    const holder = conv.assigneeId ? await this.store.agents.byId(conv.assigneeId) : null;
    if (conv.status === 'pending') await this.store.conversations.setStatus(conv.id, 'open', this.now());
    return this.handTo(agent, conv, agent, holder ? `Taken over by ${agent.name} from ${holder.name}` : `Taken over by ${agent.name}`);
  }

  /** Give the chat to `target`: an internal note says why, the visitor sees who joined. */
  private async handTo(actor: Agent | null, conv: ConversationRecord, target: Agent, noteBody: string): Promise<ConversationSummary> {
    const now = this.now();
    await this.store.conversations.assign(conv.id, target.id, now);
    const stamp = `${now.toString(36)}-${target.id.slice(0, 8)}`;
    const note = await this.store.messages.append(
      conv.id,
      { clientId: `handover-note-${stamp}`, author: actor ? 'agent' : 'system', authorId: actor?.id ?? null, authorName: actor?.name ?? null, kind: 'note', body: noteBody },
      now,
    );
    const joined = await this.store.messages.append(
      conv.id,
      { clientId: `handover-event-${stamp}`, author: 'system', authorId: null, authorName: null, kind: 'event', body: `${target.name} joined the chat` },
      now,
    );
    const fresh = (await this.store.conversations.byId(conv.id))!;
    this.notifier.toVisitor(conv.visitorId, 'conversation:update', await this.visitorView(fresh));
    this.notifier.toVisitor(conv.visitorId, 'message:new', joined.message);
    this.notifier.toConversationAgents(fresh, 'message:new', note.message);
    await this.refreshQueue(conv.siteId);
    return this.announce(conv.id, joined.message);
  }

  private async transferToTeam(agent: Agent, conv: ConversationRecord, teamId: string, note: string | undefined): Promise<ConversationSummary> {
    const team = await this.store.teams.byId(teamId);
    if (!team || team.siteId !== conv.siteId) throw new DomainError('not_found', 'No such team on this site.');
    const now = this.now();
    await this.store.conversations.setTeam(conv.id, team.id, now);
    if (conv.assigneeId) await this.store.conversations.unassign(conv.id, conv.assigneeId, now);
    if (conv.status === 'pending') await this.store.conversations.setStatus(conv.id, 'open', now);
    const { message } = await this.store.messages.append(
      conv.id,
      {
        clientId: `team-note-${now.toString(36)}-${team.id.slice(0, 8)}`,
        author: 'agent',
        authorId: agent.id,
        authorName: agent.name,
        kind: 'note',
        body: note ? `Transferred to the ${team.name} team: ${note}` : `Transferred to the ${team.name} team`,
      },
      now,
    );
    // Agents outside the team lose sight of it; the team (and the one who sent it there) get the note.
    const moved = (await this.store.conversations.byId(conv.id))!;
    this.notifier.dropFromOutsiders(moved);
    this.notifier.toConversationAgents(moved, 'message:new', message);
    await this.route(conv.id, conv.siteId, conv.visitorId);
    const fresh = (await this.store.conversations.byId(conv.id))!;
    this.notifier.toVisitor(conv.visitorId, 'conversation:update', await this.visitorView(fresh));
    await this.refreshQueue(conv.siteId);
    return this.announce(conv.id);
  }

  /** Supervisors: every agent's load and status on their sites, and every open or pending chat. */
  async overview(agent: Agent): Promise<SupervisorOverview> {
    if (!can(agent, 'conversations.supervise')) throw new DomainError('forbidden', 'Only supervisors and admins can see the team overview.');
    const siteIds = await siteIdsFor(this.store, agent);
    const [agents, counts, online, teams, conversations] = await Promise.all([
      this.store.agents.list(),
      this.store.conversations.openCounts(siteIds),
      Promise.all(siteIds.map((id) => this.notifier.agentsOnline(id))).then((lists) => new Set(lists.flat())),
      Promise.all(siteIds.map((id) => this.store.teams.list(id))).then((lists) => lists.flat()),
      this.store.conversations.summaries({ siteIds, status: ['open', 'pending'], limit: 500 }),
    ]);
    const rows: AgentLoadView[] = agents
      .filter((a) => !a.disabled && can(a, 'conversations.reply') && (a.role === 'admin' || a.siteIds.some((id) => siteIds.includes(id))))
      .map((a) => ({
        id: a.id,
        name: a.name,
        role: a.role,
        status: (!online.has(a.id) ? 'offline' : a.status === 'away' ? 'away' : 'online') as AgentLoadView['status'],
        capacity: a.capacity,
        active: counts.get(a.id) ?? 0,
        teamIds: teams.filter((t) => t.memberIds.includes(a.id)).map((t) => t.id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    // The longest waiting first; answered chats after, oldest first.
    const waitedSince = (c: ConversationSummary) => c.awaitingSince ?? Number.MAX_SAFE_INTEGER;
    conversations.sort((a, b) => waitedSince(a) - waitedSince(b) || a.createdAt - b.createdAt);
    return { agents: rows, conversations };
  }

  /**
   * SLA: chats whose agent has left the visitor waiting longer than the site allows go to another agent with
   * room (in the same team). Safe to run on every process at once: the move is conditional in the store.
   */
  async reassignOverdue(siteId: string): Promise<number> {
    const site = await this.store.sites.byId(siteId);
    const sla = site?.settings.slaSeconds ?? 0;
    if (!site || site.settings.routing !== 'auto' || sla <= 0) return 0;
    const now = this.now();
    const late = overdue(await this.store.conversations.overdue(siteId, now - sla * 1000), sla, now);
    let moved = 0;
    for (const conv of late) {
      const loads = (await this.loads(siteId)).filter((a) => a.agentId !== conv.assigneeId);
      const team = conv.teamId ? await this.store.teams.byId(conv.teamId) : null;
      const choice = chooseAgent(loads, { teamId: conv.teamId, teamName: team?.name ?? null });
      if (!choice) continue; // nobody else has room: it stays, and is tried again on the next sweep
      const target = await this.store.agents.byId(choice.agentId);
      const from = conv.assigneeId ? await this.store.agents.byId(conv.assigneeId) : null;
      if (!target || !(await this.store.conversations.reassignWithinCapacity(conv.id, conv.assigneeId!, target.id, target.capacity, now))) continue;
      this.lastAssigned.set(target.id, now);
      moved++;
      const stamp = `${now.toString(36)}-${target.id.slice(0, 8)}`;
      const note = await this.store.messages.append(
        conv.id,
        { clientId: `sla-note-${stamp}`, author: 'system', authorId: null, authorName: null, kind: 'note', body: `Reassigned to ${target.name}: ${from?.name ?? 'the previous agent'} did not answer within ${sla} s` },
        now,
      );
      const joined = await this.store.messages.append(
        conv.id,
        { clientId: `sla-event-${stamp}`, author: 'system', authorId: null, authorName: null, kind: 'event', body: `${target.name} joined the chat` },
        now,
      );
      const fresh = (await this.store.conversations.byId(conv.id))!;
      this.notifier.toVisitor(conv.visitorId, 'conversation:update', await this.visitorView(fresh));
      this.notifier.toVisitor(conv.visitorId, 'message:new', joined.message);
      this.notifier.toConversationAgents(fresh, 'message:new', note.message);
      await this.announce(conv.id, joined.message);
    }
    return moved;
  }

  /** An agent opens a chat with a visitor who is on the site: their message is the first one. */
  async startWith(agent: Agent, input: { visitorId: string; clientId: string; body: string }): Promise<{ conversation: ConversationSummary; message: Message }> {
    const visitor = await this.store.visitors.byId(input.visitorId);
    if (!visitor || !(await siteIdsFor(this.store, agent)).includes(visitor.siteId)) throw new DomainError('not_found', 'No such visitor.');
    const { conversation, created } = await this.store.conversations.openOrCreate(visitor.siteId, visitor.id, this.now());
    // A visitor already chatting with a colleague is theirs: writing into that chat would speak in their name.
    if (conversation.assigneeId !== null && conversation.assigneeId !== agent.id) {
      const holder = await this.store.agents.byId(conversation.assigneeId);
      throw new DomainError('conflict', `This visitor is already chatting with ${holder?.name ?? 'another agent'}.`);
    }
    if (conversation.assigneeId === null && !(await this.store.conversations.take(conversation.id, agent.id, this.now()))) {
      throw new DomainError('conflict', 'Another agent has just taken this visitor’s chat.');
    }
    const { message } = await this.agentSend(agent, { conversationId: conversation.id, clientId: input.clientId, body: input.body });
    if (created) {
      const fresh = await this.store.conversations.byId(conversation.id);
      if (fresh) this.notifier.toVisitor(visitor.id, 'conversation:update', await this.visitorView(fresh));
    }
    return { conversation: await this.get(agent, conversation.id), message };
  }

  async agentSync(agent: Agent, conversationId: string, afterSeq: number): Promise<{ messages: Message[]; more: boolean }> {
    await this.visibleToAgent(agent, conversationId);
    return this.page(conversationId, afterSeq, true);
  }

  async agentTyping(agent: Agent, conversationId: string, typing: boolean): Promise<void> {
    const conv = await this.visibleToAgent(agent, conversationId);
    if (conv.status === 'resolved') return;
    this.notifier.toVisitor(conv.visitorId, 'typing:update', { conversationId, typing, name: agent.name });
  }

  async agentRead(agent: Agent, conversationId: string, seq: number): Promise<void> {
    const before = await this.visibleToAgent(agent, conversationId);
    const after = await this.store.conversations.markRead(conversationId, 'agent', seq);
    if (!after || after.agentReadSeq === before.agentReadSeq) return;
    this.notifier.toVisitor(after.visitorId, 'read:update', { conversationId, seq: after.agentReadSeq });
    await this.announce(conversationId);
  }

  /* ----- helpers ----- */

  private async page(conversationId: string, afterSeq: number, includeNotes: boolean): Promise<{ messages: Message[]; more: boolean }> {
    const rows = await this.store.messages.after(conversationId, afterSeq, SYNC_PAGE_SIZE + 1, { includeNotes });
    return { messages: rows.slice(0, SYNC_PAGE_SIZE), more: rows.length > SYNC_PAGE_SIZE };
  }

  /** Someone else's conversation looks exactly like one that does not exist. */
  private async ownedByVisitor(who: VisitorIdentity, conversationId: string): Promise<ConversationRecord> {
    const conv = await this.store.conversations.byId(conversationId);
    if (!conv || conv.visitorId !== who.visitorId) throw new DomainError('not_found', 'No such conversation.');
    return conv;
  }

  /**
   * An upload a message may carry: the sender's own (same site; for agents, uploaded into this conversation) and
   * not sent yet; else it does not exist for them. One already sent in this message (same clientId) is the
   * resend of that message: `earlier` is what was stored.
   */
  private async unsentUpload(
    id: string,
    owner: { uploader: 'visitor' | 'agent'; uploaderId: string; siteId: string; conversationId?: string },
    clientId: string,
  ): Promise<{ meta: Omit<Attachment, 'url'> } | { earlier: Message }> {
    const file = await this.store.attachments.byId(id);
    if (
      !file ||
      file.uploader !== owner.uploader ||
      file.uploaderId !== owner.uploaderId ||
      file.siteId !== owner.siteId ||
      (owner.conversationId !== undefined && file.conversationId !== owner.conversationId)
    ) {
      throw new DomainError('not_found', 'No such upload.');
    }
    if (file.messageId === null) return { meta: metaOf(file) };
    const earlier = file.conversationId ? await this.store.messages.byClientId(file.conversationId, clientId) : null;
    if (earlier?.attachment?.id === file.id) return { earlier };
    throw new DomainError('not_found', 'No such upload: it was already sent.');
  }

  private async visibleToAgent(agent: Agent, conversationId: string): Promise<ConversationRecord> {
    const conv = await this.store.conversations.byId(conversationId);
    if (!conv || !(await siteIdsFor(this.store, agent)).includes(conv.siteId) || !(await this.teamSight(agent))(conv)) {
      throw new DomainError('not_found', 'No such conversation.');
    }
    return conv;
  }

  /**
   * Send the site's agents the new message (if any) and the conversation's fresh summary: `known` when the caller
   * has it from the append that wrote `message` (the same as `summary()` would read), else read here.
   */
  private async announce(conversationId: string, message?: Message, known?: ConversationSummary | null): Promise<ConversationSummary> {
    const summary = known ?? (await this.store.conversations.summary(conversationId));
    if (!summary) throw new DomainError('not_found', 'No such conversation.');
    if (message) this.notifier.toConversationAgents(summary, 'message:new', message);
    this.notifier.toConversationAgents(summary, 'conversation:update', summary);
    return summary;
  }

  /** `assignee`: the assignee's card when the caller has it (from an append's snapshot); read here otherwise. */
  async visitorView(conv: ConversationRecord, line?: { loads: AgentLoad[]; handled: number[] }, assignee?: AgentCard | null): Promise<VisitorConversation> {
    let agent: AgentCard | null = null;
    if (assignee !== undefined) agent = conv.assigneeId ? assignee : null;
    else if (conv.assigneeId) {
      const a = await this.store.agents.byId(conv.assigneeId);
      if (a) agent = { id: a.id, name: a.name, avatarUrl: a.avatarUrl };
    }
    let queue: VisitorConversation['queue'] = null;
    if (conv.status === 'open' && conv.assigneeId === null) {
      const position = (await this.store.conversations.queuedBefore(conv.siteId, conv.teamId, conv.createdAt, conv.id)) + 1;
      const { loads, handled } = line ?? (await this.line(conv.siteId));
      queue = { position, waitSeconds: estimateWait(position, loads, conv.teamId, handled) };
    }
    return {
      id: conv.id,
      status: conv.status,
      agent,
      lastSeq: conv.lastSeq,
      agentReadSeq: conv.agentReadSeq,
      agentDeliveredSeq: conv.agentDeliveredSeq,
      visitorReadSeq: conv.visitorReadSeq,
      rating: conv.rating,
      queue,
      createdAt: conv.createdAt,
    };
  }
}
