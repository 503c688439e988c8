/**
 * Delivery receipts from the console: the visitor's ticks turn "delivered" once their message reached an agent's
 * screen. Reports are batched per conversation (only the highest seq matters) and sent at most once per
 * `delayMs`, and only over a live connection: one burst of messages costs one event, and nothing queues up
 * offline to be replayed late.
 */
export class DeliveryReporter {
  private readonly pending = new Map<string, number>();
  private readonly reported = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly emit: (conversationId: string, seq: number) => void,
    private readonly connected: () => boolean,
    private readonly delayMs = 400,
  ) {}

  /** The console holds the conversation's messages up to `seq`. */
  note(conversationId: string, seq: number): void {
    if (seq <= Math.max(this.reported.get(conversationId) ?? 0, this.pending.get(conversationId) ?? 0)) return;
    this.pending.set(conversationId, seq);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sends what is pending; offline, it stays pending until the next connect calls this again. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.connected()) return;
    for (const [conversationId, seq] of this.pending) {
      this.emit(conversationId, seq);
      this.reported.set(conversationId, seq);
    }
    this.pending.clear();
  }

  forget(conversationId: string): void {
    this.pending.delete(conversationId);
    this.reported.delete(conversationId);
  }

  reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.reported.clear();
  }
}
