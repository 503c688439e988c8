import { Type, type Static } from '@sinclair/typebox';
import { MESSAGE_MAX_LENGTH } from '../limits.js';
import { ClientId, Id, Seq, Timestamp } from './common.js';


export const MessageAuthor = Type.Union([
  Type.Literal('visitor'),
  Type.Literal('agent'),
  Type.Literal('bot'),
  Type.Literal('system'),
]);
export const MessageKind = Type.Union([
  Type.Literal('text'),
  Type.Literal('attachment'),
  Type.Literal('note'),
  Type.Literal('event'),
]);

export const Message = Type.Object({
  id: Id,
  conversationId: Id,
  seq: Seq,
  clientId: ClientId,
  author: MessageAuthor,
  authorId: Type.Union([Id, Type.Null()]),
  authorName: Type.Union([Type.String(), Type.Null()]),
  kind: MessageKind,
  body: Type.String(),
  createdAt: Timestamp,
});
export type Message = Static<typeof Message>;
export type MessageAuthor = Static<typeof MessageAuthor>;
export type MessageKind = Static<typeof MessageKind>;

export const MessageBody = Type.String({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH });
