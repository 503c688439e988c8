import type { Trigger } from '@causette/shared';
import { describe, expect, it } from 'vitest';
import { addCondition, updateRow } from './conditions.js';
import { draftFromTrigger, emptyDraft, newVariant, serverProblemKey, toTriggerFields, type TriggerDraft } from './trigger-form.js';

function validDraft(): TriggerDraft {
  const draft = emptyDraft();
  return {
    ...draft,
    name: 'Checkout help',
    tree: updateRow(addCondition(draft.tree), [0], (r) => ({ ...r, value: '/checkout' })),
    variants: [{ id: 'A', message: 'Need a hand?', sender: 'Léa', weight: '100' }],
  };
}

describe('trigger form', () => {
  it('builds the body the API takes', () => {
    const { fields, problems } = toTriggerFields({ ...validDraft(), holdout: '10', frequency: 'days', frequencyDays: '7', delay: '5' });
    expect(problems).toEqual({});
    expect(fields).toMatchObject({
      name: 'Checkout help',
      priority: 10,
      conditions: { match: 'all', conditions: [{ field: 'page.path', operator: 'equals', value: '/checkout' }] },
      variants: [{ id: 'A', weight: 100, message: { text: 'Need a hand?', senderName: 'Léa' } }],
      holdoutPercent: 10,
      frequency: { per: 'days', days: 7 },
      schedule: null,
      delaySeconds: 5,
    });
  });

  it('flags every field a marketer must fix', () => {
    const draft = { ...validDraft(), name: ' ', holdout: '60', delay: '-1', variants: [{ id: 'A', message: '', sender: '', weight: '0' }] };
    const { fields, problems } = toTriggerFields(draft);
    expect(fields).toBeNull();
    expect(problems).toEqual({
      name: { code: 'required' },
      holdout: { code: 'integer_range', min: 0, max: 50 },
      delay: { code: 'integer_range', min: 0, max: 600 },
      'variants.0.message': { code: 'required' },
      weights: { code: 'weights_zero' },
    });
  });

  it('checks the schedule: days, times and a real time zone', () => {
    const { problems } = toTriggerFields({ ...validDraft(), scheduled: true, days: [], start: '9:00', timeZone: 'Mars/Olympus' });
    expect(problems).toMatchObject({ days: { code: 'no_days' }, start: { code: 'bad_time' }, timeZone: { code: 'bad_time_zone' } });
    const ok = toTriggerFields({ ...validDraft(), scheduled: true, days: [5, 1], start: '09:00', end: '18:00', timeZone: 'Europe/Paris' });
    expect(ok.fields?.schedule).toEqual({ days: [1, 5], start: '09:00', end: '18:00', timeZone: 'Europe/Paris' });
  });

  it('names new variants with the next free letter', () => {
    expect(newVariant([{ id: 'A', message: '', sender: '', weight: '50' }]).id).toBe('B');
  });

  it('round-trips a saved trigger', () => {
    const { fields } = toTriggerFields(validDraft());
    const trigger = { id: 'trig00000001', siteId: 'site00000001', createdAt: 0, updatedAt: 0, ...fields! } as Trigger;
    expect(toTriggerFields(draftFromTrigger(trigger)).fields).toEqual(fields);
  });

  it('places a server message next to the condition it names', () => {
    expect(serverProblemKey('conditions.0: the regular expression is not safe (nested quantifiers)')).toBe('conditions.0');
    expect(serverProblemKey('conditions.1.2: invalid regular expression')).toBe('conditions.1.2');
    expect(serverProblemKey('name is required')).toBeNull();
  });
});
