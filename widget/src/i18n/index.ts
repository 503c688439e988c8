/** The widget's strings. The shop's page language wins over the browser's, because agents answer in it. */
const en = {
  open: 'Open chat',
  close: 'Close chat',
  placeholder: 'Write a message…',
  send: 'Send',
  typing: '{name} is typing…',
  agent: 'An agent',
  connecting: 'Connecting…',
  offline: 'Connection lost. Reconnecting…',
  unavailable: 'Chat is unavailable right now.',
  ended: 'Chat ended',
  pending: 'Sending',
  sent: 'Sent',
  read: 'Read',
  failed: 'Not sent',
  dismiss: 'Dismiss message',
  queue: 'You are number {name} in line',
};
export type TextKey = keyof typeof en;

const fr: Record<TextKey, string> = {
  open: 'Ouvrir le chat',
  close: 'Fermer le chat',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  typing: '{name} écrit…',
  agent: 'Un conseiller',
  connecting: 'Connexion…',
  offline: 'Connexion perdue. Reconnexion…',
  unavailable: 'Le chat est indisponible pour le moment.',
  ended: 'Conversation terminée',
  pending: 'Envoi',
  sent: 'Envoyé',
  read: 'Lu',
  failed: 'Non envoyé',
  dismiss: 'Fermer le message',
  queue: 'Vous êtes numéro {name} dans la file',
};

const catalogues = { en, fr };
export type Language = keyof typeof catalogues;

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
  return catalogues[language][key].replace('{name}', name);
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString(language, { timeStyle: 'short' });
}
