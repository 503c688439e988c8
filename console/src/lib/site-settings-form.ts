import type { SiteSettings, SiteUpdateBody } from '@causette/shared';
import { VISITOR_TOKEN_DAYS } from '@causette/shared/limits';

export interface SettingsForm {
  routing: 'auto' | 'manual';
  requireConsent: boolean;
  /** Agents see the visitor's unsent text; absent in older sites means on. */
  typingPreview: boolean;
  /** Seconds before an unanswered assigned chat is reassigned, as typed; '0' is off. */
  slaSeconds: string;
  /** identify() must carry the shop's HMAC of the id; unsigned ones are refused. */
  requireVerifiedIdentity: boolean;
  /** Days to keep closed chats and browsing data, as typed; '0' keeps them. */
  retentionDays: string;
  /** Days a visitor's widget keeps its access to their chats without coming back, as typed. */
  visitorTokenDays: string;
}

export const SLA_MAX_SECONDS = 3600;
export const RETENTION_MAX_DAYS = 3650;

function wholeNumber(text: string, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

/** The reassignment delay as the API takes it, or null when the text is not a whole number in range. */
export function parseSlaSeconds(text: string): number | null {
  return wholeNumber(text, SLA_MAX_SECONDS);
}

/** The retention window as the API takes it (0 keeps everything), or null when out of range. */
export function parseRetentionDays(text: string): number | null {
  return wholeNumber(text, RETENTION_MAX_DAYS);
}

/** The visitor token's life as the API takes it, or null when not a whole number of days in range. */
export function parseVisitorTokenDays(text: string): number | null {
  const value = wholeNumber(text, VISITOR_TOKEN_DAYS.max);
  return value !== null && value >= VISITOR_TOKEN_DAYS.min ? value : null;
}

/** A site saved before routing existed has none, which the server treats as manual. */
export function formFromSettings(settings: SiteSettings): SettingsForm {
  return {
    routing: settings.routing ?? 'manual',
    requireConsent: settings.requireConsent,
    typingPreview: settings.typingPreview ?? true,
    slaSeconds: String(settings.slaSeconds ?? 0),
    requireVerifiedIdentity: settings.requireVerifiedIdentity ?? false,
    retentionDays: String(settings.retentionDays ?? 0),
    visitorTokenDays: String(settings.visitorTokenDays ?? VISITOR_TOKEN_DAYS.default),
  };
}

/**
 * The whole form goes out, so what the admin sees is exactly what the site gets. The widget's look (colour,
 * greeting, corner…) is the appearance section's (components/ThemeEditor), saved on its own.
 */
export function settingsUpdate(form: SettingsForm): SiteUpdateBody {
  return {
    settings: {
      routing: form.routing,
      requireConsent: form.requireConsent,
      typingPreview: form.typingPreview,
      slaSeconds: parseSlaSeconds(form.slaSeconds) ?? 0,
      requireVerifiedIdentity: form.requireVerifiedIdentity,
      retentionDays: parseRetentionDays(form.retentionDays) ?? 0,
      visitorTokenDays: parseVisitorTokenDays(form.visitorTokenDays) ?? VISITOR_TOKEN_DAYS.default,
    },
  };
}
