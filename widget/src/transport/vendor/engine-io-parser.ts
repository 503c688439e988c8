/**
 * Stands in for `engine.io-parser` in the bundle (aliased in vite.config.ts): Engine.IO protocol v4, text only,
 * like socket-io-parser.ts beside it. A packet is its type digit then its data (`4…` message, `2probe` ping);
 * an HTTP long-polling payload joins packets with the record separator \x1e.
 * WebTransport's binary streams are not needed: that transport is left out of the bundle.
 */
interface Packet {
  type: string;
  data?: unknown;
}

const TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'];
const SEPARATOR = '\x1e';

export const protocol = 4;

const encode = (packet: Packet) => TYPES.indexOf(packet.type) + ((packet.data as string) || '');

export function encodePacket(packet: Packet, _supportsBinary: boolean, callback: (encoded: string) => void): void {
  callback(encode(packet));
}

/** A binary WebSocket frame is passed on as is; the Socket.IO layer drops it. */
export function decodePacket(raw: unknown): Packet {
  if (typeof raw != 'string') return { type: 'message', data: raw };
  const type = TYPES[raw[0] as unknown as number];
  return type ? (raw.length > 1 ? { type, data: raw.slice(1) } : { type }) : { type: 'error', data: 'parser error' };
}

export function encodePayload(packets: Packet[], callback: (payload: string) => void): void {
  callback(packets.map(encode).join(SEPARATOR));
}

export function decodePayload(payload: string): Packet[] {
  const packets: Packet[] = [];
  for (const raw of payload.split(SEPARATOR)) {
    const packet = decodePacket(raw);
    packets.push(packet);
    if (packet.type == 'error') break;
  }
  return packets;
}
