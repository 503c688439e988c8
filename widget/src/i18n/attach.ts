import { addStrings, t, type TextKey } from './index';

/** Strings of attachments (sending files, showing them), loaded with the panel's chunk. `{name}` is filled by ta(). */
const en = {
  attach: 'Attach a file',
  dropHere: 'Drop the file to send it',
  uploading: 'Sending {name}',
  cancelUpload: 'Cancel sending {name}',
  tooLarge: 'This file is too large: the limit is {name}.',
  tooLargeNoLimit: 'This file is too large.',
  badType: 'This kind of file cannot be sent. Images (PNG, JPEG, GIF, WebP), PDF and text files can.',
  uploadFailed: 'The file could not be sent. Please try again.',
  dismissError: 'Dismiss',
  openImage: 'Open {name} full size',
  download: 'Download {name}',
};
export type AttachTextKey = keyof typeof en;

const fr: Record<AttachTextKey, string> = {
  attach: 'Joindre un fichier',
  dropHere: 'Déposez le fichier pour l’envoyer',
  uploading: 'Envoi de {name}',
  cancelUpload: 'Annuler l’envoi de {name}',
  tooLarge: 'Ce fichier est trop volumineux : la limite est de {name}.',
  tooLargeNoLimit: 'Ce fichier est trop volumineux.',
  badType: 'Ce type de fichier ne peut pas être envoyé. Les images (PNG, JPEG, GIF, WebP), les PDF et les fichiers texte le peuvent.',
  uploadFailed: 'Le fichier n’a pas pu être envoyé. Veuillez réessayer.',
  dismissError: 'Fermer',
  openImage: 'Ouvrir {name} en grand',
  download: 'Télécharger {name}',
};

addStrings({ en, fr } as Parameters<typeof addStrings>[0]);

/** t() for these keys (kept out of the core's key list, which the page-load part pays for in types only). */
export const ta = (key: AttachTextKey, name?: string): string => t(key as unknown as TextKey, name);
