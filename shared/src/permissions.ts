/**
 * What each role may do, declared once: the server checks it on every REST route and `/agent` event, and the
 * console shows a screen only to the roles it lets in. TypeBox-free, so any client may import it.
 */
export type Role = 'agent' | 'supervisor' | 'marketer' | 'admin';

const EVERYONE: readonly Role[] = ['agent', 'supervisor', 'marketer', 'admin'];
/** The roles that hold chats: a marketer has no inbox. */
const CHAT: readonly Role[] = ['agent', 'supervisor', 'admin'];
const SUPERVISE: readonly Role[] = ['supervisor', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

export const PERMISSIONS = {
  /** Who is signed in, and which sites they work on. */
  'session.read': EVERYONE,
  'sites.read': EVERYONE,
  'sites.manage': ADMIN,
  'agents.manage': ADMIN,
  /** Teams by name: the trigger editor routes a trigger's chats to one. */
  'teams.read': EVERYONE,
  'teams.manage': ADMIN,
  /** Who works on a site and their load: the transfer dialog and the supervisor's view. */
  'team.load': CHAT,
  /** The inbox, a chat's history, the visitor beside it; admits to the `/agent` socket. */
  'conversations.read': CHAT,
  /** Writing to a customer: send, take, close, transfer, start, typing, receipts, uploads, one's own status. */
  'conversations.reply': CHAT,
  /** Every agent's chats and load, and taking a chat over. */
  'conversations.supervise': SUPERVISE,
  'canned.use': CHAT,
  /** Who is on the site now: the Visitors screen and the trigger test panel. */
  'visitors.live': EVERYONE,
  /** A visitor's data export and erasure (GDPR). */
  'visitors.privacy': ADMIN,
  'triggers.read': EVERYONE,
  'triggers.manage': ['marketer', 'admin'],
  'reports.read': SUPERVISE,
  'settings.manage': ADMIN,
  /** The audit log: who changed what, when and from where; and its export. */
  'audit.read': ADMIN,
  /** The OpenAPI description (unless the operator makes it public). */
  'apiDocs.read': ADMIN,
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof PERMISSIONS;

export function roleCan(role: Role | undefined | null, capability: Capability): boolean {
  return !!role && (PERMISSIONS[capability] as readonly Role[]).includes(role);
}
