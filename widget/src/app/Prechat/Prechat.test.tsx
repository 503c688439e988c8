import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { conversation } from '../../state/conversation';
import { markFailed, messages } from '../../state/messages';
import { open, setOpen } from '../../state/panel';
import { prechatErrors, prechatValues } from '../../state/prechat';
import { agentsOnline, connection, identified, opening, site } from '../../state/session';
import { loadPanel } from '../lazy';
import { App } from '../App/App';

vi.mock('../../transport/socket', () => ({ ask: vi.fn(), leaveMessage: vi.fn(), sendTyping: vi.fn(), wake: vi.fn(), forgetVisitor: vi.fn() }));

let root: HTMLElement;
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const type = (selector: string, value: string, event = 'input') =>
  act(() => {
    const field = $<HTMLInputElement>(selector)!;
    field.value = value;
    field.dispatchEvent(new Event(event, { bubbles: true }));
  });
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));
const labelOf = (el: HTMLElement) => root.querySelector(`label[for="${el.id}"]`)?.textContent;

beforeAll(async () => {
  await loadPanel();
});
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  messages.value = [];
  conversation.value = null;
  identified.value = false;
  agentsOnline.value = true;
  opening.value = { open: true, reopensAt: null };
  connection.value = 'online';
  open.value = false;
  prechatValues.value = { name: '', email: '', teamId: '', fields: {}, body: '' };
  prechatErrors.value = {};
  site.value = {
    name: 'Maison',
    settings: {
      requireConsent: false,
      greeting: 'Hi!',
      color: '#4f46e5',
      prechat: { enabled: true, name: 'required', email: 'optional', askTeam: true, fields: [{ id: 'size', label: 'Size', type: 'select', required: true, options: ['S', 'M'] }] },
    },
    teams: [{ id: 'team-1', name: 'Returns' }, { id: 'team-2', name: 'Sales', opening: { open: false, reopensAt: 1 } }],
  };
  act(() => render(<App />, root));
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('pre-chat form', () => {
  it('replaces the composer with labelled questions, the required ones said in words', () => {
    act(() => setOpen(true));
    expect($('[data-part=prechat-form]')).not.toBeNull();
    expect($('[data-part=input]')).toBeNull();
    expect(labelOf($('input[name=name]')!)).toBe('Name (required)');
    expect(labelOf($('input[name=email]')!)).toBe('Email');
    expect(labelOf($('select[name=team]')!)).toBe('Topic (required)');
    expect(labelOf($('select[name=size]')!)).toBe('Size (required)');
    expect(labelOf($('textarea[name=message]')!)).toBe('How can we help? (required)');
    expect(Array.from($<HTMLSelectElement>('select[name=team]')!.options).map((o) => o.text)).toEqual(['Choose…', 'Returns', 'Sales (away now)']);
  });

  it('flags what is missing, describes it on the input, and focuses the first', async () => {
    act(() => setOpen(true));
    act(() => $<HTMLButtonElement>('[data-part=prechat-submit]')!.click());
    await settle();
    const name = $<HTMLInputElement>('input[name=name]')!;
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#' + name.getAttribute('aria-describedby'))!.textContent).toBe('Please fill in Name.');
    expect($('[role=alert]')!.textContent).toContain('Please fill in Size.');
    expect(document.activeElement).toBe(name);
    expect(messages.value).toEqual([]);
  });

  it('queues the first message with the answers; the composer follows', () => {
    act(() => setOpen(true));
    type('input[name=name]', 'Ana');
    type('select[name=team]', 'team-1', 'change');
    type('select[name=size]', 'M', 'change');
    type('textarea[name=message]', 'Hello');
    $<HTMLButtonElement>('[data-part=prechat-submit]')!.focus();
    act(() => $<HTMLButtonElement>('[data-part=prechat-submit]')!.click());
    expect(messages.value[0]).toMatchObject({ body: 'Hello', teamId: 'team-1', prechat: { name: 'Ana', fields: { size: 'M' } } });
    expect($('[data-part=prechat-form]')).toBeNull();
    // The composer takes the focus the form's button had.
    expect(document.activeElement).toBe($('[data-part=input]'));
  });

  it('takes back a first message the server refused: the text and answers in the form again, saying so', async () => {
    act(() => setOpen(true));
    type('input[name=name]', 'Ana');
    type('select[name=team]', 'team-1', 'change');
    type('select[name=size]', 'M', 'change');
    type('textarea[name=message]', 'Hello');
    act(() => $<HTMLButtonElement>('[data-part=prechat-submit]')!.click());
    expect($('[data-part=prechat-form]')).toBeNull();
    // The transport's verdict: refused for good (bad_request).
    act(() => markFailed(messages.value[0]!.clientId));
    await settle();
    expect($('[data-part=prechat-form]')).not.toBeNull();
    expect(messages.value).toEqual([]);
    expect($<HTMLTextAreaElement>('textarea[name=message]')!.value).toBe('Hello');
    expect($<HTMLInputElement>('input[name=name]')!.value).toBe('Ana');
    expect($<HTMLSelectElement>('select[name=size]')!.value).toBe('M');
    expect($<HTMLSelectElement>('select[name=team]')!.value).toBe('team-1');
    expect($('[data-part=prechat-alert]')!.textContent).toBe('Your message was not sent. Please check your answers and send it again.');
    expect(document.activeElement).toBe($('textarea[name=message]'));
  });

  it('is skipped for a visitor the shop identified', () => {
    identified.value = true;
    act(() => setOpen(true));
    expect($('[data-part=prechat-form]')).toBeNull();
    expect($('[data-part=input]')).not.toBeNull();
  });

  it('gives way to the leave-a-message form and says when the team is back outside opening hours', () => {
    opening.value = { open: false, reopensAt: null };
    act(() => setOpen(true));
    expect($('[data-part=hours]')!.textContent).toBe("We're away right now.");
    expect($('[data-part=offline-form]')).not.toBeNull();
    expect($('[data-part=prechat-form]')).toBeNull();
  });
});
