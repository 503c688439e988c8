import { Type, type Static } from '@sinclair/typebox';
import { Id, Seq, Timestamp } from './common.js';
import { Message } from './message.js';

export const ConversationStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('pending'),
  Type.Literal('resolved'),
]);
export type ConversationStatus = Static<typeof ConversationStatus>;

/** What the visitor may know of the agent who holds their chat. */
export const AgentCard = Type.Object({
  id: Id,
  name: Type.String(),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
});
export type AgentCard = Static<typeof AgentCard>;

/** The conversation as the visitor sees it: no internal fields. */
export const VisitorConversation = Type.Object({
  id: Id,
  status: ConversationStatus,
  agent: Type.Union([AgentCard, Type.Null()]),
  lastSeq: Seq,
  /** The highest seq the agent side has read; drives the visitor's "read" ticks. */
  agentReadSeq: Seq,
  /** The highest seq the visitor has read, in any tab or on any earlier visit; drives the unread badge. */
  visitorReadSeq: Seq,
  /** While no agent has it: the place in line (1 = next) and an estimated wait in seconds (null: unknown). */
  queue: Type.Union([Type.Object({ position: Type.Integer({ minimum: 1 }), waitSeconds: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
  createdAt: Timestamp,
});
export type VisitorConversation = Static<typeof VisitorConversation>;

/** One row of the agent's inbox or queue. */
export const ConversationSummary = Type.Object({
  id: Id,
  siteId: Id,
  visitorId: Id,
  visitorName: Type.String(),
  status: ConversationStatus,
  assigneeId: Type.Union([Id, Type.Null()]),
  assigneeName: Type.Union([Type.String(), Type.Null()]),
  lastSeq: Seq,
  agentReadSeq: Seq,
  visitorReadSeq: Seq,
  lastMessage: Type.Union([Message, Type.Null()]),
  /** The proactive trigger whose teaser the visitor answered to start this conversation. */
  startedBy: Type.Union([Type.Object({ triggerId: Id, triggerName: Type.String(), variant: Type.String() }), Type.Null()]),
  /** The team whose queue the conversation is in (routing only considers its members). */
  teamId: Type.Union([Id, Type.Null()]),
  teamName: Type.Union([Type.String(), Type.Null()]),
  /** When the visitor's oldest unanswered message arrived; null once the agent side has replied. */
  awaitingSince: Type.Union([Timestamp, Type.Null()]),
  /** The address a visitor left (leave-a-message form or identify), for replying later. */
  visitorEmail: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ConversationSummary = Static<typeof ConversationSummary>;
