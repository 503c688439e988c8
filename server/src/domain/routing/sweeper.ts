import { openingState } from '@causette/shared';
import type { Store } from '../../store/store.js';
import type { ChatService } from '../chat.js';
import type { Notifier } from '../notifier.js';
import { orphaned } from './policy.js';

/**
 * The periodic half of routing, run by every process: SLA reassignment, and requeueing the chats of agents
 * connected nowhere for longer than the grace period. The disconnect timer catches the usual case at once;
 * this sweep also covers a process that died or restarted before its timer fired. Every step is conditional
 * in the store, so processes sweeping at the same moment do each move once. It also tells open widgets when a
 * site's business hours begin or end (the composer comes back, or the leave-a-message form takes its place).
 */
export class RoutingSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly offlineSince = new Map<string, number>();
  /** Each site's open-or-closed state at the last sweep, to announce the moment its hours begin or end. */
  private readonly openNow = new Map<string, boolean>();
  /** Each site's pre-chat topics and whether each is open, at the last sweep. */
  private readonly topicsNow = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly chat: ChatService,
    private readonly notifier: Notifier,
    private readonly options: { intervalMs: number; requeueGraceMs: number; onError: (err: unknown) => void },
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.running) return; // a slow sweep is never overlapped by the next
    this.running = true;
    try {
      const sites = await this.store.sites.list();
      const siteIds = sites.map((s) => s.id);
      for (const site of sites) await this.chat.reassignOverdue(site.id);
      for (const site of sites) {
        // Every process sees the same clock turn: each announces it (the same state, so twice is harmless).
        const open = openingState(site.settings.hours, this.now()).open;
        const before = this.openNow.get(site.id);
        this.openNow.set(site.id, open);
        if (before !== undefined && before !== open) await this.chat.announceAvailability(site.id);
        // Teams with hours of their own open and close too: the pre-chat topic list says so.
        if (!site.settings.prechat?.askTeam) continue;
        const topics = JSON.stringify((await this.chat.prechatTeams(site.id, site)).map((t) => [t.id, t.opening?.open]));
        const last = this.topicsNow.get(site.id);
        this.topicsNow.set(site.id, topics);
        if (last !== undefined && last !== topics) await this.chat.announceTeams(site.id);
      }
      const holders = [...(await this.store.conversations.openCounts(siteIds)).keys()];
      if (holders.length) {
        const online = new Set(await this.notifier.agentsOnline());
        for (const agentId of orphaned(holders, online, this.offlineSince, this.now(), this.options.requeueGraceMs)) {
          await this.chat.requeueAgent(agentId);
          this.offlineSince.delete(agentId);
        }
      }
    } catch (err) {
      this.options.onError(err);
    } finally {
      this.running = false;
    }
  }
}
