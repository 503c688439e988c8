/**
 * The behaviour every Store must have, written once and run against each adapter
 * (SQLite now; PostgreSQL joins with the same suite).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS } from '../domain/bootstrap.js';
import type { AuditEntry } from '@causette/shared';
import type { AuditFilter, NewMessage, Store } from './store.js';

const text = (clientId: string, body = clientId): NewMessage => ({
  clientId,
  author: 'visitor',
  authorId: null,
  authorName: 'Visitor',
  kind: 'text',
  body,
});

export function storeSuite(name: string, open: () => Promise<{ store: Store; dispose: () => Promise<void> }>) {
  describe(`Store (${name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let siteId: string;

    beforeEach(async () => {
      ({ store, dispose } = await open());
      const site = await store.sites.create({ name: 'Shop', key: `k${Math.random().toString(36).slice(2)}`, allowedOrigins: ['self'], settings: DEFAULT_SITE_SETTINGS });
      siteId = site.id;
    });
    afterEach(async () => dispose());

    async function conversation() {
      const visitor = await store.visitors.create(siteId);
      const { conversation } = await store.conversations.openOrCreate(siteId, visitor.id, Date.now());
      return conversation;
    }

    it('assigns seq 1, 2, 3 in order and returns the same seq for a resent clientId', async () => {
      const conv = await conversation();
      const a = await store.messages.append(conv.id, text('client-aaaa'), 1);
      const b = await store.messages.append(conv.id, text('client-bbbb'), 2);
      const again = await store.messages.append(conv.id, text('client-aaaa', 'changed on resend'), 3);
      expect([a.message.seq, b.message.seq]).toEqual([1, 2]);
      expect(again).toMatchObject({ duplicate: true, message: { seq: 1, body: 'client-aaaa' } });
      const all = await store.messages.after(conv.id, 0, 100, { includeNotes: true });
      expect(all.map((m) => m.seq)).toEqual([1, 2]);
      expect((await store.conversations.byId(conv.id))!.lastSeq).toBe(2);
    });

    it('keeps seq gap-free and unique when many sends race on one conversation', async () => {
      const conv = await conversation();
      const ids = Array.from({ length: 40 }, (_, i) => `race-${String(i).padStart(4, '0')}`);
      // Every id sent twice at once: 80 concurrent appends, 40 distinct messages.
      const results = await Promise.all([...ids, ...ids].map((id) => store.messages.append(conv.id, text(id), Date.now())));
      const stored = await store.messages.after(conv.id, 0, 1000, { includeNotes: true });
      expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(stored.map((m) => m.clientId)).size).toBe(40);
      expect(results.filter((r) => r.duplicate)).toHaveLength(40);
      for (const r of results) expect(stored.find((m) => m.clientId === r.message.clientId)!.seq).toBe(r.message.seq);
    });

    it('starts exactly one open conversation when two starts race for one visitor', async () => {
      const visitor = await store.visitors.create(siteId);
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => store.conversations.openOrCreate(siteId, visitor.id, Date.now())));
      expect(new Set([a!.conversation.id, b!.conversation.id, c!.conversation.id]).size).toBe(1);
      expect([a, b, c].filter((r) => r!.created)).toHaveLength(1);
    });

    it('starts a new conversation once the previous one is resolved', async () => {
      const first = await conversation();
      await store.conversations.resolve(first.id, Date.now());
      const { conversation: second, created } = await store.conversations.openOrCreate(siteId, first.visitorId, Date.now());
      expect(created).toBe(true);
      expect(second.id).not.toBe(first.id);
      expect((await store.conversations.latestFor(first.visitorId))!.id).toBe(second.id);
    });

    it('lets exactly one of two agents take a chat', async () => {
      const conv = await conversation();
      const hash = 'scrypt$1$1$1$x$y';
      const [a1, a2] = await Promise.all(
        ['a@x.io', 'b@x.io'].map((email) => store.agents.create({ email, name: email, passwordHash: hash, role: 'agent', capacity: 3, siteIds: [siteId] })),
      );
      const wins = await Promise.all([store.conversations.take(conv.id, a1!.id, 1), store.conversations.take(conv.id, a2!.id, 1)]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = wins[0] ? a1! : a2!;
      expect((await store.conversations.byId(conv.id))!.assigneeId).toBe(winner.id);
      const summaries = await store.conversations.summaries({ siteIds: [siteId], status: 'open', assigneeId: winner.id });
      expect(summaries.map((s) => s.assigneeName)).toEqual([winner.name]);
    });

    it('never assigns an agent past their capacity, even when assignments race', async () => {
      const agent = await store.agents.create({ email: 'cap@x.io', name: 'Cap', passwordHash: 'scrypt$1$1$1$x$y', role: 'agent', capacity: 3, siteIds: [siteId] });
      const convs = await Promise.all(Array.from({ length: 10 }, () => conversation()));
      const results = await Promise.all(convs.map((c) => store.conversations.assignWithinCapacity(c.id, agent.id, 3, Date.now())));
      expect(results.filter(Boolean)).toHaveLength(3);
      expect((await store.conversations.openCounts([siteId])).get(agent.id)).toBe(3);
      expect(await store.conversations.lastAgentOf(convs[results.indexOf(true)]!.visitorId)).toBe(agent.id);
    });

    it('moves read state forward only, and never past the last message', async () => {
      const conv = await conversation();
      await store.messages.append(conv.id, text('read-0001'), 1);
      await store.messages.append(conv.id, text('read-0002'), 2);
      expect((await store.conversations.markRead(conv.id, 'agent', 2))!.agentReadSeq).toBe(2);
      expect((await store.conversations.markRead(conv.id, 'agent', 1))!.agentReadSeq).toBe(2);
      expect((await store.conversations.markRead(conv.id, 'visitor', 99))!.visitorReadSeq).toBe(2);
    });

    it('hides internal notes from the visitor view of history', async () => {
      const conv = await conversation();
      await store.messages.append(conv.id, text('note-0001'), 1);
      await store.messages.append(conv.id, { ...text('note-0002', 'internal'), author: 'agent', kind: 'note' }, 2);
      await store.messages.append(conv.id, text('note-0003'), 3);
      const visitorView = await store.messages.after(conv.id, 0, 10, { includeNotes: false });
      const agentView = await store.messages.after(conv.id, 0, 10, { includeNotes: true });
      expect(visitorView.map((m) => m.body)).toEqual(['note-0001', 'note-0003']);
      expect(agentView.map((m) => m.kind)).toEqual(['text', 'note', 'text']);
      expect((await store.messages.latest(conv.id, 1, { includeNotes: false }))[0]!.seq).toBe(3);
    });

    it('summarises conversations with their last message and visitor label', async () => {
      const conv = await conversation();
      await store.messages.append(conv.id, text('sum-00001', 'first'), 1);
      await store.messages.append(conv.id, text('sum-00002', 'latest words'), 2);
      await store.messages.append(conv.id, { ...text('sum-00003', 'Assigned to Ana: most free slots'), author: 'system', kind: 'note' }, 3);
      const [summary] = await store.conversations.summaries({ siteIds: [siteId], status: 'open', assigneeId: null });
      // The system's routing note does not replace what the chat is about in the preview.
      expect(summary).toMatchObject({ id: conv.id, lastSeq: 3, lastMessage: { body: 'latest words' }, assigneeId: null });
      expect(summary!.visitorName).toMatch(/^Visitor [A-Z0-9_-]{4}$/);
      expect(await store.conversations.summaries({ siteIds: [] })).toEqual([]);
    });

    it('keeps a session per visit with its journey and cart', async () => {
      const visitor = await store.visitors.create(siteId);
      const s1 = await store.sessions.resumeOrStart({ visitorId: visitor.id, siteId, userAgent: 'UA', language: 'fr', idleMs: 1000, now: 10_000 });
      const again = await store.sessions.resumeOrStart({ visitorId: visitor.id, siteId, userAgent: 'UA', language: 'fr', idleMs: 1000, now: 10_500 });
      expect(again.id).toBe(s1.id);
      await store.sessions.addPageView(s1.id, visitor.id, { url: 'https://s/a', path: '/a', title: 'A', referrer: '', at: 10_600 });
      await store.sessions.addPageView(s1.id, visitor.id, { url: 'https://s/b', path: '/b', title: 'B', referrer: '', at: 10_700 });
      await store.sessions.setCart(s1.id, { items: [{ sku: 'tote', name: 'Tote', price: 25, qty: 2 }], total: 50, currency: 'EUR' }, 10_800);
      expect((await store.sessions.pageViews(s1.id, 10)).map((p) => p.path)).toEqual(['/a', '/b']);
      expect((await store.sessions.latest(visitor.id))!.cart).toMatchObject({ total: 50, items: [{ sku: 'tote', qty: 2 }] });
      expect((await store.sessions.latest(visitor.id))!).toMatchObject({ timeZone: '', widgetLanguage: '' });
      await store.sessions.setLocale(s1.id, { timeZone: 'Europe/Paris', widgetLanguage: 'fr-FR' });
      expect((await store.sessions.latest(visitor.id))!).toMatchObject({ language: 'fr', timeZone: 'Europe/Paris', widgetLanguage: 'fr-FR' });
      const later = await store.sessions.resumeOrStart({ visitorId: visitor.id, siteId, userAgent: 'UA', language: 'fr', idleMs: 1000, now: 99_000 });
      expect(later.id).not.toBe(s1.id);
      expect(await store.sessions.count(visitor.id)).toBe(2);
    });

    it('refuses a second canned response with the same shortcut on a site', async () => {
      await store.canned.create({ siteId, shortcut: 'hello', body: 'Hello!' });
      await expect(store.canned.create({ siteId, shortcut: 'hello', body: 'Again' })).rejects.toThrow(/unique/);
      expect((await store.canned.list(siteId)).map((c) => c.body)).toEqual(['Hello!']);
    });

    it('keeps teams with their members, and sends the chats of a deleted team back to the site queue', async () => {
      const ana = await store.agents.create({ email: `a${Math.random()}@x.io`, name: 'Ana', passwordHash: 'x', role: 'agent', capacity: 2, siteIds: [siteId] });
      const team = await store.teams.create({ siteId, name: 'Sales', memberIds: [ana.id, ana.id] });
      expect(team).toMatchObject({ name: 'Sales', memberIds: [ana.id] });
      await expect(store.teams.create({ siteId, name: 'Sales', memberIds: [] })).rejects.toThrow(/unique/);
      const conv = await conversation();
      await store.conversations.setTeam(conv.id, team.id, 5);
      expect((await store.conversations.summary(conv.id))).toMatchObject({ teamId: team.id, teamName: 'Sales' });
      expect(await store.teams.update(team.id, { memberIds: [] })).toMatchObject({ memberIds: [] });
      expect(await store.teams.delete(team.id)).toBe(true);
      expect((await store.conversations.byId(conv.id))?.teamId).toBeNull();
      expect(await store.teams.list(siteId)).toEqual([]);
    });

    it('tracks since when the visitor waits for a reply, and moves a chat between agents only while the first still has it', async () => {
      const [ana, bo] = await Promise.all(
        ['Ana', 'Bo'].map((name) => store.agents.create({ email: `${name}${Math.random()}@x.io`, name, passwordHash: 'x', role: 'agent', capacity: 2, siteIds: [siteId] })),
      );
      const conv = await conversation();
      await store.messages.append(conv.id, text('client-w1'), 100);
      await store.messages.append(conv.id, text('client-w2'), 200);
      expect((await store.conversations.byId(conv.id))?.awaitingSince).toBe(100);
      await store.messages.append(conv.id, { ...text('client-note'), author: 'agent', kind: 'note' }, 250);
      expect((await store.conversations.byId(conv.id))?.awaitingSince).toBe(100);
      expect(await store.conversations.take(conv.id, ana!.id, 300)).toBe(true);
      expect((await store.conversations.overdue(siteId, 150)).map((c) => c.id)).toEqual([conv.id]);
      const moves = await Promise.all([1, 2].map(() => store.conversations.reassignWithinCapacity(conv.id, ana!.id, bo!.id, 2, 400)));
      expect(moves.filter(Boolean)).toHaveLength(1);
      expect(await store.conversations.byId(conv.id)).toMatchObject({ assigneeId: bo!.id, assignedAt: 400 });
      await store.messages.append(conv.id, { ...text('client-reply'), author: 'agent' }, 500);
      expect((await store.conversations.byId(conv.id))?.awaitingSince).toBeNull();
      expect(await store.conversations.overdue(siteId, 10_000)).toEqual([]);
    });

    it('returns with a new message the conversation as the append left it: the row, the assignee, the exact summary', async () => {
      const agent = await store.agents.create({ email: `ada-${Math.random().toString(36).slice(2)}@example.com`, name: 'Ada', passwordHash: 'x', role: 'agent', capacity: 5, siteIds: [siteId] });
      const team = await store.teams.create({ siteId, name: 'Sales', memberIds: [agent.id] });
      const trigger = await store.triggers.create({
        siteId,
        name: 'Cart helper',
        status: 'active',
        priority: 1,
        conditions: { match: 'all', conditions: [{ field: 'cart.total', operator: 'gt', value: 0 }] },
        variants: [{ id: 'B', weight: 1, message: { text: 'hi', senderName: '' } }],
        holdoutPercent: 0,
        frequency: { per: 'session' },
        schedule: null,
        onlyWhenAgentAvailable: false,
        delaySeconds: 0,
        openPanel: false,
      });
      const visitor = await store.visitors.create(siteId);
      await store.visitors.identify(visitor.id, { name: 'Zoé', email: 'zoe@example.com', verified: false });
      const session = await store.sessions.resumeOrStart({ visitorId: visitor.id, siteId, userAgent: '', language: '', idleMs: 1, now: 1 });
      const impression = await store.impressions.create({ triggerId: trigger.id, siteId, visitorId: visitor.id, sessionId: session.id, variant: 'B', shownAt: 1 });
      const { conversation } = await store.conversations.openOrCreate(siteId, visitor.id, 1000);
      await store.conversations.setImpression(conversation.id, impression.id);
      await store.conversations.setTeam(conversation.id, team.id, 1001);
      await store.conversations.take(conversation.id, agent.id, 1002);

      let now = 2000;
      const sameAsReadAgain = async (input: NewMessage) => {
        const r = await store.messages.append(conversation.id, input, now++);
        expect(r.duplicate).toBe(false);
        // Byte for byte what agents would have been sent from a fresh read.
        expect(JSON.stringify(r.after!.summary)).toBe(JSON.stringify(await store.conversations.summary(conversation.id)));
        expect(r.after!.conversation).toEqual(await store.conversations.byId(conversation.id));
        expect(r.after!.assignee).toEqual({ id: agent.id, name: 'Ada', avatarUrl: null });
        return r;
      };
      const fromVisitor = await sameAsReadAgain({ clientId: 'v-text-0001', author: 'visitor', authorId: visitor.id, authorName: null, authorLabelOf: visitor.id, kind: 'text', body: 'Hello' });
      expect(fromVisitor.message.authorName).toBe('Zoé');
      expect(fromVisitor.after!.summary).toMatchObject({ visitorName: 'Zoé', visitorEmail: 'zoe@example.com', assigneeName: 'Ada', teamName: 'Sales', startedBy: { triggerId: trigger.id, triggerName: 'Cart helper', variant: 'B' }, lastMessage: { clientId: 'v-text-0001' } });
      const note = await sameAsReadAgain({ clientId: 'a-note-0001', author: 'agent', authorId: agent.id, authorName: 'Ada', kind: 'note', body: 'Regular customer' });
      expect(note.after!.summary!.lastMessage?.clientId).toBe('a-note-0001');
      // The preview skips the system's own notes: the summary keeps the agent's note.
      const systemNote = await sameAsReadAgain({ clientId: 's-note-0001', author: 'system', authorId: null, authorName: null, kind: 'note', body: 'Routed to Ada' });
      expect(systemNote.after!.summary!.lastMessage?.clientId).toBe('a-note-0001');
      await sameAsReadAgain({ clientId: 's-event-001', author: 'system', authorId: null, authorName: null, kind: 'event', body: 'Ada joined the chat' });
      const reply = await sameAsReadAgain({ clientId: 'a-text-0001', author: 'agent', authorId: agent.id, authorName: 'Ada', kind: 'text', body: 'Hi Zoé' });
      expect(reply.after!.conversation.awaitingSince).toBeNull();
      // A resend stores nothing and changes nothing: nothing to return.
      expect((await store.messages.append(conversation.id, { ...text('v-text-0001'), authorLabelOf: visitor.id }, now++)).after).toBeUndefined();
      expect((await store.messages.latest(conversation.id, 10, { includeNotes: true })).map((m) => m.authorName)).toEqual(['Zoé', 'Ada', null, null, 'Ada']);
    });

    it('signs an unnamed visitor’s message with their short label, and returns no assignee for a chat in the queue', async () => {
      const conv = await conversation();
      const r = await store.messages.append(conv.id, { clientId: 'anon-000001', author: 'visitor', authorId: conv.visitorId, authorName: null, authorLabelOf: conv.visitorId, kind: 'text', body: 'Anyone?' }, 5);
      expect(r.message.authorName).toBe(`Visitor ${conv.visitorId.slice(0, 4).toUpperCase()}`);
      expect(r.after!.assignee).toBeNull();
      expect(JSON.stringify(r.after!.summary)).toBe(JSON.stringify(await store.conversations.summary(conv.id)));
      expect(r.after!.summary!.visitorName).toBe(r.message.authorName);
    });

    it('counts ratings per score and per agent in the period, in the database', async () => {
      const ana = await store.agents.create({ email: `ana${Math.random()}@x.io`, name: 'Ana', passwordHash: 'x', role: 'agent', capacity: 9, siteIds: [siteId] });
      const rated = async (score: number, at: number, agentId?: string) => {
        const conv = await conversation();
        if (agentId) await store.conversations.take(conv.id, agentId, 1);
        await store.conversations.rate(conv.id, { score, comment: null, ratedAt: at });
      };
      await rated(5, 100, ana.id);
      await rated(5, 110, ana.id);
      await rated(3, 120, ana.id);
      await rated(4, 130);
      await rated(1, 50, ana.id); // before the period
      await rated(2, 200, ana.id); // at its end (excluded)
      await conversation(); // never rated
      const counts = await store.conversations.ratingCounts([siteId], 100, 200);
      const key = (c: { assigneeName: string | null; score: number; count: number }) => `${c.assigneeName ?? '-'}:${c.score}×${c.count}`;
      expect(counts.map(key).sort()).toEqual(['-:4×1', 'Ana:3×1', 'Ana:5×2']);
      expect(counts.find((c) => c.assigneeName === 'Ana')!.assigneeId).toBe(ana.id);
      expect(await store.conversations.ratingCounts([], 0, 1e15)).toEqual([]);
    });

    it('keeps the first due time of a reply email, lists it when due, and lets one process take it', async () => {
      const conv = await conversation();
      const notified = await conversation();
      await store.conversations.scheduleReplyEmail(conv.id, 1_000);
      await store.conversations.scheduleReplyEmail(conv.id, 5_000); // a later reply: the first due time stays
      await store.conversations.claimVisitorNotified(notified.id, 1);
      await store.conversations.scheduleReplyEmail(notified.id, 1_000); // already emailed since last here: nothing
      expect(await store.conversations.dueReplyEmails(999, 10)).not.toContain(conv.id);
      const due = await store.conversations.dueReplyEmails(1_000, 10);
      expect(due).toContain(conv.id);
      expect(due).not.toContain(notified.id);
      const takes = await Promise.all([1, 2, 3].map(() => store.conversations.takeReplyEmail(conv.id, 1_000)));
      expect(takes.filter(Boolean)).toHaveLength(1);
      expect(await store.conversations.dueReplyEmails(10_000, 10)).not.toContain(conv.id);
    });

    it('notifies a visitor once until they are back, and spends a resume link exactly once while unexpired', async () => {
      const conv = await conversation();
      const claims = await Promise.all([1, 2, 3].map((n) => store.conversations.claimVisitorNotified(conv.id, 100 + n)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await store.conversations.byId(conv.id))!.visitorNotifiedAt).not.toBeNull();
      await store.conversations.clearVisitorNotifiedFor(conv.visitorId);
      expect((await store.conversations.byId(conv.id))!.visitorNotifiedAt).toBeNull();
      expect(await store.conversations.claimVisitorNotified(conv.id, 200)).toBe(true);

      await store.resumeLinks.create({ id: 'link-1', visitorId: conv.visitorId, conversationId: conv.id, expiresAt: 1000, createdAt: 1 });
      await store.resumeLinks.create({ id: 'link-2', visitorId: conv.visitorId, conversationId: conv.id, expiresAt: 1000, createdAt: 1 });
      expect(await store.resumeLinks.spend('link-1', 1000)).toBe(false); // expired at that moment
      const spends = await Promise.all([1, 2, 3].map(() => store.resumeLinks.spend('link-2', 500)));
      expect(spends.filter(Boolean)).toHaveLength(1);
      expect(await store.resumeLinks.byId('link-2')).toEqual({ id: 'link-2', visitorId: conv.visitorId, conversationId: conv.id, expiresAt: 1000, usedAt: 500 });
      expect(await store.resumeLinks.byId('link-1')).toMatchObject({ usedAt: null });
      // Erasing the visitor takes their links too.
      await store.privacy.deleteVisitor(conv.visitorId);
      expect(await store.resumeLinks.byId('link-2')).toBeNull();
    });

    it('keeps an upload for one message only, lists files by visitor and for retention, and erases them with their visitor', async () => {
      const conv = await conversation();
      const upload = (id: string, createdAt: number) =>
        store.attachments.create({
          id,
          siteId,
          uploader: 'visitor',
          uploaderId: conv.visitorId,
          visitorId: conv.visitorId,
          conversationId: null,
          messageId: null,
          name: `${id}.png`,
          contentType: 'image/png',
          size: 12_345_678_901, // over 32 bits
          width: 640,
          height: 480,
          createdAt,
        });
      await upload('file-sent-000001', 1_000);
      await upload('file-unsent-0001', 1_000);
      expect(await store.attachments.byId('file-sent-000001')).toMatchObject({ size: 12_345_678_901, width: 640, messageId: null, uploader: 'visitor' });
      const claims = await Promise.all(['m1', 'm2', 'm3'].map((m) => store.attachments.attachToMessage('file-sent-000001', { conversationId: conv.id, messageId: m, visitorId: conv.visitorId })));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.attachments.byId('file-sent-000001')).toMatchObject({ conversationId: conv.id, messageId: expect.stringMatching(/^m[123]$/) });
      expect(await store.attachments.idsUnsentBefore(2_000)).toEqual(['file-unsent-0001']);
      expect(await store.attachments.idsUnsentBefore(1_000)).toEqual([]);
      expect(await store.attachments.idsResolvedBefore(siteId, Date.now() + 1)).toEqual([]);
      await store.conversations.resolve(conv.id, 5_000);
      expect(await store.attachments.idsResolvedBefore(siteId, 6_000)).toEqual(['file-sent-000001']);
      expect((await store.attachments.idsForVisitor(conv.visitorId)).sort()).toEqual(['file-sent-000001', 'file-unsent-0001']);
      await store.attachments.delete(['file-unsent-0001']);
      expect(await store.attachments.byId('file-unsent-0001')).toBeNull();
      await store.privacy.deleteVisitor(conv.visitorId);
      expect(await store.attachments.idsForVisitor(conv.visitorId)).toEqual([]);
    });

    it('keeps audit entries newest first, filters them, pages through ties and purges by age', async () => {
      const entry = (id: string, at: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
        id,
        at,
        action: 'agent.role_changed',
        actorId: 'admin-000001',
        actorLabel: 'Ada <ada@example.com>',
        targetType: 'agent',
        targetId: 'agent-00001',
        targetLabel: 'Bob <bob@example.com>',
        ip: '203.0.113.7',
        userAgent: 'Firefox',
        changes: { role: { from: 'agent', to: 'admin' } },
        ...over,
      });
      await store.audit.record(entry('audit-a', 1_000));
      await store.audit.record(entry('audit-b', 2_000, { action: 'trigger.updated', targetType: 'trigger', targetLabel: '100% off_sale' }));
      await store.audit.record(entry('audit-c', 2_000, { actorId: null, actorLabel: 'stranger@example.com', action: 'auth.sign_in_failed' }));
      await store.audit.record(entry('audit-d', 3_000, { changes: {} }));
      const ids = async (filter: AuditFilter, limit = 10) => (await store.audit.list(filter, limit)).map((e) => e.id);

      expect(await ids({})).toEqual(['audit-d', 'audit-c', 'audit-b', 'audit-a']);
      expect((await store.audit.list({}, 10))[3]).toEqual(entry('audit-a', 1_000));
      expect(await ids({ action: 'trigger.updated' })).toEqual(['audit-b']);
      expect(await ids({ actorId: 'admin-000001' })).toEqual(['audit-d', 'audit-b', 'audit-a']);
      expect(await ids({ from: 2_000, to: 3_000 })).toEqual(['audit-c', 'audit-b']);
      expect(await ids({ text: 'STRANGER' })).toEqual(['audit-c']);
      expect(await ids({ text: '100%' })).toEqual(['audit-b']);
      expect(await ids({ text: '0%' })).toEqual(['audit-b']);
      expect(await ids({ text: 'f_s' })).toEqual(['audit-b']);
      expect(await ids({ text: 'o_f' })).toEqual([]);
      // Keyset: a page boundary inside a tie on `at` neither skips nor repeats.
      expect(await ids({}, 2)).toEqual(['audit-d', 'audit-c']);
      expect(await ids({ before: { at: 2_000, id: 'audit-c' } }, 2)).toEqual(['audit-b', 'audit-a']);

      expect(await store.audit.purgeBefore(2_000)).toBe(1);
      expect(await ids({})).toEqual(['audit-d', 'audit-c', 'audit-b']);
    });

    it('lists an agent’s sign-ins by last use, writes “last seen” only past the gap, and ends all but one', async () => {
      const agent = await store.agents.create({ email: 'sessions@example.com', name: 'S', passwordHash: 'x', role: 'agent', capacity: 1, siteIds: [siteId] });
      await store.authSessions.create({ id: 'session-a-0001', agentId: agent.id, expiresAt: 9e12, userAgent: 'UA a', ip: '10.0.0.1', now: 1_000 });
      await store.authSessions.create({ id: 'session-b-0001', agentId: agent.id, expiresAt: 9e12, userAgent: 'UA b', ip: '10.0.0.2', now: 2_000 });
      expect((await store.authSessions.listForAgent(agent.id)).map((s) => s.id)).toEqual(['session-b-0001', 'session-a-0001']);
      await store.authSessions.touch('session-a-0001', 50_000, 60_000);
      expect((await store.authSessions.get('session-a-0001'))!.lastSeenAt).toBe(1_000);
      await store.authSessions.touch('session-a-0001', 61_000, 60_000);
      expect(await store.authSessions.get('session-a-0001')).toMatchObject({ lastSeenAt: 61_000, createdAt: 1_000, userAgent: 'UA a', ip: '10.0.0.1' });
      expect(await store.authSessions.deleteIdle(2_000)).toEqual([]);
      expect(await store.authSessions.deleteIdle(2_001)).toEqual([{ id: 'session-b-0001', agentId: agent.id }]);
      await store.authSessions.create({ id: 'session-b-0001', agentId: agent.id, expiresAt: 9e12, now: 70_000 });
      expect(await store.authSessions.deleteForAgent(agent.id, 'session-a-0001')).toEqual(['session-b-0001']);
      expect((await store.authSessions.listForAgent(agent.id)).map((s) => s.id)).toEqual(['session-a-0001']);
    });

    it('keeps one pending then enabled TOTP secret, accepts each time step and recovery code once, and spends a ticket once', async () => {
      const agent = await store.agents.create({ email: 'totp@example.com', name: 'T', passwordHash: 'x', role: 'agent', capacity: 1, siteIds: [siteId] });
      expect(await store.twoFactor.begin(agent.id, 'sealed-1', 1)).toBe(true);
      // A pending set-up may start again with a new secret.
      expect(await store.twoFactor.begin(agent.id, 'sealed-2', 2)).toBe(true);
      expect(await store.twoFactor.useStep(agent.id, 10)).toBe(false);
      expect(await store.twoFactor.enable(agent.id, 3, 100, ['hash-1', 'hash-2'])).toBe(true);
      expect(await store.twoFactor.get(agent.id)).toEqual({ secret: 'sealed-2', enabledAt: 3, lastStep: 100 });
      expect(await store.twoFactor.begin(agent.id, 'sealed-3', 4)).toBe(false);
      expect(await store.twoFactor.enable(agent.id, 5, 200, ['hash-9'])).toBe(false);
      expect(await store.twoFactor.useStep(agent.id, 100)).toBe(false);
      const racing = await Promise.all([store.twoFactor.useStep(agent.id, 101), store.twoFactor.useStep(agent.id, 101)]);
      expect(racing.filter(Boolean)).toHaveLength(1);
      const spent = await Promise.all([store.twoFactor.useRecoveryCode(agent.id, 'hash-1', 6), store.twoFactor.useRecoveryCode(agent.id, 'hash-1', 6)]);
      expect(spent.filter(Boolean)).toHaveLength(1);
      expect(await store.twoFactor.recoveryCodesLeft(agent.id)).toBe(1);
      await store.twoFactor.replaceRecoveryCodes(agent.id, ['hash-3', 'hash-4', 'hash-5']);
      expect(await store.twoFactor.useRecoveryCode(agent.id, 'hash-2', 7)).toBe(false);
      expect(await store.twoFactor.recoveryCodesLeft(agent.id)).toBe(3);

      await store.twoFactor.createTicket({ id: 'ticket-0001', agentId: agent.id, expiresAt: 1_000 });
      expect(await store.twoFactor.ticket('ticket-0001', 999)).toBe(agent.id);
      expect(await store.twoFactor.ticket('ticket-0001', 1_000)).toBeNull();
      const tickets = await Promise.all([store.twoFactor.spendTicket('ticket-0001', 999), store.twoFactor.spendTicket('ticket-0001', 999)]);
      expect(tickets.filter(Boolean)).toHaveLength(1);

      await store.twoFactor.disable(agent.id);
      expect(await store.twoFactor.get(agent.id)).toBeNull();
      expect(await store.twoFactor.recoveryCodesLeft(agent.id)).toBe(0);
    });

    it('keeps the install-wide security settings, defaults first', async () => {
      expect(await store.securitySettings.get()).toEqual({ requireTwoFactor: false, idleTimeoutMinutes: null });
      await store.securitySettings.set({ requireTwoFactor: true, idleTimeoutMinutes: 30 });
      await store.securitySettings.set({ requireTwoFactor: true, idleTimeoutMinutes: 45 });
      expect(await store.securitySettings.get()).toEqual({ requireTwoFactor: true, idleTimeoutMinutes: 45 });
    });

    it('converges racing writers of a setting on the first value', async () => {
      const values = await Promise.all([1, 2, 3].map((n) => store.metaGetOrInit('secret', () => `value-${n}`)));
      expect(new Set(values).size).toBe(1);
    });
  });
}
