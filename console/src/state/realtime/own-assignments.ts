/** How long an action of the agent's own may explain a chat becoming theirs (the update can trail the ack). */
const OWN_ACTION_MS = 10_000;

/**
 * Chats the agent is about to make theirs (take, takeover, a reply in a queued or left-message chat), so the
 * broadcast that makes them theirs rings no chime and lights no badge.
 */
export class OwnAssignments {
  private readonly expected = new Map<string, number>();

  expect(conversationId: string, at = Date.now()): void {
    this.expected.set(conversationId, at + OWN_ACTION_MS);
  }

  /** True once per expected assignment, while it is fresh. */
  consume(conversationId: string, at = Date.now()): boolean {
    const until = this.expected.get(conversationId);
    if (until === undefined) return false;
    this.expected.delete(conversationId);
    return at <= until;
  }

  forget(conversationId: string): void {
    this.expected.delete(conversationId);
  }
}
