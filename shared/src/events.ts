/**
 * The wire contract per Socket.IO namespace. Every client→server event has a payload schema in
 * `visitorEventSchemas` / `agentEventSchemas`; the server validates against them before any handler runs.
 * Names follow `noun:verb` everywhere.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { AckFn } from './errors.js';
import { MESSAGE_MAX_LENGTH } from './limits.js';
import { ClientId, Id, Seq } from './schemas/common.js';
import type { ConversationSummary, VisitorConversation, VisitorConversationItem } from './schemas/conversation.js';
import type { OpeningState } from './schemas/hours.js';
import { MessageBody, type Message } from './schemas/message.js';
import type { PublicSite } from './schemas/site.js';
import { BehaviourReport, type Teaser } from './schemas/trigger.js';
import { Cart, IdentifyInput, PageViewInput, TrackInput, type VisitorContext } from './schemas/visitor.js';

export { AGENT_NAMESPACE, VISITOR_NAMESPACE } from './namespaces.js';

/* ---------- /visitor ---------- */

export const VisitorHandshake = Type.Object(
  {
    siteKey: Type.String({ minLength: 1, maxLength: 64 }),
    /** A token the server minted earlier; absent on a first visit. */
    token: Type.Optional(Type.String({ maxLength: 512 })),
    /** Added by socket.io-client itself when it tries to recover a dropped session. */
    pid: Type.Optional(Type.String({ maxLength: 128 })),
    offset: Type.Optional(Type.String({ maxLength: 128 })),
    /**
     * A resume link's token (from an email: `#causette-resume=…` on the shop's page). Valid, unexpired and unused,
     * it makes this browser the visitor the link was sent to, and is spent; otherwise it is ignored.
     */
    resume: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type VisitorHandshake = Static<typeof VisitorHandshake>;

const strict = { additionalProperties: false } as const;

/** What the pre-chat form asked: name and email (stored on the visitor unless verified) and custom fields. */
export const PrechatAnswers = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    email: Type.Optional(Type.String({ format: 'email', minLength: 3, maxLength: 320 })),
    fields: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }), Type.String({ maxLength: 500 }), { maxProperties: 10 })),
  },
  strict,
);
export type PrechatAnswers = Static<typeof PrechatAnswers>;

export const visitorEventSchemas = {
  'session:resume': Type.Object(
    {
      /** The last seq this client has of its current conversation, to receive only what follows. */
      conversationId: Type.Optional(Id),
      afterSeq: Type.Optional(Seq),
      /** The language the page's script chose (`causette('language')`, a BCP 47 tag) and the visitor's IANA time zone: emails follow them. */
      language: Type.Optional(Type.String({ maxLength: 35 })),
      timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    },
    strict,
  ),
  'message:send': Type.Object(
    {
      clientId: ClientId,
      body: MessageBody,
      conversationId: Type.Optional(Id),
      /** The teaser this message replies to: the conversation it starts is credited to that trigger. */
      impressionId: Type.Optional(Id),
      /** The team the visitor chose (pre-chat): a new conversation goes to that team's queue. */
      teamId: Type.Optional(Id),
      /** The pre-chat form's answers, sent with the first message (ignored on later ones). */
      prechat: Type.Optional(PrechatAnswers),
      /** A file this visitor uploaded (`POST /files/visitor`): the message carries it; `body` is its name or a caption. */
      attachmentId: Type.Optional(Id),
    },
    strict,
  ),
  /** The visitor's device received messages up to `seq` (drives the agent's "delivered" ticks). */
  'message:delivered': Type.Object({ conversationId: Id, seq: Seq }, strict),
  /** Rate a closed chat (CSAT); rating again replaces the earlier rating. */
  'conversation:rate': Type.Object(
    {
      conversationId: Id,
      score: Type.Integer({ minimum: 1, maximum: 5 }),
      comment: Type.Optional(Type.String({ maxLength: 1000 })),
    },
    strict,
  ),
  /** Every conversation this visitor had on the site, newest first (the history list). */
  'conversation:list': Type.Object({}, strict),
  /** Email this conversation's transcript to `email`, or to the visitor's known address. */
  'transcript:request': Type.Object(
    { conversationId: Id, email: Type.Optional(Type.String({ format: 'email', minLength: 3, maxLength: 320 })) },
    strict,
  ),
  /**
   * No agent is online: the visitor leaves an address and a message. It becomes a pending conversation the
   * team answers later (by email, or in chat when the visitor returns).
   */
  'message:leave': Type.Object(
    {
      clientId: ClientId,
      email: Type.String({ format: 'email', minLength: 3, maxLength: 320 }),
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
      body: MessageBody,
    },
    strict,
  ),
  'message:sync': Type.Object({ conversationId: Id, afterSeq: Seq }, strict),
  'behaviour:report': BehaviourReport,
  'teaser:open': Type.Object({ impressionId: Id }, strict),
  'teaser:dismiss': Type.Object({ impressionId: Id }, strict),
  /** `draft`: what the visitor has typed so far (typing preview); agents see it only where the site allows. */
  'typing:set': Type.Object({ conversationId: Id, typing: Type.Boolean(), draft: Type.Optional(Type.String({ maxLength: MESSAGE_MAX_LENGTH })) }, strict),
  'read:mark': Type.Object({ conversationId: Id, seq: Seq }, strict),
  'page:view': PageViewInput,
  'cart:update': Cart,
  'event:track': TrackInput,
  'visitor:identify': IdentifyInput,
  /** The visitor asks for everything about them to be deleted now (conversations included). */
  'visitor:forget': Type.Object({}, strict),
} satisfies Record<string, TSchema>;

export type VisitorEventName = keyof typeof visitorEventSchemas;
export type VisitorPayload<E extends VisitorEventName> = Static<(typeof visitorEventSchemas)[E]>;

export interface SessionResumeReply {
  /** The signed visitor token to keep; the same one the handshake used, or a new one. */
  token: string;
  visitorId: string;
  site: PublicSite;
  conversation: VisitorConversation | null;
  /** Messages after `afterSeq` (or the latest page when absent), oldest first. */
  messages: Message[];
  /** Whether an agent of the site is online now; when false the widget offers the leave-a-message form. */
  agentsOnline: boolean;
  /** The site's opening hours now: closed, the widget says when it reopens and offers the leave-a-message form. */
  opening: OpeningState;
}
export interface MessageSendReply {
  seq: number;
  message: Message;
  conversation: VisitorConversation;
  /** True when this clientId had been stored already; nothing new was stored. */
  duplicate: boolean;
}
export interface MessageSyncReply {
  messages: Message[];
  /** True when more messages follow the returned page. */
  more: boolean;
}

export interface VisitorClientToServer {
  'session:resume': (p: VisitorPayload<'session:resume'>, ack: AckFn<SessionResumeReply>) => void;
  'message:send': (p: VisitorPayload<'message:send'>, ack: AckFn<MessageSendReply>) => void;
  'message:leave': (p: VisitorPayload<'message:leave'>, ack: AckFn<{ message: Message; conversation: VisitorConversation; duplicate: boolean }>) => void;
  'message:sync': (p: VisitorPayload<'message:sync'>, ack: AckFn<MessageSyncReply>) => void;
  'behaviour:report': (p: VisitorPayload<'behaviour:report'>, ack?: AckFn) => void;
  'teaser:open': (p: VisitorPayload<'teaser:open'>, ack?: AckFn) => void;
  'teaser:dismiss': (p: VisitorPayload<'teaser:dismiss'>, ack?: AckFn) => void;
  'typing:set': (p: VisitorPayload<'typing:set'>, ack?: AckFn) => void;
  'read:mark': (p: VisitorPayload<'read:mark'>, ack?: AckFn) => void;
  'page:view': (p: VisitorPayload<'page:view'>, ack?: AckFn) => void;
  'cart:update': (p: VisitorPayload<'cart:update'>, ack?: AckFn) => void;
  'event:track': (p: VisitorPayload<'event:track'>, ack?: AckFn) => void;
  'visitor:identify': (p: VisitorPayload<'visitor:identify'>, ack?: AckFn<{ verified: boolean }>) => void;
  'visitor:forget': (p: VisitorPayload<'visitor:forget'>, ack?: AckFn) => void;
  'message:delivered': (p: VisitorPayload<'message:delivered'>, ack?: AckFn) => void;
  'conversation:rate': (p: VisitorPayload<'conversation:rate'>, ack: AckFn<{ conversation: VisitorConversation }>) => void;
  'conversation:list': (p: VisitorPayload<'conversation:list'>, ack: AckFn<{ conversations: VisitorConversationItem[] }>) => void;
  'transcript:request': (p: VisitorPayload<'transcript:request'>, ack: AckFn<{ sentTo: string }>) => void;
}

export interface VisitorServerToClient {
  'message:new': (message: Message) => void;
  'conversation:update': (conversation: VisitorConversation) => void;
  'typing:update': (p: { conversationId: string; typing: boolean; name: string | null }) => void;
  /** The agent side has read up to `seq`. */
  'read:update': (p: { conversationId: string; seq: number }) => void;
  /** A trigger fired: show this teaser (after `delaySeconds`, already waited by the server). */
  'teaser:show': (teaser: Teaser) => void;
  /** The site's name or settings changed (e.g. typing preview switched off): apply them now. */
  'site:update': (site: PublicSite) => void;
  /** The visitor's data was erased: forget the token and everything stored, then stop. */
  'session:end': (p: { reason: string }) => void;
  /** An agent of the site came online, or the last one left. */
  'site:availability': (p: { agentsOnline: boolean; opening: OpeningState }) => void;
}

/* ---------- /agent ---------- */

export const agentEventSchemas = {
  'inbox:sync': Type.Object({}, strict),
  'conversation:take': Type.Object({ conversationId: Id }, strict),
  'conversation:close': Type.Object({ conversationId: Id }, strict),
  'message:send': Type.Object(
    {
      conversationId: Id,
      clientId: ClientId,
      body: MessageBody,
      /** `note` is visible to agents only. */
      kind: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('note')])),
      /** A file this agent uploaded (`POST /api/files`): the message carries it; `body` is its name or a caption. */
      attachmentId: Type.Optional(Id),
    },
    strict,
  ),
  /** The console received messages up to `seq` (drives the visitor's "delivered" ticks). */
  'message:delivered': Type.Object({ conversationId: Id, seq: Seq }, strict),
  'message:sync': Type.Object({ conversationId: Id, afterSeq: Seq }, strict),
  'typing:set': Type.Object({ conversationId: Id, typing: Type.Boolean() }, strict),
  'read:mark': Type.Object({ conversationId: Id, seq: Seq }, strict),
  'visitor:context': Type.Object({ visitorId: Id }, strict),
  /** Hand a conversation to another agent of the site; the note is internal (agents only). */
  /** Exactly one of `toAgentId` (that agent) and `toTeamId` (that team's queue, routed again). */
  'conversation:transfer': Type.Object(
    {
      conversationId: Id,
      toAgentId: Type.Optional(Id),
      toTeamId: Type.Optional(Id),
      note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    },
    strict,
  ),
  /** A supervisor or admin takes the conversation over from whoever holds it. */
  'conversation:takeover': Type.Object({ conversationId: Id }, strict),
  /** Supervisors and admins: every agent's load and status, every open or pending chat. */
  'supervisor:overview': Type.Object({}, strict),
  /** The agent sets their own status; `away` takes no new chats, `online` takes them again. */
  'agent:status': Type.Object({ status: Type.Union([Type.Literal('online'), Type.Literal('away')]) }, strict),
  /** Agent-initiated chat with a visitor on the site now: the first message is the agent's. */
  'conversation:start': Type.Object({ visitorId: Id, clientId: ClientId, body: MessageBody }, strict),
} satisfies Record<string, TSchema>;

export type AgentEventName = keyof typeof agentEventSchemas;
export type AgentPayload<E extends AgentEventName> = Static<(typeof agentEventSchemas)[E]>;

export interface InboxSyncReply {
  /** Open conversations assigned to this agent. */
  mine: ConversationSummary[];
  /** Open conversations no agent has taken yet, oldest first. */
  queue: ConversationSummary[];
  /** Messages left while no one was online, oldest first: answer by email or when the visitor returns. */
  pending: ConversationSummary[];
}
/** One row of the supervisor view. */
export interface AgentLoadView {
  id: string;
  name: string;
  role: 'agent' | 'supervisor' | 'marketer' | 'admin';
  /** `online`: connected and taking chats; `away`: connected, taking none; `offline`: not connected. */
  status: 'online' | 'away' | 'offline';
  capacity: number;
  /** Open chats assigned now. */
  active: number;
  teamIds: string[];
}
export interface SupervisorOverview {
  agents: AgentLoadView[];
  /** Open and pending conversations of the supervisor's sites, the longest waiting first. */
  conversations: ConversationSummary[];
}
export interface AgentMessageSendReply {
  seq: number;
  message: Message;
  duplicate: boolean;
}

export interface AgentClientToServer {
  'inbox:sync': (p: AgentPayload<'inbox:sync'>, ack: AckFn<InboxSyncReply>) => void;
  'conversation:take': (p: AgentPayload<'conversation:take'>, ack: AckFn<{ conversation: ConversationSummary }>) => void;
  'conversation:close': (p: AgentPayload<'conversation:close'>, ack: AckFn<{ conversation: ConversationSummary }>) => void;
  'message:send': (p: AgentPayload<'message:send'>, ack: AckFn<AgentMessageSendReply>) => void;
  'message:sync': (p: AgentPayload<'message:sync'>, ack: AckFn<MessageSyncReply>) => void;
  'typing:set': (p: AgentPayload<'typing:set'>, ack?: AckFn) => void;
  'read:mark': (p: AgentPayload<'read:mark'>, ack?: AckFn) => void;
  'visitor:context': (p: AgentPayload<'visitor:context'>, ack: AckFn<{ context: VisitorContext }>) => void;
  'conversation:transfer': (p: AgentPayload<'conversation:transfer'>, ack: AckFn<{ conversation: ConversationSummary }>) => void;
  'conversation:start': (p: AgentPayload<'conversation:start'>, ack: AckFn<{ conversation: ConversationSummary; message: Message }>) => void;
  'conversation:takeover': (p: AgentPayload<'conversation:takeover'>, ack: AckFn<{ conversation: ConversationSummary }>) => void;
  'supervisor:overview': (p: AgentPayload<'supervisor:overview'>, ack: AckFn<SupervisorOverview>) => void;
  'agent:status': (p: AgentPayload<'agent:status'>, ack?: AckFn<{ status: 'online' | 'away' }>) => void;
  'message:delivered': (p: AgentPayload<'message:delivered'>, ack?: AckFn) => void;
}

export interface AgentServerToClient {
  /** Every message of a conversation this agent may see, notes included. */
  'message:new': (message: Message) => void;
  /** A conversation was created, taken, closed, or its read state moved. */
  'conversation:update': (conversation: ConversationSummary) => void;
  /** The visitor is typing; `draft` is their unsent text when the site has typing preview on. */
  'typing:update': (p: { conversationId: string; typing: boolean; draft?: string }) => void;
  /** The visitor has read up to `seq`. */
  'read:update': (p: { conversationId: string; seq: number }) => void;
  /** The visitor's page, journey or cart changed. */
  'visitor:update': (context: VisitorContext) => void;
  /** The conversation no longer exists (the visitor's data was erased): drop it from every list. */
  'conversation:remove': (p: { conversationId: string }) => void;
  /** The server ends this session (logout, disabled agent); the console returns to login. */
  'session:end': (p: { reason: string }) => void;
}
