import type { AttachmentStorage } from '../attachments/storage.js';
import type { Store } from '../store/store.js';
import { DomainError } from './errors.js';
import type { Notifier } from './notifier.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * GDPR: a visitor's data on request (export), their erasure (hard delete, by an admin or by the visitor from
 * the widget), and each site's retention window, applied on a schedule.
 */
export class PrivacyService {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly now: () => number = Date.now,
    /** Where attachments' bytes are: erased and purged with their conversations. */
    private readonly files: AttachmentStorage | null = null,
    /** The audit log keeps its own window and is purged on the same sweep. */
    private readonly audit: { purge(): Promise<number> } | null = null,
  ) {}

  private async deleteFiles(ids: string[]): Promise<void> {
    if (this.files) for (const id of ids) await this.files.delete(id);
  }

  async export(visitorId: string): Promise<{ exportedAt: number; data: Record<string, Array<Record<string, unknown>>> }> {
    const data = await this.store.privacy.exportVisitor(visitorId);
    if (!data) throw new DomainError('not_found', 'No such visitor.');
    return { exportedAt: this.now(), data };
  }

  /** Erase the visitor; their open widgets are told and disconnected, agents see the conversations go. */
  async erase(visitorId: string): Promise<void> {
    const visitor = await this.store.visitors.byId(visitorId);
    if (!visitor) throw new DomainError('not_found', 'No such visitor.');
    const conversations = await this.store.conversations.summaries({ siteIds: [visitor.siteId], limit: 10_000 }).then((all) => all.filter((c) => c.visitorId === visitorId));
    const files = await this.store.attachments.idsForVisitor(visitorId);
    await this.store.privacy.deleteVisitor(visitorId);
    await this.deleteFiles(files);
    this.notifier.endVisitor(visitorId, 'erased');
    for (const c of conversations) this.notifier.toSiteAgents(visitor.siteId, 'conversation:remove', { conversationId: c.id });
  }

  /** Apply every site's retention window once; returns what was deleted. */
  async purge(): Promise<{ conversations: number; pageViews: number; events: number; auditEntries: number }> {
    const total = { conversations: 0, pageViews: 0, events: 0, auditEntries: 0 };
    for (const site of await this.store.sites.list()) {
      const days = site.settings.retentionDays ?? 0;
      if (days <= 0) continue;
      const files = await this.store.attachments.idsResolvedBefore(site.id, this.now() - days * DAY_MS);
      const r = await this.store.privacy.purge(site.id, this.now() - days * DAY_MS);
      await this.deleteFiles(files);
      await this.store.attachments.delete(files);
      total.conversations += r.conversations;
      total.pageViews += r.pageViews;
      total.events += r.events;
    }
    // Uploads never sent in a message (a cancelled chat, a closed tab) go after a day.
    const unsent = await this.store.attachments.idsUnsentBefore(this.now() - DAY_MS);
    await this.deleteFiles(unsent);
    await this.store.attachments.delete(unsent);
    if (this.audit) total.auditEntries = await this.audit.purge();
    return total;
  }

  start(intervalMs: number, onError: (err: unknown) => void): void {
    this.timer = setInterval(() => void this.purge().catch(onError), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
