import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { conversation } from '../../state/conversation';
import { addMessages, messages } from '../../state/messages';
import { leaveError, leaveForm, leftEmail } from '../../state/offline';
import { open, setOpen } from '../../state/panel';
import { agentsOnline, connection, site } from '../../state/session';
import type { LeaveInput, LeaveReply } from '../../state/offline';
import { leaveMessage } from '../../transport/socket';
import { loadPanel } from '../lazy';
import { App } from '../App/App';

// The server side of the transport: what it answers to message:leave.
vi.mock('../../transport/socket', () => ({ leaveMessage: vi.fn(), sendTyping: vi.fn(), wake: vi.fn(), forgetVisitor: vi.fn() }));

let root: HTMLElement;
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const type = (selector: string, value: string) =>
  act(() => {
    const field = $<HTMLInputElement>(selector)!;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

beforeAll(async () => {
  await loadPanel();
});
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  messages.value = [];
  conversation.value = null;
  leaveForm.value = { email: '', name: '', body: '' };
  leaveError.value = '';
  leftEmail.value = '';
  agentsOnline.value = false;
  connection.value = 'online';
  open.value = false;
  site.value = { name: 'Maison', settings: { requireConsent: false, greeting: 'Hi!', color: '#4f46e5' } };
  act(() => render(<App />, root));
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('no agent online', () => {
  it('offers a labelled leave-a-message form instead of the composer, focused on the email', () => {
    act(() => setOpen(true));
    expect($('[data-part=offline-form]')).not.toBeNull();
    expect($('[data-part=input]')).toBeNull();
    const email = $<HTMLInputElement>('input[name=email]')!;
    expect(email.type).toBe('email');
    expect(email.required).toBe(true);
    expect($<HTMLTextAreaElement>('textarea[name=message]')!.required).toBe(true);
    expect($<HTMLInputElement>('input[name=name]')!.required).toBe(false);
    // Each field is named by its label.
    for (const [selector, label] of [['input[name=email]', 'Email'], ['input[name=name]', 'Name (optional)'], ['textarea[name=message]', 'Message']] as const)
      expect($(selector)!.closest('label')!.textContent).toBe(label);
    expect(document.activeElement).toBe(email);
  });

  it('gives the focus it had to the composer when an agent comes online', () => {
    act(() => setOpen(true));
    expect(document.activeElement).toBe($('input[name=email]'));
    act(() => void (agentsOnline.value = true));
    expect($('[data-part=offline-form]')).toBeNull();
    expect(document.activeElement).toBe($('[data-part=input]'));
  });

  it('sends the form, then thanks the visitor by their address and shows the message in the log', async () => {
    vi.mocked(leaveMessage).mockImplementation(async (input: LeaveInput): Promise<LeaveReply> => ({
      ok: true,
      message: { id: 'msg-1', clientId: input.clientId, seq: 1, conversationId: 'conv-1', author: 'visitor', authorId: null, authorName: null, kind: 'text', body: input.body, createdAt: 5 },
      conversation: { id: 'conv-1', status: 'pending', agent: null, lastSeq: 1, agentReadSeq: 0, agentDeliveredSeq: 0, rating: null, visitorReadSeq: 0, queue: null, createdAt: 1 },
      duplicate: false,
    }));
    act(() => setOpen(true));
    type('input[name=email]', 'ana@example.com');
    type('textarea[name=message]', 'Do you ship to Canada?');
    act(() => $('[data-part=offline-submit]')!.click());
    await settle();
    expect(vi.mocked(leaveMessage)).toHaveBeenCalledWith(expect.objectContaining({ email: 'ana@example.com', body: 'Do you ship to Canada?' }));
    expect($('[data-part=offline-sent]')!.textContent).toBe("Thanks! We'll reply to you at ana@example.com.");
    expect($('[data-part=offline-form]')).toBeNull();
    expect($('[data-part=body]')!.textContent).toBe('Do you ship to Canada?');
    // The pending conversation takes further messages in the normal composer.
    expect($('[data-part=input]')).not.toBeNull();

    // An agent answers live: the promise of an email reply has been kept another way, and goes.
    act(() => addMessages([{ clientId: 'a-1', seq: 2, conversationId: 'conv-1', author: 'agent', authorName: 'Bruno', body: 'Yes, we do.', createdAt: 9 }]));
    expect($('[data-part=offline-sent]')).toBeNull();
    expect($('[data-part=input]')).not.toBeNull();
  });

  it("shows the server's refusal inline and keeps what was typed", async () => {
    vi.mocked(leaveMessage).mockResolvedValue({ ok: false, error: { code: 'rate_limited', message: 'Too many messages.' } });
    act(() => setOpen(true));
    type('input[name=email]', 'ana@example.com');
    type('input[name=name]', 'Ana');
    type('textarea[name=message]', 'Hello');
    act(() => $('[data-part=offline-submit]')!.click());
    await settle();
    expect($('[data-part=offline-error]')!.textContent).toBe('Too many messages.');
    expect($('[data-part=offline-error]')!.getAttribute('role')).toBe('alert');
    expect($<HTMLInputElement>('input[name=email]')!.value).toBe('ana@example.com');
    expect($<HTMLInputElement>('input[name=name]')!.value).toBe('Ana');
    expect($<HTMLTextAreaElement>('textarea[name=message]')!.value).toBe('Hello');
  });

  it('switches to the composer when an agent comes online while the form is empty', () => {
    act(() => setOpen(true));
    act(() => {
      agentsOnline.value = true;
    });
    expect($('[data-part=offline-form]')).toBeNull();
    expect($('[data-part=input]')).not.toBeNull();
  });
});

describe('typing preview notice', () => {
  it('tells the visitor agents see their draft, unless the site turned preview off', () => {
    agentsOnline.value = true;
    act(() => setOpen(true));
    const notice = $('[data-part=preview-notice]')!;
    expect(notice.textContent).toBe('Agents can see what you type before you send it.');
    expect($('[data-part=input]')!.getAttribute('aria-describedby')).toBe(notice.id);
    act(() => {
      site.value = { name: 'Maison', settings: { requireConsent: false, greeting: 'Hi!', color: '#4f46e5', typingPreview: false } };
    });
    expect($('[data-part=preview-notice]')).toBeNull();
  });
});
