import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';

export const AgentRole = Type.Union([Type.Literal('agent'), Type.Literal('supervisor'), Type.Literal('marketer'), Type.Literal('admin')]);
export const AgentStatus = Type.Union([Type.Literal('online'), Type.Literal('away'), Type.Literal('offline')]);
export type AgentRole = Static<typeof AgentRole>;
export type AgentStatus = Static<typeof AgentStatus>;

export const Agent = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: AgentRole,
  status: AgentStatus,
  capacity: Type.Integer({ minimum: 1, maximum: 100 }),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  siteIds: Type.Array(Id),
  createdAt: Timestamp,
});
export type Agent = Static<typeof Agent>;

export const Password = Type.String({ minLength: 10, maxLength: 200 });

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const AgentCreateBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 128 }),
    password: Password,
    role: Type.Optional(AgentRole),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    siteIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type AgentCreateBody = Static<typeof AgentCreateBody>;

export const AgentUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    role: Type.Optional(AgentRole),
    status: Type.Optional(AgentStatus),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
    siteIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type AgentUpdateBody = Static<typeof AgentUpdateBody>;
