import { Type, type Static } from '@sinclair/typebox';
import { VISITOR_TOKEN_DAYS } from '../limits.js';
import { Id, Timestamp } from './common.js';
import { BusinessHours } from './hours.js';

/** A question of the pre-chat form beyond name and email: free text, or one choice of a list. */
export const PrechatField = Type.Object(
  {
    /** Stable key the answers are stored under (`order_number`). */
    id: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }),
    label: Type.String({ minLength: 1, maxLength: 80 }),
    type: Type.Union([Type.Literal('text'), Type.Literal('select')]),
    required: Type.Boolean(),
    /** The choices of a `select`. */
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type PrechatField = Static<typeof PrechatField>;

/** Asked before the first message of a chat; skipped for identified visitors (they are known already). */
export const PrechatSettings = Type.Object(
  {
    enabled: Type.Boolean(),
    /** `required`: must be filled; `optional`: asked; `off`: not asked. */
    name: Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('off')]),
    email: Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('off')]),
    /** Let the visitor choose one of the site's teams (topic); the chat goes to that team's queue. */
    askTeam: Type.Boolean(),
    fields: Type.Array(PrechatField, { maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type PrechatSettings = Static<typeof PrechatSettings>;

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
    /**
     * Days a visitor token (the widget's key to its chats, kept in the shop's storage) stays valid after it was
     * issued; the widget gets a fresh one on its visits, so a visitor who comes back keeps their chats [30].
     */
    visitorTokenDays: Type.Optional(Type.Integer({ minimum: VISITOR_TOKEN_DAYS.min, maximum: VISITOR_TOKEN_DAYS.max })),
    /* ---- theming: the widget applies these live (site:update); absent means the default in brackets ---- */
    /** Which bottom corner the launcher and panel sit in [right]. */
    position: Type.Optional(Type.Union([Type.Literal('right'), Type.Literal('left')])),
    /** Text on the launcher next to the icon; empty: the icon alone ['']. */
    launcherText: Type.Optional(Type.String({ maxLength: 24 })),
    /** An image (http or https address, square is best) drawn round in the launcher instead of the chat icon; '' or absent: the icon. */
    launcherIcon: Type.Optional(Type.String({ maxLength: 500, pattern: '^(https?://[^\\s"\'<>()\\\\]+)?$' })),
    /** `auto` follows the page's `prefers-color-scheme`; `light` or `dark` forces it [auto]. */
    darkMode: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('light'), Type.Literal('dark')])),
    /** Show the agent's photo (or initials) next to their messages and in the header [true]. */
    showAgentAvatars: Type.Optional(Type.Boolean()),
    /** The widget's language: a tag (`fr`) or absent / '' to follow the page's `lang` and then the browser. */
    language: Type.Optional(Type.String({ maxLength: 35, pattern: '^([a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*)?$' })),
    /* ---- visitor experience ---- */
    prechat: Type.Optional(PrechatSettings),
    /** Opening hours; absent: always open. Outside them the widget offers the leave-a-message form. */
    hours: Type.Optional(BusinessHours),
    /** Ask the visitor to rate a chat when it is closed [true]. */
    csat: Type.Optional(Type.Boolean()),
    /** Visitors may send files and images [true]. */
    attachments: Type.Optional(Type.Boolean()),
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
  /** false: this server sends no email (no SMTP set up), so the widget offers no transcript by email. */
  email: Type.Optional(Type.Boolean()),
  /** The site's teams, for the pre-chat topic choice, each with its opening state now (its hours, or the site's). */
  teams: Type.Optional(
    Type.Array(Type.Object({ id: Id, name: Type.String(), opening: Type.Optional(Type.Object({ open: Type.Boolean(), reopensAt: Type.Union([Type.Number(), Type.Null()]) })) })),
  ),
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
    /**
     * Settings to change; the others stay. `hours: null` removes the opening hours (always open); `position: null`
     * the corner (the widget then sits at the end of the reading direction).
     */
    settings: Type.Optional(
      Type.Composite(
        [
          Type.Partial(Type.Omit(SiteSettings, ['hours', 'position'])),
          Type.Object({
            hours: Type.Optional(Type.Union([BusinessHours, Type.Null()])),
            position: Type.Optional(Type.Union([Type.Literal('right'), Type.Literal('left'), Type.Null()])),
          }),
        ],
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SiteUpdateBody = Static<typeof SiteUpdateBody>;
