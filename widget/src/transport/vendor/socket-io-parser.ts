/**
 * Stands in for `socket.io-parser` in the bundle (aliased in vite.config.ts): Socket.IO protocol v5, text packets
 * only. The widget's contract is JSON, so the binary machinery (about 2 KB gzipped of a 25 KB budget) never runs;
 * a binary packet, should one come, is dropped instead of breaking the connection.
 * Format: <type>[<namespace>,][<ack id>][<JSON data>], e.g. `2/visitor,12["message:send",{…}]`.
 */
interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

export const protocol = 5;

export const PacketType = {
  CONNECT: 0,
  DISCONNECT: 1,
  EVENT: 2,
  ACK: 3,
  CONNECT_ERROR: 4,
  BINARY_EVENT: 5,
  BINARY_ACK: 6,
};

export class Encoder {
  encode(p: Packet): string[] {
    return [
      p.type + (p.nsp && p.nsp != '/' ? p.nsp + ',' : '') + (p.id ?? '') + (p.data != null ? JSON.stringify(p.data) : ''),
    ];
  }
}

/** The manager listens to `decoded` (one listener) and tears it down with `off`. */
export class Decoder {
  private listener?: ((packet: Packet) => void) | undefined;
  on(_event: 'decoded', listener: (packet: Packet) => void): void {
    this.listener = listener;
  }
  off(): void {
    this.listener = undefined;
  }
  /** Throws on a malformed packet: the manager then closes and reconnects, as with the real parser. */
  add(chunk: unknown): void {
    const m = typeof chunk == 'string' ? /^([0-4])(?:(\/[^,]*),?)?(\d*)([\s\S]*)$/.exec(chunk) : null;
    if (!m) return;
    const packet: Packet = { type: +m[1]!, nsp: m[2] || '/' };
    if (m[3]) packet.id = +m[3];
    if (m[4]) packet.data = JSON.parse(m[4]);
    this.listener?.(packet);
  }
  destroy(): void {}
}
