import type { Store } from '../../store/store.js';
import type { ChatService } from '../chat.js';
import type { Notifier } from '../notifier.js';
import { orphaned } from './policy.js';

/**
 * The periodic half of routing, run by every process: SLA reassignment, and requeueing the chats of agents
 * connected nowhere for longer than the grace period. The disconnect timer catches the usual case at once;
 * this sweep also covers a process that died or restarted before its timer fired. Every step is conditional
 * in the store, so processes sweeping at the same moment do each move once.
 */
export class RoutingSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly offlineSince = new Map<string, number>();

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
