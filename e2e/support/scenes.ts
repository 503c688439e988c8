/** Steps several journeys share, written as the people involved would do them. */
import type { Page } from 'playwright-core';
import { dialogue } from './chat-lines.js';
import { openConversationShowing, sendAgentMessage, takeOpenConversation, threadLines } from './console.js';
import { waitFor } from './wait.js';
import { openChat, sendVisitorMessage, widgetLines } from './widget.js';

/** The visitor opens the chat and writes; the agent finds that conversation in the queue and takes it. */
export async function startChat(visitor: Page, agent: Page, firstMessage: string): Promise<string> {
  await openChat(visitor);
  await sendVisitorMessage(visitor, firstMessage);
  const conversationId = await openConversationShowing(agent, 'queue', firstMessage);
  await takeOpenConversation(agent, conversationId);
  return conversationId;
}

/** The agent replies in the open conversation and the visitor sees the reply, stored, from an agent. */
export async function agentReplies(agent: Page, visitor: Page, text: string): Promise<void> {
  await sendAgentMessage(agent, text);
  await waitFor(`the visitor to receive "${text}"`, async () =>
    dialogue(await widgetLines(visitor)).some((l) => l.author === 'agent' && l.text === text),
  );
}

/** The visitor writes and the agent sees it in the open thread. */
export async function visitorWrites(visitor: Page, agent: Page, text: string): Promise<void> {
  await sendVisitorMessage(visitor, text);
  await waitFor(`the agent to receive "${text}"`, async () =>
    dialogue(await threadLines(agent)).some((l) => l.author === 'visitor' && l.text === text),
  );
}
