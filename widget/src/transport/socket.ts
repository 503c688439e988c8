/**
 * The widget's one connection to the server, as the rest of the widget sees it. The parts live beside it:
 * handshake.ts (connect, token, session:resume, erasure), inbound.ts (what the server pushes), sync.ts (holes),
 * outbox.ts (sending what the visitor wrote), receipts.ts, typing.ts, tracking.ts and requests.ts.
 */
import { onTeaserEvent } from '../state/teaser';
import { open, wake } from './handshake';
import { listen } from './inbound';
import { online, type TransportOptions } from './link';
import { sendOutbox } from './outbox';
import { sendReceipts } from './receipts';
import { listenTyping } from './typing';

export { endpoint, type TransportOptions } from './link';
export { forgetVisitor, reconnect, resync, wake } from './handshake';
export { ask, leaveMessage } from './requests';
export { sendTyping } from './typing';
export { flushTracking, gateTracking, identify, pageView, report, track, updateCart } from './tracking';

export function connect(options: TransportOptions): void {
  const s = open(options);
  listen(s);
  listenTyping(s);
  onTeaserEvent((event, impressionId) => online() && s.emit(event, { impressionId }));
  sendOutbox(wake);
  sendReceipts(s);
}
