type Handler = (...args: any[]) => void;
type Reply = object | undefined;

/**
 * Stands in for the socket.io client: records what the console emits and lets a test play the server,
 * answering acks, pushing events, and dropping the connection.
 */
export class FakeSocket {
  connected = false;
  active = true;
  readonly emitted: { event: string; payload: any }[] = [];
  private handlers = new Map<string, Handler[]>();
  private pendingAcks: ((err: Error | null, reply?: unknown) => void)[] = [];

  constructor(private respond: (event: string, payload: any) => Reply) {}

  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  connect() {
    this.connected = true;
    this.fire('connect');
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  emit(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    return this;
  }
  timeout(_ms: number) {
    return {
      emit: (event: string, payload: unknown, ack: (err: Error | null, reply?: unknown) => void) => {
        this.emitted.push({ event, payload });
        const reply = this.connected ? this.respond(event, payload) : undefined;
        if (reply) queueMicrotask(() => ack(null, reply));
        else this.pendingAcks.push(ack);
      },
    };
  }

  /** The server pushes an event to the console. */
  fire(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  /** The network drops: acks in flight time out, then socket.io reports the disconnect. */
  drop() {
    this.connected = false;
    for (const ack of this.pendingAcks.splice(0)) ack(new Error('operation has timed out'));
    this.fire('disconnect', 'transport close');
  }
  setResponder(respond: (event: string, payload: any) => Reply) {
    this.respond = respond;
  }
  sent(event: string) {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }
}
