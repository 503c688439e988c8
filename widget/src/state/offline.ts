import { batch, computed, signal } from '@preact/signals-core';
import type { Ack, Message, VisitorConversation, VisitorPayload } from '@causette/shared';
import { t } from '../i18n';
import '../i18n/panel';
import { acceptConversation, conversation } from './conversation';
import { addMessages, MAX_BODY, newClientId, outbox } from './messages';
import { agentsOnline, opening } from './session';

/** The leave-a-message form, for when no agent is online. */
export type LeaveInput = VisitorPayload<'message:leave'>;
export type LeaveReply = Ack<{ message: Message; conversation: VisitorConversation; duplicate: boolean }>;

const EMPTY = { email: '', name: '', body: '' };
/** What the visitor typed: kept when the panel closes and when sending fails. */
export const leaveForm = signal(EMPTY);
/** The error under the form (the server's text, or ours); '' when none. */
export const leaveError = signal('');
export const leaving = signal(false);
/** The address the visitor left on this page, once the server stored the message. */
export const leftEmail = signal('');

/**
 * The form replaces the composer when no agent is online and the visitor has nothing under way (no open or
 * pending conversation, nothing unsent). An agent coming online brings the composer back, unless the visitor
 * has started filling the form in: their text is not swept away under their cursor.
 */
export const showLeaveForm = computed(() => {
  const c = conversation.value;
  const f = leaveForm.value;
  const started = !!(f.email || f.name || f.body);
  return (!agentsOnline.value || !opening.value.open || started) && (!c || c.status === 'resolved') && !outbox.value.length && !leftEmail.value;
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Set on the first try and kept until the server stores the message: a retry after a lost ack is not a second message. */
let clientId: string | undefined;

/** Checks the form, sends it through `send` (the transport), and shows the outcome. */
export async function submitLeave(send: (input: LeaveInput) => Promise<LeaveReply | undefined>): Promise<void> {
  if (leaving.peek()) return;
  const f = leaveForm.peek();
  const email = f.email.trim();
  const name = f.name.trim().slice(0, 128);
  const body = f.body.trim().slice(0, MAX_BODY);
  const problem = !EMAIL.test(email) || email.length > 320 ? t('badEmail') : !body ? t('noMessage') : '';
  leaveError.value = problem;
  if (problem) return;
  leaving.value = true;
  clientId ||= newClientId();
  const reply = await send({ clientId, email, body, ...(name && { name }) }).catch(() => undefined);
  batch(() => {
    leaving.value = false;
    if (reply?.ok) {
      clientId = undefined;
      acceptConversation(reply.conversation);
      addMessages([reply.message]);
      leftEmail.value = email;
      leaveForm.value = EMPTY;
    } else leaveError.value = reply ? reply.error.message : t('leaveFailed');
  });
}
