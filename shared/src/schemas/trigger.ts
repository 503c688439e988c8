/**
 * Proactive triggers: a condition tree over the visitor's live behaviour, an action (a teaser message),
 * controls (frequency cap, priority, schedule, agent availability, pause) and A/B variants with a holdout.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';

/** Fields a condition may test, by type. Times are seconds, scroll depth is 0–100. */
export const STRING_FIELDS = [
  'page.url',
  'page.path',
  'page.title',
  'referrer',
  'utm.source',
  'utm.medium',
  'utm.campaign',
  'device',
  'language',
  'country',
  'visitor.type',
] as const;
export const NUMBER_FIELDS = [
  'time_on_page',
  'time_on_site',
  'scroll_depth',
  'idle_time',
  'cart.total',
  'cart.items',
  'visit_count',
  'session.page_views',
] as const;
export const BOOLEAN_FIELDS = ['exit_intent'] as const;

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const strict = { additionalProperties: false } as const;

export const StringCondition = Type.Object(
  {
    field: lit(STRING_FIELDS),
    operator: lit(['equals', 'not_equals', 'contains', 'starts_with', 'matches'] as const),
    /** For `matches`: a regular expression, checked for safety when the trigger is saved. */
    value: Type.String({ maxLength: 512 }),
  },
  strict,
);
export const NumberCondition = Type.Object(
  {
    field: lit(NUMBER_FIELDS),
    operator: lit(['eq', 'gt', 'lt', 'between'] as const),
    value: Type.Number(),
    /** Upper bound, for `between` (inclusive). */
    value2: Type.Optional(Type.Number()),
  },
  strict,
);
export const BooleanCondition = Type.Object({ field: lit(BOOLEAN_FIELDS), operator: Type.Literal('is'), value: Type.Boolean() }, strict);
export const EventCondition = Type.Object(
  {
    field: Type.Literal('event'),
    operator: lit(['happened', 'not_happened'] as const),
    /** The custom event name, as sent by `causette('track', name)`. */
    value: Type.String({ minLength: 1, maxLength: 64 }),
    withinMinutes: Type.Integer({ minimum: 1, maximum: 60 * 24 * 90 }),
  },
  strict,
);
export const ListCondition = Type.Object(
  { field: Type.Literal('cart.skus'), operator: Type.Literal('contains'), value: Type.String({ minLength: 1, maxLength: 128 }) },
  strict,
);
export const Condition = Type.Union([StringCondition, NumberCondition, BooleanCondition, EventCondition, ListCondition]);
export type Condition = Static<typeof Condition>;

/** ALL / ANY groups, two levels deep: a group holds conditions and groups of conditions. */
export const InnerGroup = Type.Object(
  { match: lit(['all', 'any'] as const), conditions: Type.Array(Condition, { minItems: 1, maxItems: 30 }) },
  strict,
);
export const ConditionGroup = Type.Object(
  { match: lit(['all', 'any'] as const), conditions: Type.Array(Type.Union([Condition, InnerGroup]), { minItems: 1, maxItems: 30 }) },
  strict,
);
export type InnerGroup = Static<typeof InnerGroup>;
export type ConditionGroup = Static<typeof ConditionGroup>;

export const TeaserMessage = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 500 }),
    /** Shown as the sender; empty for the team's name. */
    senderName: Type.String({ maxLength: 64 }),
  },
  strict,
);
export type TeaserMessage = Static<typeof TeaserMessage>;

export const Variant = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9_-]+$' }),
    /** Share of the non-holdout traffic, relative to the other variants' weights. */
    weight: Type.Integer({ minimum: 0, maximum: 100 }),
    message: TeaserMessage,
  },
  strict,
);
export type Variant = Static<typeof Variant>;

export const Frequency = Type.Union([
  Type.Object({ per: Type.Literal('visitor') }, strict),
  Type.Object({ per: Type.Literal('session') }, strict),
  Type.Object({ per: Type.Literal('days'), days: Type.Integer({ minimum: 1, maximum: 365 }) }, strict),
]);
export type Frequency = Static<typeof Frequency>;

export const Schedule = Type.Object(
  {
    /** 0 = Sunday … 6 = Saturday. */
    days: Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { minItems: 1, maxItems: 7 }),
    start: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    end: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    /** IANA time zone, e.g. Europe/Paris. */
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  },
  strict,
);
export type Schedule = Static<typeof Schedule>;

const triggerFields = {
  name: Type.String({ minLength: 1, maxLength: 128 }),
  status: lit(['active', 'paused'] as const),
  /** Higher wins when several match; a visitor sees at most one teaser at a time. */
  priority: Type.Integer({ minimum: 0, maximum: 1000 }),
  conditions: ConditionGroup,
  variants: Type.Array(Variant, { minItems: 1, maxItems: 5 }),
  /** Percent of visitors kept as a control group: tracked, shown nothing. */
  holdoutPercent: Type.Integer({ minimum: 0, maximum: 50 }),
  frequency: Frequency,
  schedule: Type.Union([Schedule, Type.Null()]),
  onlyWhenAgentAvailable: Type.Boolean(),
  /** Wait this long after the conditions hold before showing. */
  delaySeconds: Type.Integer({ minimum: 0, maximum: 600 }),
  openPanel: Type.Boolean(),
  /** A conversation started from this trigger's teaser goes to this team's queue (absent: the site's). */
  teamId: Type.Optional(Type.Union([Id, Type.Null()])),
};

export const TriggerInput = Type.Object({ siteId: Id, ...triggerFields }, strict);
export type TriggerInput = Static<typeof TriggerInput>;
export const TriggerUpdate = Type.Partial(Type.Object(triggerFields, strict), strict);
export type TriggerUpdate = Static<typeof TriggerUpdate>;

export const Trigger = Type.Object({ id: Id, siteId: Id, ...triggerFields, createdAt: Timestamp, updatedAt: Timestamp });
export type Trigger = Static<typeof Trigger>;

/** What the widget shows; `impressionId` ties the visitor's reactions back to the trigger and variant. */
export const Teaser = Type.Object({
  impressionId: Id,
  triggerId: Id,
  text: Type.String(),
  senderName: Type.String(),
  openPanel: Type.Boolean(),
});
export type Teaser = Static<typeof Teaser>;

/** Compact behaviour figures the widget reports (seconds, percent). */
export const BehaviourReport = Type.Object(
  {
    timeOnPage: Type.Integer({ minimum: 0, maximum: 86_400 }),
    timeOnSite: Type.Integer({ minimum: 0, maximum: 86_400 * 7 }),
    scrollDepth: Type.Integer({ minimum: 0, maximum: 100 }),
    idleSeconds: Type.Integer({ minimum: 0, maximum: 86_400 }),
    exitIntent: Type.Boolean(),
  },
  strict,
);
export type BehaviourReport = Static<typeof BehaviourReport>;

/** Per trigger and per variant (holdout included as variant `holdout`). */
export const TriggerFunnel = Type.Object({
  variant: Type.String(),
  impressions: Type.Integer(),
  opened: Type.Integer(),
  conversations: Type.Integer(),
  conversions: Type.Integer(),
  revenue: Type.Number(),
  /** conversions / impressions. */
  conversionRate: Type.Number(),
});
export type TriggerFunnel = Static<typeof TriggerFunnel>;

export const TriggerStats = Type.Object({
  triggerId: Id,
  funnel: Type.Array(TriggerFunnel),
  /** Conversion rate of shown variants minus the holdout's, in percentage points; null without a holdout. */
  uplift: Type.Union([Type.Number(), Type.Null()]),
  daily: Type.Array(Type.Object({ day: Type.String(), impressions: Type.Integer(), conversations: Type.Integer(), conversions: Type.Integer() })),
});
export type TriggerStats = Static<typeof TriggerStats>;

/** What the trigger engine sees of a visitor at one instant (times in seconds; event times in epoch ms). */
export interface VisitorState {
  page: { url: string; path: string; title: string };
  referrer: string;
  utm: { source: string; medium: string; campaign: string };
  device: string;
  language: string;
  country: string;
  visitorType: 'new' | 'returning';
  visitCount: number;
  sessionPageViews: number;
  timeOnPage: number;
  timeOnSite: number;
  scrollDepth: number;
  idleTime: number;
  exitIntent: boolean;
  cart: { total: number; items: number; skus: string[] };
  events: Array<{ name: string; at: number }>;
}

export type BlockedBy = 'paused' | 'schedule' | 'frequency' | 'agent_unavailable' | 'lower_priority';

/** One trigger's verdict in the test panel, with each condition explained. */
export interface TriggerTestResult {
  triggerId: string;
  name: string;
  matched: boolean;
  wouldShow: boolean;
  blockedBy: BlockedBy | null;
  checks: Array<{ path: string; text: string; passed: boolean; actual: string }>;
}
