import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';

export const Shortcut = Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9_-]+$' });

export const CannedResponse = Type.Object({
  id: Id,
  siteId: Id,
  shortcut: Shortcut,
  body: Type.String(),
  createdAt: Timestamp,
});
export type CannedResponse = Static<typeof CannedResponse>;

export const CannedCreateBody = Type.Object(
  { siteId: Id, shortcut: Shortcut, body: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export type CannedCreateBody = Static<typeof CannedCreateBody>;

export const CannedUpdateBody = Type.Object(
  { shortcut: Type.Optional(Shortcut), body: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })) },
  { additionalProperties: false },
);
export type CannedUpdateBody = Static<typeof CannedUpdateBody>;
