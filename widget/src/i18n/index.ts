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

const catalogues: Record<'en' | 'fr', Partial<Record<TextKey, string>>> = { en, fr };
export type Language = keyof typeof catalogues;

/** A chunk brings its strings along (the panel's, when it loads). */
export function addStrings(more: Record<Language, Partial<Record<TextKey, string>>>): void {
  Object.assign(catalogues.en, more.en);
  Object.assign(catalogues.fr, more.fr);
}

/** The first supported language among the candidates (page `<html lang>` first, then the browser's), else English. */
export function pickLanguage(candidates: readonly (string | null | undefined)[]): Language {
  for (const tag of candidates) {
    const base = (tag || '').toLowerCase().split(/[-_]/)[0];
    if (base === 'en' || base === 'fr') return base;
  }
  return 'en';
}

let language: Language = 'en';
export function setLanguage(next: Language): void {
  language = next;
}

export function t(key: TextKey, name = ''): string {
  return (catalogues[language][key] ?? key).replace('{name}', name);
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString(language, { timeStyle: 'short' });
}
