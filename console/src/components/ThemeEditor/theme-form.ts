import type { SiteSettings, SiteUpdateBody } from '@causette/shared';

/** The widget's look for one site, as the appearance form holds it. */
export interface ThemeForm {
  /** As typed in the hex field; the colour picker writes here too. */
  color: string;
  /** Unset on sites saved before the setting existed: the widget then sits at the end of the reading direction. */
  position: 'right' | 'left' | undefined;
  launcherText: string;
  /** An image address for the launcher, or '' for the chat icon. */
  launcherIcon: string;
  greeting: string;
  darkMode: 'auto' | 'light' | 'dark';
  showAgentAvatars: boolean;
  /** A language tag, or '' to follow the page's language. */
  language: string;
}

export const LAUNCHER_TEXT_MAX = 24;

/** What the server takes as the launcher's image: an http(s) address without spaces, quotes or brackets, or ''. */
export function validLauncherIcon(text: string): boolean {
  const v = text.trim();
  return v === '' || (v.length <= 500 && /^https?:\/\/[^\s"'<>()\\]+$/.test(v));
}
export const GREETING_MAX = 500;
/** The languages the widget ships strings for. */
export const WIDGET_LANGUAGES = ['en', 'fr'] as const;

export function themeFromSettings(settings: SiteSettings): ThemeForm {
  return {
    color: settings.color.toLowerCase(),
    position: settings.position,
    launcherText: settings.launcherText ?? '',
    launcherIcon: settings.launcherIcon ?? '',
    greeting: settings.greeting,
    darkMode: settings.darkMode ?? 'auto',
    showAgentAvatars: settings.showAgentAvatars ?? true,
    language: settings.language ?? '',
  };
}

/** `#rrggbb` from what the admin typed (`#RGB`, `rrggbb`, with or without `#`), or null if it is no colour. */
export function parseHex(text: string): string | null {
  const m = /^\s*#?([0-9a-f]{3}|[0-9a-f]{6})\s*$/i.exec(text);
  if (!m) return null;
  const hex = m[1]!.toLowerCase();
  return '#' + (hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex);
}

/** The PATCH for the appearance settings only: the other sections of Settings save their own. */
export function themeUpdate(form: ThemeForm): SiteUpdateBody {
  return {
    settings: {
      color: parseHex(form.color) ?? '#4f46e5',
      // Unset: the end of the reading direction (right on an English page, left on an Arabic one).
      position: form.position ?? null,
      launcherText: form.launcherText.trim(),
      launcherIcon: form.launcherIcon.trim(),
      greeting: form.greeting.trim(),
      darkMode: form.darkMode,
      showAgentAvatars: form.showAgentAvatars,
      language: form.language,
    },
  };
}

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio between two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The text colour the widget puts on the brand colour: black or white, whichever contrasts more (as the widget's theme.ts). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  return contrastRatio(hex, '#000000') > contrastRatio(hex, '#ffffff') ? '#000000' : '#ffffff';
}

/** The backgrounds the brand colour sits on: a light page or panel, and the widget's dark panel. */
export const LIGHT_BACKGROUND = '#ffffff';
export const DARK_BACKGROUND = '#111827';
/** WCAG 1.4.11: the launcher, the visitor's bubbles and focus rings need 3:1 against what surrounds them. */
export const NON_TEXT_MIN = 3;

/** Where the brand colour would be hard to see: against light and/or dark backgrounds, with the ratios. */
export function contrastWarnings(hex: string, darkMode: ThemeForm['darkMode']): { scheme: 'light' | 'dark'; ratio: number }[] {
  const schemes = darkMode === 'auto' ? (['light', 'dark'] as const) : ([darkMode] as const);
  return schemes
    .map((scheme) => ({ scheme, ratio: contrastRatio(hex, scheme === 'light' ? LIGHT_BACKGROUND : DARK_BACKGROUND) }))
    .filter((w) => w.ratio < NON_TEXT_MIN);
}
