import { fetchMe } from '../../api/auth.js';
import { ApiError } from '../../api/http.js';
import { createAgentSocket } from '../../api/socket.js';
import { connection } from '../connection.js';
import { endSession, requireEnrolment } from '../session.js';
import { clearSignedInState } from '../sign-out.js';
import { listenInbound } from './inbound.js';
import { beginSession, currentSession, detachSession, type SignInSession } from './session.js';
import { afterConnect } from './sync.js';

/** Opens the agent's socket at sign-in; the session it starts lives until `disconnect`. */
export function connect(): void {
  if (currentSession()) return;
  const session = beginSession(createAgentSocket());
  const agentSocket = session.socket;
  connection.value = 'connecting';

  agentSocket.on('connect', () => {
    connection.value = 'online';
    session.delivery.flush();
    void afterConnect(session);
  });
  agentSocket.on('disconnect', (reason) => {
    if (!session.live) return;
    connection.value = 'offline';
    // The server closed this socket on purpose: find out whether the session is still valid before retrying.
    if (reason === 'io server disconnect') void recheckSession(session);
  });
  agentSocket.on('connect_error', (err) => {
    if (!session.live) return;
    if (err.message === 'unauthenticated') {
      endSession();
      return;
    }
    // The admin started requiring two-factor since this agent signed in: set it up before anything else.
    if (err.message === 'two_factor_required') {
      requireEnrolment();
      return;
    }
    if (connection.value === 'online') connection.value = 'offline';
    // Middleware rejections are not retried by socket.io itself; transport errors are.
    if (!agentSocket.active) setTimeout(() => session.live && agentSocket.connect(), 3_000);
  });
  listenInbound(session);

  agentSocket.connect();
}

/** Sign-out: the socket closes, the session is dropped, and every state module forgets the agent's data. */
export function disconnect(): void {
  const closing = detachSession();
  if (!closing) return;
  closing.socket.removeAllListeners();
  closing.socket.disconnect();
  connection.value = 'connecting';
  clearSignedInState();
}

async function recheckSession(session: SignInSession): Promise<void> {
  try {
    await fetchMe();
    if (session.live) session.socket.connect();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) endSession();
    else setTimeout(() => session.live && void recheckSession(session), 3_000);
  }
}
