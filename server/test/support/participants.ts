/**
 * Simulated chat clients that behave as the widget and the console do: an outbox resent with the same clientId
 * until acked, catch-up by seq after every connect, and a sync whenever a live message reveals a gap.
 * Each records what happened to every send, for the checker.
 */
import { AGENT_NAMESPACE, VISITOR_NAMESPACE, type Message } from '@causette/shared';
import { io, type Socket } from 'socket.io-client';

export type Outcome = 'ok' | 'recovered' | 'pending';
export interface SendRecord {
  clientId: string;
  conversationId: string | null;
  body: string;
  timedOut: boolean;
  acked: boolean;
  seq: number | null;
  /** The retry was answered `duplicate: true`: the first attempt had been stored but its ack was lost. */
  duplicateOnRetry: boolean;
}

let counter = 0;
const newClientId = (who: string) => `${who}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

abstract class Participant {
  readonly socket: Socket;
  readonly views = new Map<string, Map<number, Message>>();
  /**
   * Per conversation, the seq up to which this client knows it holds everything it may see. Seqs are not
   * contiguous for a visitor (internal notes take seqs), so holes are judged against this, not against the list.
   */
  readonly through = new Map<string, number>();
  readonly sends: SendRecord[] = [];
  readonly outbox = new Map<string, SendRecord>();
  connects = 0;
  recoveredConnects = 0;
  readonly errors = new Map<string, number>();
  private flushing = false;
  private readonly retry: NodeJS.Timeout;

  constructor(
    readonly name: string,
    url: string,
    options: Record<string, unknown>,
  ) {
    this.socket = io(url, {
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 400,
      randomizationFactor: 0,
      ...options,
    });
    this.socket.on('connect', () => {
      this.connects++;
      if (this.socket.recovered) this.recoveredConnects++;
      void this.afterConnect()
        .then(() => this.flush())
        .catch(() => {});
    });
    this.socket.on('message:new', (m: Message) => void this.receive(m));
    this.socket.on('connect_error', (err) => this.errors.set(`connect_error:${err.message}`, (this.errors.get(`connect_error:${err.message}`) ?? 0) + 1));
    // As the widget does: what is still unacked is retried now and then, not only after a reconnect.
    this.retry = setInterval(() => {
      if (this.socket.connected && this.outbox.size) void this.flush();
    }, 700);
  }

  describe(): string {
    return `${this.name}: connected=${this.socket.connected} outbox=${this.outbox.size} connects=${this.connects} errors=${JSON.stringify(Object.fromEntries(this.errors))}`;
  }

  protected abstract afterConnect(): Promise<void>;
  protected abstract payload(rec: SendRecord): Record<string, unknown>;

  highest(conversationId: string): number {
    const view = this.views.get(conversationId);
    return view && view.size ? Math.max(...view.keys()) : 0;
  }

  merge(messages: Message[]): void {
    for (const m of messages) {
      let view = this.views.get(m.conversationId);
      if (!view) this.views.set(m.conversationId, (view = new Map()));
      const known = view.get(m.seq);
      if (known && known.clientId !== m.clientId) throw new Error(`${this.name}: seq ${m.seq} changed identity`);
      view.set(m.seq, m);
    }
  }

  private async receive(m: Message): Promise<void> {
    this.merge([m]);
    await this.advance(m.conversationId, m.seq);
  }

  /** A message with `seq` arrived live or in an ack: move `through`, or fetch what must have been missed. */
  protected async advance(conversationId: string, seq: number): Promise<void> {
    const through = this.through.get(conversationId) ?? 0;
    if (seq === through + 1) this.through.set(conversationId, seq);
    else if (seq > through + 1) await this.catchUp(conversationId).catch(() => {});
  }

  async catchUp(conversationId: string): Promise<void> {
    const known = this.highest(conversationId);
    let afterSeq = this.through.get(conversationId) ?? 0;
    for (;;) {
      const r = await this.socket.timeout(3000).emitWithAck('message:sync', { conversationId, afterSeq });
      if (!r.ok) throw new Error(r.error.code);
      this.merge(r.messages);
      if (r.messages.length) afterSeq = r.messages.at(-1).seq;
      if (!r.more) break;
    }
    // The server has answered everything after `through`: all seqs held before the sync are now covered.
    this.through.set(conversationId, Math.max(afterSeq, known, this.through.get(conversationId) ?? 0));
  }

  send(conversationId: string | null, body: string): SendRecord {
    const rec: SendRecord = {
      clientId: newClientId(this.name),
      conversationId,
      body,
      timedOut: false,
      acked: false,
      seq: null,
      duplicateOnRetry: false,
    };
    this.sends.push(rec);
    this.outbox.set(rec.clientId, rec);
    void this.attempt(rec);
    return rec;
  }

  protected onAck(rec: SendRecord, reply: { seq: number; message: Message; duplicate: boolean }): void {
    if (rec.timedOut && reply.duplicate) rec.duplicateOnRetry = true;
    rec.acked = true;
    rec.seq = reply.seq;
    rec.conversationId = reply.message.conversationId;
    this.outbox.delete(rec.clientId);
    this.merge([reply.message]);
    void this.advance(reply.message.conversationId, reply.seq);
  }

  private async attempt(rec: SendRecord): Promise<void> {
    if (!this.socket.connected || rec.acked) return;
    try {
      const r = await this.socket.timeout(1500).emitWithAck('message:send', this.payload(rec));
      if (r.ok) this.onAck(rec, r);
      // rate_limited and the like: it stays in the outbox for the next flush.
      else this.errors.set(r.error.code, (this.errors.get(r.error.code) ?? 0) + 1);
    } catch {
      rec.timedOut = true;
    }
  }

  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (const rec of [...this.outbox.values()]) await this.attempt(rec);
    } finally {
      this.flushing = false;
    }
  }

  close(): void {
    clearInterval(this.retry);
    this.socket.disconnect();
  }
}

export class SimVisitor extends Participant {
  /** Read by the handshake on every reconnect, as the widget does, so the visitor stays the same. */
  private readonly credentials: { token?: string };
  conversationId: string | null = null;

  constructor(name: string, base: string) {
    const credentials: { token?: string } = {};
    const auth = (cb: (data: object) => void) => cb({ siteKey: 'demo', ...credentials });
    super(name, `${base}${VISITOR_NAMESPACE}`, { auth, extraHeaders: { origin: base } });
    this.credentials = credentials;
  }

  protected async afterConnect(): Promise<void> {
    const r = await this.socket.timeout(3000).emitWithAck('session:resume', {
      ...(this.conversationId ? { conversationId: this.conversationId, afterSeq: this.through.get(this.conversationId) ?? 0 } : {}),
    });
    if (!r.ok) throw new Error(r.error.code);
    this.credentials.token = r.token;
    if (r.conversation) this.conversationId = r.conversation.id;
    this.merge(r.messages);
    if (this.conversationId) await this.catchUp(this.conversationId);
  }

  protected payload(rec: SendRecord) {
    return { clientId: rec.clientId, body: rec.body, ...(rec.conversationId ? { conversationId: rec.conversationId } : {}) };
  }

  protected override onAck(rec: SendRecord, reply: { seq: number; message: Message; duplicate: boolean }): void {
    super.onAck(rec, reply);
    this.conversationId = reply.message.conversationId;
  }
}

export class SimAgent extends Participant {
  readonly mine = new Set<string>();

  constructor(name: string, base: string, cookie: string) {
    super(name, `${base}${AGENT_NAMESPACE}`, { extraHeaders: { cookie, origin: base } });
  }

  protected async afterConnect(): Promise<void> {
    const r = await this.socket.timeout(3000).emitWithAck('inbox:sync', {});
    if (!r.ok) throw new Error(r.error.code);
    for (const c of r.mine) this.mine.add(c.id);
    for (const id of this.mine) await this.catchUp(id);
  }

  async take(conversationId: string): Promise<boolean> {
    const r = await this.socket.timeout(3000).emitWithAck('conversation:take', { conversationId });
    if (r.ok) {
      this.mine.add(conversationId);
      await this.catchUp(conversationId);
    }
    return r.ok;
  }

  protected payload(rec: SendRecord) {
    return { clientId: rec.clientId, body: rec.body, conversationId: rec.conversationId };
  }
}
