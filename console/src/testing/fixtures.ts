import type { CannedResponse, ConversationSummary, Message } from '@causette/shared';

let counter = 0;
const nextId = (prefix: string) => `${prefix}${String(++counter).padStart(8, '0')}`;

export function message(overrides: Partial<Message> & Pick<Message, 'seq'>): Message {
  return {
    id: nextId('msg'),
    conversationId: 'conv00000001',
    clientId: `client-${overrides.seq}-${overrides.author ?? 'visitor'}`,
    author: 'visitor',
    authorId: null,
    authorName: null,
    kind: 'text',
    body: `message ${overrides.seq}`,
    createdAt: 1_700_000_000_000 + overrides.seq * 1000,
    ...overrides,
  };
}

export function summary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: nextId('conv'),
    siteId: 'site00000001',
    visitorId: nextId('visitor'),
    visitorName: 'Visitor',
    status: 'open',
    assigneeId: null,
    assigneeName: null,
    lastSeq: 0,
    agentReadSeq: 0,
    visitorReadSeq: 0,
    visitorDeliveredSeq: 0,
    lastMessage: null,
    startedBy: null,
    teamId: null,
    teamName: null,
    awaitingSince: null,
    visitorEmail: null,
    rating: null,
    fields: {},
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

export function canned(shortcut: string, body = `Body of ${shortcut}`): CannedResponse {
  return { id: nextId('canned'), siteId: 'site00000001', shortcut, body, createdAt: 0 };
}
