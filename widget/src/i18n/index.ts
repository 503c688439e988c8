import { signal } from '@preact/signals-core';
import type { PanelTextKey } from './panel';

/**
 * The widget's strings. The shop's page language wins over the browser's, because agents answer in it.
 * Here only what every page shows; the panel's strings come with its chunk (panel.ts).
 */
const en = {
  open: 'Open chat',
  close: 'Close chat',
  dismiss: 'Dismiss message',
  unavailable: 'Chat is unavailable right now.',
};
type CoreTextKey = keyof typeof en;
export type TextKey = CoreTextKey | PanelTextKey;

const fr: Record<CoreTextKey, string> = {
  open: 'Ouvrir le chat',
  close: 'Fermer le chat',
  dismiss: 'Fermer le message',
  unavailable: 'Le chat est indisponible pour le moment.',
};

type Catalogue = Partial<Record<TextKey, string>>;
const catalogues: Record<string, Catalogue> = { en, fr };
/** What the page gave with `causette('language', tag, strings)`: it wins over the built-in strings, which fill the rest. */
const custom: Record<string, Catalogue> = {};
/** A base language tag: `en`, `fr`, or one the page brought strings for. */
export type Language = string;

/** A chunk brings its strings along (the panel's, when it loads). */
export function addStrings(more: Record<'en' | 'fr', Catalogue>): void {
  Object.assign(catalogues.en!, more.en);
  Object.assign(catalogues.fr!, more.fr);
}

const base = (tag: string | null | undefined) => (tag || '').toLowerCase().split(/[-_]/)[0]!;

/** The page's own strings for a language (a site's wording, or a language Causette does not ship). */
export function addPageStrings(tag: string, strings: Catalogue): void {
  const b = base(tag);
  custom[b] = { ...custom[b], ...strings };
}

/** The first supported language among the candidates (page `<html lang>` first, then the browser's), else English. */
export function pickLanguage(candidates: readonly (string | null | undefined)[]): Language {
  for (const tag of candidates) {
    const b = base(tag);
    if (catalogues[b] || custom[b]) return b;
  }
  return 'en';
}

/** `causette('language', tag)`: the shop's own script has the last word, over the site's setting too. */
export const scriptLanguage = signal<string | undefined>(undefined);

/**
 * Who decides, strongest first: the page's script (`causette('language')`), the site's setting in the console
 * (SiteSettings.language; '' or absent follows the page), the page's `<html lang>`, then the browser. A choice
 * Causette has no strings for gives way to the next one.
 */
export function languageFor(siteChoice: string | undefined, pageLang: string, browser: readonly string[]): Language {
  return pickLanguage([scriptLanguage.value, siteChoice, pageLang, ...browser]);
}

/** A signal, so that a language chosen after the widget showed (`causette('language', …)`) re-renders it. */
const language = signal<Language>('en');
export function setLanguage(next: Language): void {
  language.value = next;
}
export const lang = () => language.value;
/** Right-to-left scripts: Arabic, Persian, Hebrew, Urdu, Pashto, Sorani, Dhivehi, Yiddish, Sindhi, Uyghur. */
export const dir = () => (/^(ar|fa|he|ur|ps|ckb|dv|yi|sd|ug)$/.test(language.value) ? 'rtl' : 'ltr');

export function t(key: TextKey, name = ''): string {
  const l = language.value;
  return (custom[l]?.[key] ?? catalogues[l]?.[key] ?? catalogues.en![key] ?? key).replace('{name}', name);
}

/** Numbers in the visitor's language (its digits, its separators). */
export const formatNumber = (n: number, options?: Intl.NumberFormatOptions): string =>
  new Intl.NumberFormat(language.value, options).format(n);

export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString(language.value, { timeStyle: 'short' });
}
