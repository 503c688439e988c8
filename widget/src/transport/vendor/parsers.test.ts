import { describe, expect, it } from 'vitest';
import * as engine from './engine-io-parser';
import { Decoder, Encoder, PacketType } from './socket-io-parser';

// Wire samples as the Socket.IO v5 / Engine.IO v4 protocol documents them: the widget must talk to a stock server.

describe('socket.io packets', () => {
  const encode = (p: Parameters<Encoder['encode']>[0]) => new Encoder().encode(p);
  const decode = (s: string) => {
    const decoder = new Decoder();
    let out: unknown;
    decoder.on('decoded', (p) => (out = p));
    decoder.add(s);
    return out;
  };

  it('encodes the namespace connect with auth, and events with an ack id', () => {
    expect(encode({ type: PacketType.CONNECT, nsp: '/visitor', data: { siteKey: 'demo' } })).toEqual(['0/visitor,{"siteKey":"demo"}']);
    expect(encode({ type: PacketType.EVENT, nsp: '/visitor', id: 12, data: ['message:send', { body: 'hi' }] })).toEqual([
      '2/visitor,12["message:send",{"body":"hi"}]',
    ]);
    expect(encode({ type: PacketType.EVENT, nsp: '/', data: ['x'] })).toEqual(['2["x"]']);
  });

  it('decodes acks, events and connect errors', () => {
    expect(decode('3/visitor,12[{"ok":true,"seq":4}]')).toEqual({ type: 3, nsp: '/visitor', id: 12, data: [{ ok: true, seq: 4 }] });
    expect(decode('2/visitor,["message:new",{"seq":5}]')).toEqual({ type: 2, nsp: '/visitor', data: ['message:new', { seq: 5 }] });
    expect(decode('4/visitor,{"message":"origin_not_allowed"}')).toEqual({ type: 4, nsp: '/visitor', data: { message: 'origin_not_allowed' } });
    expect(decode('0/visitor,{"sid":"abc"}')).toEqual({ type: 0, nsp: '/visitor', data: { sid: 'abc' } });
    expect(decode('1/visitor,')).toEqual({ type: 1, nsp: '/visitor' });
    expect(decode('2["hello"]')).toEqual({ type: 2, nsp: '/', data: ['hello'] });
  });

  it('keeps text that looks like protocol inside the JSON intact', () => {
    const body = '3/x,9[] \n\u001e "quoted" ,/';
    const [wire] = encode({ type: 2, nsp: '/visitor', id: 1, data: ['message:send', { body }] });
    expect(decode(wire!)).toMatchObject({ id: 1, data: ['message:send', { body }] });
  });

  it('rejects a malformed packet (the manager then reconnects) and drops binary ones', () => {
    expect(() => decode('2/visitor,[not json')).toThrow();
    expect(decode('51-/visitor,["file",{"_placeholder":true,"num":0}]')).toBeUndefined();
  });
});

describe('engine.io packets', () => {
  it('round-trips packets and long-polling payloads', () => {
    let encoded = '';
    engine.encodePayload([{ type: 'message', data: '2["a"]' }, { type: 'pong' }], (s) => (encoded = s));
    expect(encoded).toBe('42["a"]\u001e3');
    expect(engine.decodePayload('0{"sid":"x"}\u001e40/visitor,\u001e2probe')).toEqual([
      { type: 'open', data: '{"sid":"x"}' },
      { type: 'message', data: '0/visitor,' },
      { type: 'ping', data: 'probe' },
    ]);
    engine.encodePacket({ type: 'ping', data: 'probe' }, true, (s) => (encoded = s));
    expect(encoded).toBe('2probe');
  });

  it('reports garbage as a parser error and stops there', () => {
    expect(engine.decodePayload('4ok\u001ezzz\u001e4lost')).toEqual([
      { type: 'message', data: 'ok' },
      { type: 'error', data: 'parser error' },
    ]);
  });
});
