import type { ConversationSummary } from '@causette/shared';
import { request } from './http.js';

export function fetchConversation(id: string): Promise<{ conversation: ConversationSummary }> {
  return request(`/api/conversations/${encodeURIComponent(id)}`);
}
