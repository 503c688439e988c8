import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';
import { BusinessHours } from './hours.js';

/** A team (Sales, Support…) of one site has its own queue: its chats go only to its members. */
export const Team = Type.Object({
  id: Id,
  siteId: Id,
  name: Type.String(),
  memberIds: Type.Array(Id),
  /** The team's own opening hours; null: the site's. */
  hours: Type.Union([BusinessHours, Type.Null()]),
  createdAt: Timestamp,
});
export type Team = Static<typeof Team>;

const TeamName = Type.String({ minLength: 1, maxLength: 64 });

export const TeamCreateBody = Type.Object(
  { siteId: Id, name: TeamName, memberIds: Type.Optional(Type.Array(Id, { maxItems: 500 })) },
  { additionalProperties: false },
);
export type TeamCreateBody = Static<typeof TeamCreateBody>;

export const TeamUpdateBody = Type.Object(
  {
    name: Type.Optional(TeamName),
    memberIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
    hours: Type.Optional(Type.Union([BusinessHours, Type.Null()])),
  },
  { additionalProperties: false },
);
export type TeamUpdateBody = Static<typeof TeamUpdateBody>;
