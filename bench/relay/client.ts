/**
 * A minimal Socket.IO v4 client (Engine.IO 4, WebSocket transport only) over `ws`, for the load generator.
 *
 * socket.io-client costs about as much CPU per packet as the server does, so a generator made of it would
 * measure itself. This speaks the same wire format (`40/nsp,{auth}`, `42/nsp,<ack id>["event",payload]`,
 * `43/nsp,<id>[reply]`, ping `2` / pong `3`) and hands frames over as strings: the caller only parses what it
 * needs (an ack's `"ok":true`, the send timestamp inside a message body).
 */
import { createRequire } from 'node:module';

// The same `ws` the server package depends on (bench/ is not a package of its own).
const require = createRequire(new URL('../../server/package.json', import.meta.url));
const WebSocket = require('ws') as typeof import('../../server/node_modules/@types/ws/index.js').WebSocket;

export interface RawSocketOptions {
  base: string; // http://127.0.0.1:PORT
  nsp: string; // '/' or '/visitor'
  auth?: unknown;
  headers?: Record<string, string>;
  /** Called with the raw event frame, from `[` on: `["message:new",{...}]`. */
  onEvent?: (frame: string) => void;
}

export class RawSocket {
  private readonly ws: InstanceType<typeof WebSocket>;
  private readonly prefix: string;
  private nextId = 0;
  private readonly acks = new Map<number, (reply: string) => void>();
  private opened!: (v: void) => void;
  private failed!: (e: Error) => void;
  readonly ready: Promise<void>;
  connected = false;

  constructor(private readonly opts: RawSocketOptions) {
    this.prefix = opts.nsp === '/' ? '' : `${opts.nsp},`;
    this.ready = new Promise((res, rej) => {
      this.opened = res;
      this.failed = rej;
    });
    const url = `${opts.base.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    this.ws = new WebSocket(url, { headers: opts.headers ?? {}, perMessageDeflate: false });
    this.ws.on('message', (data: Buffer) => this.frame(data.toString()));
    this.ws.on('error', (err: Error) => this.failed(err));
    this.ws.on('close', () => {
      if (!this.connected) this.failed(new Error('closed before connect'));
      this.connected = false;
    });
  }

  private frame(s: string): void {
    const c0 = s.charCodeAt(0);
    if (c0 === 50 /* '2' ping */) return void this.ws.send('3');
    if (c0 === 48 /* '0' open */) {
      this.ws.send(`40${this.prefix}${this.opts.auth === undefined ? '' : JSON.stringify(this.opts.auth)}`);
      return;
    }
    if (c0 !== 52 /* '4' message */) return;
    const type = s.charCodeAt(1);
    const body = s.slice(2 + this.prefix.length);
    if (type === 50 /* '2' event */) {
      this.opts.onEvent?.(body);
    } else if (type === 51 /* '3' ack */) {
      const open = body.indexOf('[');
      const id = Number(body.slice(0, open));
      const cb = this.acks.get(id);
      if (cb) {
        this.acks.delete(id);
        cb(body.slice(open));
      }
    } else if (type === 48 /* '0' connect */) {
      this.connected = true;
      this.opened();
    } else if (type === 52 /* '4' connect_error */) {
      this.failed(new Error(`connect_error ${body}`));
    }
  }

  /** Emit with an ack; `payloadJson` is already JSON. The reply is the raw `[...]` array. */
  emit(event: string, payloadJson: string, onAck?: (reply: string) => void): void {
    if (onAck) {
      const id = this.nextId++;
      this.acks.set(id, onAck);
      this.ws.send(`42${this.prefix}${id}["${event}",${payloadJson}]`);
    } else {
      this.ws.send(`42${this.prefix}["${event}",${payloadJson}]`);
    }
  }

  emitAck(event: string, payloadJson: string, timeoutMs = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`ack timeout ${event}`)), timeoutMs);
      this.emit(event, payloadJson, (r) => {
        clearTimeout(t);
        resolve(r);
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
