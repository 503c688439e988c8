import { t, type MessageKey } from '../i18n/i18n.js';
import type { FormProblem } from './trigger-form.js';

/** One sentence per problem, in the user's language. */
export function problemText(problem: FormProblem): string {
  switch (problem.code) {
    case 'invalid_regex':
      return t('problem.invalid_regex', { detail: problem.detail });
    case 'integer_range':
      return t('problem.integer_range', { min: problem.min, max: problem.max });
    case 'too_long_max':
      return t('problem.too_long_max', { max: problem.max });
    default:
      return t(`problem.${problem.code}` as MessageKey);
  }
}

/** Where a problem sits, for the summary above the save button: "Condition 1.2", "Variant B message"… */
export function problemPlace(key: string, variantIds: readonly string[]): string {
  const condition = /^conditions\.(\d+)(?:\.(\d+))?$/.exec(key);
  if (condition) return t('editor.condition', { path: [condition[1], condition[2]].filter((n) => n !== undefined).map((n) => Number(n) + 1).join('.') });
  const variant = /^variants\.(\d+)\.(\w+)$/.exec(key);
  if (variant) {
    const field = variant[2] === 'message' ? t('editor.message') : variant[2] === 'sender' ? t('editor.sender') : t('editor.weight');
    return `${t('editor.variant', { id: variantIds[Number(variant[1])] ?? variant[1]! })} · ${field}`;
  }
  const labels: Record<string, MessageKey> = {
    name: 'editor.name',
    priority: 'editor.priority',
    conditions: 'editor.conditions',
    weights: 'editor.weight',
    holdout: 'editor.holdout',
    frequencyDays: 'editor.frequencyDays',
    days: 'editor.days',
    start: 'editor.start',
    end: 'editor.end',
    timeZone: 'editor.timeZone',
    delay: 'editor.delay',
  };
  return labels[key] ? t(labels[key]) : key;
}
