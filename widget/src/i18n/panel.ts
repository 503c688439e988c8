import type { FeatureTextKey } from './features';
import { addStrings } from './index';

/** The chat panel's strings, loaded with the panel's chunk. */
const en = {
  placeholder: 'Write a message…',
  send: 'Send',
  typing: '{name} is typing…',
  agent: 'An agent',
  connecting: 'Connecting…',
  offline: 'Connection lost. Reconnecting…',
  ended: 'Chat ended',
  pending: 'Sending',
  sent: 'Sent',
  read: 'Read',
  failed: 'Not sent',
  queue: 'You are number {name} in line',
  previewNotice: 'Agents can see what you type before you send it.',
  leaveIntro: "No one is available right now. Leave a message and we'll reply by email.",
  email: 'Email',
  name: 'Name (optional)',
  message: 'Message',
  leaveSend: 'Send message',
  leaveSending: 'Sending…',
  leaveSent: "Thanks! We'll reply to you at {name}.",
  leaveFailed: 'Your message could not be sent. Please try again.',
  badEmail: 'Please enter a valid email address.',
  noMessage: 'Please write a message.',
  forget: 'Delete my data',
  forgetExplain:
    'This erases your conversations and everything we know about you (messages, contact details, pages visited). It cannot be undone.',
  forgetYes: 'Delete everything',
  forgetting: 'Deleting…',
  cancel: 'Cancel',
  forgetFailed: 'Your data could not be deleted. Please try again.',
  forgotten: 'Your data has been deleted.',
};
export type PanelTextKey = keyof typeof en | FeatureTextKey;

const fr: Record<keyof typeof en, string> = {
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  typing: '{name} écrit…',
  agent: 'Un conseiller',
  connecting: 'Connexion…',
  offline: 'Connexion perdue. Reconnexion…',
  ended: 'Conversation terminée',
  pending: 'Envoi',
  sent: 'Envoyé',
  read: 'Lu',
  failed: 'Non envoyé',
  queue: 'Vous êtes numéro {name} dans la file',
  previewNotice: 'Les conseillers voient ce que vous écrivez avant que vous ne l’envoyiez.',
  leaveIntro: 'Personne n’est disponible pour le moment. Laissez un message, nous vous répondrons par e-mail.',
  email: 'E-mail',
  name: 'Nom (facultatif)',
  message: 'Message',
  leaveSend: 'Envoyer le message',
  leaveSending: 'Envoi…',
  leaveSent: 'Merci ! Nous vous répondrons à {name}.',
  leaveFailed: 'Votre message n’a pas pu être envoyé. Veuillez réessayer.',
  badEmail: 'Veuillez saisir une adresse e-mail valide.',
  noMessage: 'Veuillez écrire un message.',
  forget: 'Supprimer mes données',
  forgetExplain:
    'Cela efface vos conversations et tout ce que nous savons de vous (messages, coordonnées, pages consultées). C’est irréversible.',
  forgetYes: 'Tout supprimer',
  forgetting: 'Suppression…',
  cancel: 'Annuler',
  forgetFailed: 'Vos données n’ont pas pu être supprimées. Veuillez réessayer.',
  forgotten: 'Vos données ont été supprimées.',
};

addStrings({ en, fr });
