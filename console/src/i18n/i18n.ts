import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type Locale = 'en' | 'fr';
const catalogues: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** French for any `fr-*` browser, English otherwise. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export const locale: Locale = pickLocale(browserLanguages());

export function translate(loc: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogues[loc][key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(locale, key, params);
}

export type { MessageKey };
