import { Type, type Static } from '@sinclair/typebox';

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });

/**
 * Weekly opening hours in one IANA time zone. Each window is one day's `open`–`close` in local time (`close` may
 * be `24:00`; a window past midnight is two windows). Several windows per day are allowed (lunch break).
 */
export const BusinessHours = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    windows: Type.Array(
      Type.Object(
        {
          /** 0 = Sunday … 6 = Saturday, as `Date.getDay()`. */
          day: Type.Integer({ minimum: 0, maximum: 6 }),
          open: Clock,
          close: Clock,
        },
        { additionalProperties: false },
      ),
      { maxItems: 28 },
    ),
  },
  { additionalProperties: false },
);
export type BusinessHours = Static<typeof BusinessHours>;

/** Whether a site or team is open now and, when not, when it opens next (epoch ms; null: never). */
export interface OpeningState {
  open: boolean;
  reopensAt: number | null;
}
