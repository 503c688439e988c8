import { batch, signal } from '@preact/signals-core';
import type { Ack } from '@causette/shared';
import { t } from '../i18n';
import '../i18n/features';
import '../i18n/panel';

export type TranscriptSend = (p: { conversationId: string; email?: string }) => Promise<Ack<{ sentTo: string }> | undefined>;

/** The "Email me this conversation" form is open. */
export const transcriptOpen = signal(false);
export const transcriptEmail = signal('');
export const transcriptBusy = signal(false);
/** The outcome: the address it went to, or the error to show. */
export const transcriptResult = signal<{ sentTo: string } | { error: string } | null>(null);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Asks the server to email conversation `conversationId` (to the address typed, or the one it knows). */
export async function requestTranscript(conversationId: string, send: TranscriptSend): Promise<void> {
  if (transcriptBusy.peek()) return;
  const email = transcriptEmail.peek().trim();
  if (email && (!EMAIL.test(email) || email.length > 320)) {
    transcriptResult.value = { error: t('badEmail') };
    return;
  }
  transcriptBusy.value = true;
  transcriptResult.value = null;
  const reply = await send({ conversationId, ...(email && { email }) }).catch(() => undefined);
  batch(() => {
    transcriptBusy.value = false;
    // Said in the visitor's language: the server's own words are English.
    const code = reply?.ok ? '' : reply?.error.code;
    transcriptResult.value = reply?.ok
      ? { sentTo: reply.sentTo }
      : { error: t(code === 'rate_limited' ? 'transcriptLimited' : code === 'bad_request' ? 'badEmail' : 'transcriptFailed') };
    if (reply?.ok) transcriptOpen.value = false;
  });
}
