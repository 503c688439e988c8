import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';

/** An allowed origin is an exact origin (`https://shop.example`) or `self`, the server's own origin. */
export const Origin = Type.String({ minLength: 1, maxLength: 256, pattern: '^(self|https?://[^/\\s]+)$' });

export const SiteSettings = Type.Object(
  {
    /** When true, the widget keeps no storage until `causette('consent', true)`. */
    requireConsent: Type.Boolean(),
    greeting: Type.String({ maxLength: 500 }),
    color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
    /** `auto`: new chats go to the online agent with the most free slots; `manual`: agents take them from the queue. */
    routing: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('manual')])),
    /** Agents see what the visitor is typing before it is sent; absent means on. The widget discloses it. */
    typingPreview: Type.Optional(Type.Boolean()),
    /**
     * Seconds an assigned chat may wait for the agent's reply before it is reassigned to another agent
     * (auto routing only); absent or 0: never.
     */
    slaSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
    /**
     * Identity verification: `identify` must carry `hash` = HMAC-SHA256(site secret, id), or it is refused.
     * Off (default): an identify without a valid hash is stored as unverified, and the console says so.
     */
    requireVerifiedIdentity: Type.Optional(Type.Boolean()),
    /** Days to keep resolved conversations and behaviour (page views, events); absent or 0: kept. */
    retentionDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export type SiteSettings = Static<typeof SiteSettings>;

export const Site = Type.Object({
  id: Id,
  key: Type.String(),
  name: Type.String(),
  allowedOrigins: Type.Array(Origin),
  settings: SiteSettings,
  createdAt: Timestamp,
});
export type Site = Static<typeof Site>;

/** What the widget may know of its site. */
export const PublicSite = Type.Object({
  name: Type.String(),
  settings: SiteSettings,
});
export type PublicSite = Static<typeof PublicSite>;

export const SiteCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    allowedOrigins: Type.Array(Origin, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type SiteCreateBody = Static<typeof SiteCreateBody>;

export const SiteUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    allowedOrigins: Type.Optional(Type.Array(Origin, { maxItems: 50 })),
    settings: Type.Optional(Type.Partial(SiteSettings, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type SiteUpdateBody = Static<typeof SiteUpdateBody>;
