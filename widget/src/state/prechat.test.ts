import { beforeEach, describe, expect, it } from 'vitest';
import type { PrechatSettings } from '@causette/shared';
import { conversation } from './conversation';
import { messages } from './messages';
import { checkPrechat, needsPrechat, prechatErrors, prechatValues, submitPrechat } from './prechat';
import { identified, site } from './session';

const form: PrechatSettings = {
  enabled: true,
  name: 'required',
  email: 'optional',
  askTeam: true,
  fields: [
    { id: 'order', label: 'Order number', type: 'text', required: true },
    { id: 'size', label: 'Size', type: 'select', required: false, options: ['S', 'M'] },
  ],
};
const teams = [{ id: 'team-returns', name: 'Returns' }];
const blank = { name: '', email: '', teamId: '', fields: {}, body: '' };

beforeEach(() => {
  messages.value = [];
  conversation.value = null;
  identified.value = false;
  prechatValues.value = blank;
  prechatErrors.value = {};
  site.value = { name: 'Maison', settings: { requireConsent: false, greeting: '', color: '#4f46e5', prechat: form }, teams };
});

describe('checkPrechat', () => {
  it('names each missing required answer, a bad address and a missing message', () => {
    expect(checkPrechat(form, { ...blank, email: 'nope' }, teams)).toEqual({
      name: 'Please fill in Name.',
      email: 'Please enter a valid email address.',
      team: 'Please fill in Topic.',
      order: 'Please fill in Order number.',
      body: 'Please write a message.',
    });
  });
  it('lets an optional email be left empty, and passes complete answers', () => {
    expect(checkPrechat(form, { name: 'Ana', email: '', teamId: 'team-returns', fields: { order: 'A1' }, body: 'Hi' }, teams)).toEqual({});
  });
  it('asks no topic when the site has no teams', () => {
    expect(checkPrechat(form, { name: 'Ana', email: '', teamId: '', fields: { order: 'A1' }, body: 'Hi' }, [])).toEqual({});
  });
});

describe('needsPrechat', () => {
  it('shows the form for a new chat of an unidentified visitor only', () => {
    expect(needsPrechat.value).toBe(true);
    identified.value = true;
    expect(needsPrechat.value).toBe(false);
    identified.value = false;
    conversation.value = { id: 'c1', status: 'open' } as never;
    expect(needsPrechat.value).toBe(false);
    conversation.value = { id: 'c1', status: 'resolved' } as never;
    expect(needsPrechat.value).toBe(true);
  });
  it('is off when the site has no form', () => {
    site.value = { name: 'Maison', settings: { requireConsent: false, greeting: '', color: '#4f46e5' } };
    expect(needsPrechat.value).toBe(false);
  });
});

describe('submitPrechat', () => {
  it('refuses incomplete answers and queues nothing', () => {
    expect(submitPrechat()).toBe(false);
    expect(Object.keys(prechatErrors.value)).toEqual(['name', 'team', 'order', 'body']);
    expect(messages.value).toEqual([]);
  });
  it('queues the first message with the answers and the team, keeps name and email for the next chat', () => {
    prechatValues.value = { name: ' Ana ', email: 'ana@example.com', teamId: 'team-returns', fields: { order: ' A1 ', size: '' }, body: ' Hello ' };
    expect(submitPrechat()).toBe(true);
    const [m] = messages.value;
    expect(m).toMatchObject({ body: 'Hello', author: 'visitor', teamId: 'team-returns', prechat: { name: 'Ana', email: 'ana@example.com', fields: { order: 'A1' } } });
    expect(m!.seq).toBeUndefined();
    expect(prechatValues.value).toEqual({ ...blank, name: ' Ana ', email: 'ana@example.com' });
    // Something is on its way: the composer, not the form.
    expect(needsPrechat.value).toBe(false);
  });
});
