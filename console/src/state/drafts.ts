import { signal, type Signal } from '@preact/signals';

type DraftMap = Readonly<Record<string, string>>;

/**
 * Unsent text per conversation, so an agent can switch chats mid-sentence. Drafts survive a reload in
 * localStorage, under a key per agent so a shared computer does not show one agent's drafts to another.
 */
export class DraftStore {
  readonly drafts: Signal<DraftMap> = signal({});
  private key: string | null = null;

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null) {}

  /** Loads the drafts of one agent; call on login. */
  open(agentId: string): void {
    this.key = `causette.console.drafts.${agentId}`;
    this.drafts.value = this.read();
  }

  /** Forgets the in-memory drafts; stored ones stay for the agent's next login. */
  close(): void {
    this.key = null;
    this.drafts.value = {};
  }

  get(conversationId: string): string {
    return this.drafts.peek()[conversationId] ?? '';
  }

  set(conversationId: string, text: string): void {
    const next = { ...this.drafts.peek() };
    if (text === '') delete next[conversationId];
    else next[conversationId] = text;
    this.drafts.value = next;
    this.write(next);
  }

  clear(conversationId: string): void {
    this.set(conversationId, '');
  }

  private read(): DraftMap {
    if (!this.storage || !this.key) return {};
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.key) ?? '{}');
      if (!parsed || typeof parsed !== 'object') return {};
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      return {};
    }
  }

  private write(drafts: DraftMap): void {
    if (!this.storage || !this.key) return;
    try {
      if (Object.keys(drafts).length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify(drafts));
    } catch {
      // A full or blocked storage only costs persistence; the drafts stay in memory.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const drafts = new DraftStore(safeLocalStorage());
