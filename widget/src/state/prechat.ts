import { batch, computed, signal } from '@preact/signals-core';
import type { PrechatSettings } from '@causette/shared';
import { t } from '../i18n';
import '../i18n/features';
import '../i18n/panel';
import { conversation } from './conversation';
import { addMessages, MAX_BODY, messages, newClientId, outbox, type ChatMessage } from './messages';
import { identified, site } from './session';
import { takeImpression } from './teaser';

/** What the visitor typed in the pre-chat form: kept when the panel closes, and name and email for the next chat. */
export interface PrechatValues {
  name: string;
  email: string;
  teamId: string;
  fields: Record<string, string>;
  body: string;
}
const EMPTY: PrechatValues = { name: '', email: '', teamId: '', fields: {}, body: '' };
export const prechatValues = signal<PrechatValues>(EMPTY);
/** Per input (`name`, `email`, `team`, a field id, `body`), the reason it was refused; empty when all is well. */
export const prechatErrors = signal<Record<string, string>>({});

/** The site's form, when this visitor is to fill it in (the shop has not identified them). */
export const prechatForm = computed<PrechatSettings | null>(() => {
  const p = site.value?.settings.prechat;
  return p?.enabled && !identified.value ? p : null;
});

/** A new chat starts with the form: no open conversation, nothing on its way. */
export const needsPrechat = computed(() => {
  const c = conversation.value;
  return !!prechatForm.value && (!c || c.status === 'resolved') && !outbox.value.length;
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the answers against the form; the errors by input, in the form's order. */
export function checkPrechat(form: PrechatSettings, v: PrechatValues, teams: readonly { id: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = v.name.trim();
  const email = v.email.trim();
  if (form.name === 'required' && !name) errors.name = t('needed', t('yourName'));
  if (form.email !== 'off' && (email || form.email === 'required') && (!EMAIL.test(email) || email.length > 320)) errors.email = t('badEmail');
  if (form.askTeam && teams.length && !teams.some((x) => x.id === v.teamId)) errors.team = t('needed', t('topic'));
  for (const f of form.fields) {
    const answer = v.fields[f.id]?.trim() ?? '';
    if (f.required && !answer) errors[f.id] = t('needed', f.label);
  }
  if (!v.body.trim()) errors.body = t('noMessage');
  return errors;
}

/**
 * Checks the form and, when it passes, queues the first message with the answers and the chosen team; the
 * transport sends them with it. False when something needs fixing (the errors say what).
 */
export function submitPrechat(): boolean {
  const form = prechatForm.peek();
  if (!form) return false;
  const v = prechatValues.peek();
  const teams = site.peek()?.teams ?? [];
  const errors = checkPrechat(form, v, teams);
  prechatErrors.value = errors;
  if (Object.keys(errors).length) return false;
  const fields: Record<string, string> = {};
  for (const f of form.fields) {
    const answer = v.fields[f.id]?.trim();
    if (answer) fields[f.id] = answer.slice(0, 500);
  }
  const name = form.name !== 'off' ? v.name.trim().slice(0, 128) : '';
  const email = form.email !== 'off' ? v.email.trim() : '';
  const m: ChatMessage = {
    clientId: newClientId(),
    body: v.body.trim().slice(0, MAX_BODY),
    author: 'visitor',
    createdAt: Date.now(),
    prechat: { ...(name && { name }), ...(email && { email }), ...(Object.keys(fields).length && { fields }) },
  };
  if (form.askTeam && v.teamId) m.teamId = v.teamId;
  const impressionId = takeImpression();
  if (impressionId) m.impressionId = impressionId;
  batch(() => {
    addMessages([m]);
    // Name and email stay for the next chat; the rest was about this one.
    prechatValues.value = { ...EMPTY, name: v.name, email: v.email };
  });
  return true;
}

/**
 * A first message the server refused for good (the site's questions changed while the visitor wrote, say): it
 * leaves the thread, and its text and answers go back into the form, which says what happened. True if one did.
 */
export function takeBackRefused(): boolean {
  const refused = messages.peek().find((m) => m.failed && m.prechat);
  if (!refused) return false;
  const p = refused.prechat!;
  const v = prechatValues.peek();
  batch(() => {
    messages.value = messages.peek().filter((m) => m !== refused);
    prechatValues.value = { name: p.name ?? v.name, email: p.email ?? v.email, teamId: refused.teamId ?? '', fields: { ...p.fields }, body: refused.body };
    prechatErrors.value = { body: t('prechatRefused') };
  });
  return true;
}
