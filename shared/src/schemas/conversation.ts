import { Type, type Static } from '@sinclair/typebox';
import { Id, Seq, Timestamp } from './common.js';
import { Message } from './message.js';

export const ConversationStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('pending'),
  Type.Literal('resolved'),
]);
export type ConversationStatus = Static<typeof ConversationStatus>;

/** The visitor's rating of a closed chat (CSAT). */
export const Rating = Type.Object({
  /** 1 (bad) … 5 (great); thumbs map to 1 and 5. */
  score: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Type.Union([Type.String(), Type.Null()]),
  ratedAt: Timestamp,
});
export type Rating = Static<typeof Rating>;

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
  /** The highest seq that reached an agent's console; drives the visitor's "delivered" ticks. */
  agentDeliveredSeq: Seq,
  /** The highest seq the visitor has read, in any tab or on any earlier visit; drives the unread badge. */
  visitorReadSeq: Seq,
  /** The visitor's rating once given (closed chats only). */
  rating: Type.Union([Rating, Type.Null()]),
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
  /** The highest seq that reached one of the visitor's devices: agents' "delivered" ticks. */
  visitorDeliveredSeq: Seq,
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
  /** The visitor's rating of this chat (CSAT), once given. */
  rating: Type.Union([Rating, Type.Null()]),
  /** Answers to the pre-chat form's custom fields, by field id. */
  fields: Type.Record(Type.String(), Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ConversationSummary = Static<typeof ConversationSummary>;

/** One row of the visitor's history list: every conversation they had on this site, newest first. */
export const VisitorConversationItem = Type.Object({
  id: Id,
  status: ConversationStatus,
  agent: Type.Union([AgentCard, Type.Null()]),
  lastMessage: Type.Union([Message, Type.Null()]),
  rating: Type.Union([Rating, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type VisitorConversationItem = Static<typeof VisitorConversationItem>;

/** CSAT over a period: what the Reports screen shows. */
export const CsatReport = Type.Object({
  from: Timestamp,
  to: Timestamp,
  /** Rated conversations in the period. */
  count: Type.Integer({ minimum: 0 }),
  /** Mean score 1–5, one decimal; null when nothing was rated. */
  average: Type.Union([Type.Number(), Type.Null()]),
  /** Ratings per score: index 0 is the count of 1s … index 4 of 5s. */
  distribution: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 5, maxItems: 5 }),
  /** Share of 4s and 5s, 0–100, rounded; null when nothing was rated. */
  satisfiedPercent: Type.Union([Type.Integer(), Type.Null()]),
  byAgent: Type.Array(Type.Object({ agentId: Id, name: Type.String(), count: Type.Integer(), average: Type.Number() })),
  /** The latest rated conversations, newest first (at most 50), with their comments. */
  recent: Type.Array(ConversationSummary),
});
export type CsatReport = Static<typeof CsatReport>;
