import { send, type AgentSocket } from '../../api/socket.js';

const TYPING_IDLE_MS = 3_000;

/** The agent's own "typing…" as the visitor sees it: one chat at a time, ended after a pause. */
export class AgentTypingSignal {
  private typingIn: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly socket: AgentSocket) {}

  /** Called on every keystroke of a reply (never of a note: the visitor must not see an agent typing a note). */
  keystroke(conversationId: string): void {
    if (this.typingIn !== conversationId) {
      this.stop();
      this.typingIn = conversationId;
      send(this.socket, 'typing:set', { conversationId, typing: true });
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    if (this.typingIn) send(this.socket, 'typing:set', { conversationId: this.typingIn, typing: false });
    this.typingIn = null;
  }

  /** Stops if the agent was typing in this chat. */
  stopIn(conversationId: string): void {
    if (this.typingIn === conversationId) this.stop();
  }

  /** No "stopped typing" for a chat that no longer exists, nor over a socket being closed. */
  drop(conversationId?: string): void {
    if (conversationId !== undefined && this.typingIn !== conversationId) return;
    clearTimeout(this.timer);
    this.typingIn = null;
  }
}
