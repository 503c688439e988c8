import { signal } from '@preact/signals';
import { createTrigger, updateTrigger } from '../api/triggers.js';
import { ApiError } from '../api/http.js';
import { draftFromTrigger, emptyDraft, serverProblemKey, toTriggerFields, type FormProblem, type TriggerDraft } from '../lib/trigger-form.js';
import { navigate } from './router.js';
import { errorText, putTrigger, selectedSiteId, triggers } from './triggers.js';

/** The trigger being edited: null for a new one. */
export const editingId = signal<string | null>(null);
export const draft = signal<TriggerDraft>(emptyDraft());
export const problems = signal<Readonly<Record<string, FormProblem>>>({});
/** Checks run on save, then on every change, so messages go away as the marketer fixes them. */
export const showProblems = signal(false);
export const serverError = signal<{ message: string; key: string | null } | null>(null);
export const saving = signal(false);
export const savedAt = signal<number | null>(null);

export function openDraft(id: string | null): void {
  const trigger = id ? triggers.peek().find((t) => t.id === id) : undefined;
  editingId.value = id;
  draft.value = trigger ? draftFromTrigger(trigger) : emptyDraft();
  problems.value = {};
  showProblems.value = false;
  serverError.value = null;
  savedAt.value = null;
}

export function editDraft(change: (current: TriggerDraft) => TriggerDraft): void {
  draft.value = change(draft.peek());
  savedAt.value = null;
  if (showProblems.peek()) problems.value = toTriggerFields(draft.value).problems;
}

export async function saveDraft(): Promise<boolean> {
  const { fields, problems: found } = toTriggerFields(draft.peek());
  problems.value = found;
  showProblems.value = true;
  serverError.value = null;
  if (!fields) return false;
  const siteId = selectedSiteId.peek();
  if (!siteId) return false;
  saving.value = true;
  try {
    const id = editingId.peek();
    const saved = id ? await updateTrigger(id, fields) : await createTrigger({ siteId, ...fields });
    putTrigger(saved);
    editingId.value = saved.id;
    savedAt.value = Date.now();
    if (!id) navigate({ name: 'trigger', id: saved.id }, { replace: true });
    return true;
  } catch (err) {
    const message = errorText(err);
    serverError.value = { message, key: err instanceof ApiError && err.status === 400 ? serverProblemKey(message) : null };
    return false;
  } finally {
    saving.value = false;
  }
}
