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

/** A file sent in a chat. `url` is relative to the Causette server (`/files/<id>`): unguessable, no cookie needed. */
export const Attachment = Type.Object({
  id: Id,
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  /** As detected from the file's content, never as the uploader claimed. */
  contentType: Type.String(),
  url: Type.String(),
  /** Pixel size of an image, for a preview that does not jump; null for other files. */
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
});
export type Attachment = Static<typeof Attachment>;

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
  /** Set on `kind: 'attachment'` messages (the body is then the file name, or the caption). */
  attachment: Type.Optional(Type.Union([Attachment, Type.Null()])),
  createdAt: Timestamp,
});
export type Message = Static<typeof Message>;
export type MessageAuthor = Static<typeof MessageAuthor>;
export type MessageKind = Static<typeof MessageKind>;

export const MessageBody = Type.String({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH });
