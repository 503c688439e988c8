import type { PrechatField, PrechatSettings, SiteSettings, SiteUpdateBody } from '@causette/shared';

export type Ask = PrechatSettings['name'];

export interface FieldForm {
  /** Stable for the list's keys while the admin types. */
  key: string;
  /** The stored key of the answers: fixed once saved, derived from the label until then. */
  id: string;
  saved: boolean;
  label: string;
  type: PrechatField['type'];
  required: boolean;
  /** The choices of a `select`, one per line as typed. */
  options: string;
}

export interface PrechatForm {
  enabled: boolean;
  name: Ask;
  email: Ask;
  askTeam: boolean;
  fields: FieldForm[];
  /** Ask visitors to rate closed chats. */
  csat: boolean;
  /** Visitors may send files. */
  attachments: boolean;
}

export const MAX_FIELDS = 10;
export const MAX_OPTIONS = 20;
export const MAX_LABEL = 80;
const ID_MAX = 32;

/** `Order number` → `order_number`; `N° de commande` → `n_de_commande`; `2nd line` → `f_2nd_line`. */
export function slugify(label: string): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!base) return '';
  return (/^[a-z]/.test(base) ? base : `f_${base}`).slice(0, ID_MAX).replace(/_+$/, '');
}

/** A new field's id: the label's slug, made distinct from the other fields' ids with a number. */
export function fieldId(label: string, taken: readonly string[]): string {
  const base = slugify(label);
  if (!base || !taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = base.slice(0, ID_MAX - suffix.length) + suffix;
    if (!taken.includes(candidate)) return candidate;
  }
}

let keys = 0;
const nextKey = () => `field-${++keys}`;

export function formFromSettings(settings: SiteSettings): PrechatForm {
  const prechat = settings.prechat;
  return {
    enabled: prechat?.enabled ?? false,
    name: prechat?.name ?? 'optional',
    email: prechat?.email ?? 'optional',
    askTeam: prechat?.askTeam ?? false,
    fields: (prechat?.fields ?? []).map((f) => ({
      key: nextKey(),
      id: f.id,
      saved: true,
      label: f.label,
      type: f.type,
      required: f.required,
      options: (f.options ?? []).join('\n'),
    })),
    csat: settings.csat ?? true,
    attachments: settings.attachments ?? true,
  };
}

export function optionList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function newField(): FieldForm {
  return { key: nextKey(), id: '', saved: false, label: '', type: 'text', required: false, options: '' };
}

/** Relabels a field; one not saved yet follows its label with its id. */
export function relabel(fields: readonly FieldForm[], key: string, label: string): FieldForm[] {
  return fields.map((f) =>
    f.key !== key || f.saved ? (f.key === key ? { ...f, label } : f) : { ...f, label, id: fieldId(label, fields.filter((o) => o.key !== key).map((o) => o.id)) },
  );
}

export function move(fields: readonly FieldForm[], key: string, by: -1 | 1): FieldForm[] {
  const from = fields.findIndex((f) => f.key === key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= fields.length) return [...fields];
  const next = [...fields];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export type FieldProblem = 'label' | 'labelLong' | 'id' | 'duplicate' | 'options' | 'optionsMany' | 'optionLong';

/** Per field key, the first thing that stops the form from saving. */
export function fieldProblems(form: PrechatForm): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const seen = new Set<string>();
  for (const f of form.fields) {
    const options = optionList(f.options);
    const problem: FieldProblem | null = !f.label.trim()
      ? 'label'
      : f.label.trim().length > MAX_LABEL
        ? 'labelLong'
        : !/^[a-z][a-z0-9_]{0,31}$/.test(f.id)
          ? 'id'
          : seen.has(f.id)
            ? 'duplicate'
            : f.type === 'select' && !options.length
              ? 'options'
              : f.type === 'select' && options.length > MAX_OPTIONS
                ? 'optionsMany'
                : f.type === 'select' && options.some((o) => o.length > MAX_LABEL)
                  ? 'optionLong'
                  : null;
    seen.add(f.id);
    if (problem) problems[f.key] = problem;
  }
  return problems;
}

/** The site PATCH for this form; only call it on a form without problems. */
export function prechatUpdate(form: PrechatForm): SiteUpdateBody {
  return {
    settings: {
      prechat: {
        enabled: form.enabled,
        name: form.name,
        email: form.email,
        askTeam: form.askTeam,
        fields: form.fields.map((f) => ({
          id: f.id,
          label: f.label.trim(),
          type: f.type,
          required: f.required,
          ...(f.type === 'select' ? { options: optionList(f.options) } : {}),
        })),
      },
      csat: form.csat,
      attachments: form.attachments,
    },
  };
}
