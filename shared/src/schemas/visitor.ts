import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp, Url } from './common.js';

export const CartItem = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 128 }),
    name: Type.String({ maxLength: 256 }),
    price: Type.Number({ minimum: 0, maximum: 1e9 }),
    qty: Type.Integer({ minimum: 0, maximum: 100000 }),
  },
  { additionalProperties: false },
);
export const Cart = Type.Object(
  {
    items: Type.Array(CartItem, { maxItems: 200 }),
    total: Type.Number({ minimum: 0, maximum: 1e10 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: false },
);
export type Cart = Static<typeof Cart>;
export type CartItem = Static<typeof CartItem>;

export const PageViewInput = Type.Object(
  {
    url: Url,
    title: Type.String({ maxLength: 512 }),
    referrer: Type.String({ maxLength: 2048 }),
  },
  { additionalProperties: false },
);
export type PageViewInput = Static<typeof PageViewInput>;

export const PageView = Type.Object({
  url: Type.String(),
  path: Type.String(),
  title: Type.String(),
  referrer: Type.String(),
  at: Timestamp,
});
export type PageView = Static<typeof PageView>;

export const IdentifyInput = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    email: Type.Optional(Type.String({ maxLength: 320, format: 'email' })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    hash: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type IdentifyInput = Static<typeof IdentifyInput>;

export const TrackInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' }),
    props: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.String({ maxLength: 512 }), Type.Number(), Type.Boolean(), Type.Null()]), {
        maxProperties: 32,
      }),
    ),
  },
  { additionalProperties: false },
);
export type TrackInput = Static<typeof TrackInput>;

/** Everything the console's sidebar shows about a visitor. */
export const VisitorContext = Type.Object({
  visitorId: Id,
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  verified: Type.Boolean(),
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
  online: Type.Boolean(),
  currentPage: Type.Union([PageView, Type.Null()]),
  /** This session's pages, oldest first. */
  journey: Type.Array(PageView),
  cart: Type.Union([Cart, Type.Null()]),
  device: Type.String(),
  browser: Type.String(),
  os: Type.String(),
  language: Type.String(),
  /** The visitor's IANA time zone as their widget reports it; '' until it does. */
  timeZone: Type.String(),
  visitCount: Type.Integer(),
  /** Where this session came from. */
  referrer: Type.String(),
  utm: Type.Object({ source: Type.String(), medium: Type.String(), campaign: Type.String() }),
  /** The last teaser shown to this visitor, if any. */
  lastTrigger: Type.Union([Type.Object({ triggerId: Id, triggerName: Type.String(), variant: Type.String(), at: Timestamp }), Type.Null()]),
});
export type VisitorContext = Static<typeof VisitorContext>;
