import { isTimeZone, type Frequency, type Schedule, type Trigger, type TriggerUpdate } from '@causette/shared';
import { browserTimeZone } from './hours.js';
import { buildConditions, emptyTree, treeFromConditions, type ConditionProblem, type ConditionTree } from './conditions.js';

/** The editor's form: everything as the inputs hold it. `toTriggerFields` checks it and builds the wire body. */
export interface VariantDraft {
  id: string;
  message: string;
  sender: string;
  weight: string;
}
export interface TriggerDraft {
  name: string;
  status: 'active' | 'paused';
  priority: string;
  tree: ConditionTree;
  variants: VariantDraft[];
  holdout: string;
  frequency: 'visitor' | 'session' | 'days';
  frequencyDays: string;
  scheduled: boolean;
  days: number[];
  start: string;
  end: string;
  timeZone: string;
  onlyWhenAgentAvailable: boolean;
  delay: string;
  openPanel: boolean;
  /** The team whose queue chats started from this teaser join; '' for the site's own queue. */
  teamId: string;
}

export type TriggerFields = Required<TriggerUpdate>;

/** Problems are codes keyed by field ("name", "conditions.1.0", "variants.0.message"…), worded by the editor. */
export type FormProblem =
  | ConditionProblem
  | { code: 'required' }
  | { code: 'integer_range'; min: number; max: number }
  | { code: 'weights_zero' }
  | { code: 'no_days' }
  | { code: 'bad_time' }
  | { code: 'bad_time_zone' }
  | { code: 'too_long_max'; max: number };

export function newVariant(existing: readonly VariantDraft[]): VariantDraft {
  // Letters read well in the stats ("A", "B"…); skip any a saved trigger already uses.
  const used = new Set(existing.map((v) => v.id));
  const id = 'ABCDEFGHIJ'.split('').find((letter) => !used.has(letter)) ?? `V${existing.length + 1}`;
  return { id, message: '', sender: '', weight: '50' };
}

export function emptyDraft(): TriggerDraft {
  return {
    name: '',
    status: 'active',
    priority: '10',
    tree: emptyTree(),
    variants: [{ ...newVariant([]), weight: '100' }],
    holdout: '0',
    frequency: 'session',
    frequencyDays: '7',
    scheduled: false,
    days: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '18:00',
    timeZone: browserTimeZone(),
    onlyWhenAgentAvailable: false,
    delay: '0',
    openPanel: false,
    teamId: '',
  };
}

export function draftFromTrigger(trigger: Trigger): TriggerDraft {
  const base = emptyDraft();
  return {
    ...base,
    name: trigger.name,
    status: trigger.status,
    priority: String(trigger.priority),
    tree: treeFromConditions(trigger.conditions),
    variants: trigger.variants.map((v) => ({ id: v.id, message: v.message.text, sender: v.message.senderName, weight: String(v.weight) })),
    holdout: String(trigger.holdoutPercent),
    frequency: trigger.frequency.per,
    frequencyDays: trigger.frequency.per === 'days' ? String(trigger.frequency.days) : base.frequencyDays,
    scheduled: trigger.schedule !== null,
    ...(trigger.schedule ? { days: [...trigger.schedule.days], start: trigger.schedule.start, end: trigger.schedule.end, timeZone: trigger.schedule.timeZone } : {}),
    onlyWhenAgentAvailable: trigger.onlyWhenAgentAvailable,
    delay: String(trigger.delaySeconds),
    openPanel: trigger.openPanel,
    teamId: trigger.teamId ?? '',
  };
}

function integerIn(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function toTriggerFields(draft: TriggerDraft): { fields: TriggerFields | null; problems: Record<string, FormProblem> } {
  const problems: Record<string, FormProblem> = {};
  const range = (key: string, text: string, min: number, max: number) => {
    const value = integerIn(text, min, max);
    if (value === null) problems[key] = { code: 'integer_range', min, max };
    return value ?? min;
  };

  const name = draft.name.trim();
  if (!name) problems.name = { code: 'required' };
  else if (name.length > 128) problems.name = { code: 'too_long_max', max: 128 };
  const priority = range('priority', draft.priority, 0, 1000);

  const built = buildConditions(draft.tree);
  for (const [path, problem] of Object.entries(built.problems)) problems[path ? `conditions.${path}` : 'conditions'] = problem;

  const variants = draft.variants.map((v, i) => {
    const text = v.message.trim();
    if (!text) problems[`variants.${i}.message`] = { code: 'required' };
    else if (text.length > 500) problems[`variants.${i}.message`] = { code: 'too_long_max', max: 500 };
    if (v.sender.length > 64) problems[`variants.${i}.sender`] = { code: 'too_long_max', max: 64 };
    const weight = range(`variants.${i}.weight`, v.weight, 0, 100);
    return { id: v.id, weight, message: { text, senderName: v.sender.trim() } };
  });
  if (variants.length > 0 && variants.every((v, i) => v.weight === 0 && !problems[`variants.${i}.weight`])) problems.weights = { code: 'weights_zero' };

  const holdoutPercent = range('holdout', draft.holdout, 0, 50);
  const frequency: Frequency =
    draft.frequency === 'days' ? { per: 'days', days: range('frequencyDays', draft.frequencyDays, 1, 365) } : { per: draft.frequency };

  let schedule: Schedule | null = null;
  if (draft.scheduled) {
    if (draft.days.length === 0) problems.days = { code: 'no_days' };
    if (!TIME.test(draft.start)) problems.start = { code: 'bad_time' };
    if (!TIME.test(draft.end)) problems.end = { code: 'bad_time' };
    if (!isTimeZone(draft.timeZone)) problems.timeZone = { code: 'bad_time_zone' };
    schedule = { days: [...draft.days].sort((a, b) => a - b), start: draft.start, end: draft.end, timeZone: draft.timeZone.trim() };
  }
  const delaySeconds = range('delay', draft.delay, 0, 600);

  if (Object.keys(problems).length > 0 || !built.group) return { fields: null, problems };
  return {
    fields: {
      name,
      status: draft.status,
      priority,
      conditions: built.group,
      variants,
      holdoutPercent,
      frequency,
      schedule,
      onlyWhenAgentAvailable: draft.onlyWhenAgentAvailable,
      delaySeconds,
      openPanel: draft.openPanel,
      teamId: draft.teamId || null,
    },
    problems,
  };
}

/** The server names the failing place first ("conditions.0: …"); that message then sits next to the row. */
export function serverProblemKey(message: string): string | null {
  const match = /^(?:body\.|\/)?(conditions(?:[./]conditions)?[./]\d+(?:[./](?:conditions[./])?\d+)?)\s*:/.exec(message);
  if (!match) return null;
  const numbers = match[1]!.match(/\d+/g)!;
  return `conditions.${numbers.join('.')}`;
}
