import type { Agent, Attachment } from '@causette/shared';
import type { AgentWithSecret } from '../store/store.js';

/** What anyone but the agent's own sign-in may see of an agent: everything but the password hash. */
export function publicAgent(a: AgentWithSecret): Agent {
  const { passwordHash: _secret, ...rest } = a;
  return rest;
}

/** Files are served at an unguessable path of the Causette server; clients prefix their server's origin. */
export function toAttachment(meta: Omit<Attachment, 'url'>): Attachment {
  return { ...meta, url: `/files/${meta.id}` };
}

/** Visitors without a name get a short stable label, so agents can tell them apart. */
export function visitorLabel(v: { id: string; name: string | null }): string {
  return v.name ?? `Visitor ${v.id.slice(0, 4).toUpperCase()}`;
}
