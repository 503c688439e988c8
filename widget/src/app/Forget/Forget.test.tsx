import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n';
import { conversation } from '../../state/conversation';
import { forgetStep } from '../../state/forget';
import { messages } from '../../state/messages';
import { leaveForm, leftEmail } from '../../state/offline';
import { open, setOpen } from '../../state/panel';
import { agentsOnline, connection, forgotten, site } from '../../state/session';
import { forgetVisitor } from '../../transport/socket';
import { loadPanel } from '../lazy';
import { App } from '../App/App';

// The transport: what visitor:forget ends in (true once the widget has forgotten, see forget.test.ts there).
vi.mock('../../transport/socket', () => ({ forgetVisitor: vi.fn(), wake: vi.fn(), leaveMessage: vi.fn(), sendTyping: vi.fn() }));

let root: HTMLElement;
const $ = (part: string) => root.querySelector<HTMLElement>(`[data-part=${part}]`);
const click = (part: string) => act(() => $(part)!.click());
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

beforeAll(async () => {
  await loadPanel();
});
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  messages.value = [];
  conversation.value = null;
  forgotten.value = false;
  forgetStep.value = '';
  agentsOnline.value = true;
  connection.value = 'online';
  open.value = false;
  site.value = { name: 'Maison', settings: { requireConsent: false, greeting: 'Hi!', color: '#4f46e5' } };
  act(() => render(<App />, root));
  act(() => setOpen(true));
});
afterEach(() => {
  render(null, root);
  root.remove();
  setLanguage('en');
  vi.mocked(forgetVisitor).mockReset();
});

describe('delete my data', () => {
  it('asks first, saying what goes, and Cancel changes nothing', () => {
    expect($('forget')!.textContent).toBe('Delete my data');
    expect($('forget-confirm')).toBeNull();
    click('forget');
    const confirm = $('forget-confirm')!;
    expect(confirm.getAttribute('role')).toBe('group');
    expect(confirm.textContent).toContain('This erases your conversations and everything we know about you');
    expect(document.activeElement).toBe($('forget-no'));
    click('forget-no');
    expect($('forget-confirm')).toBeNull();
    expect(document.activeElement).toBe($('forget'));
    expect(forgetVisitor).not.toHaveBeenCalled();
  });

  it('erases on confirm, then says the data is gone and offers no second erasure', async () => {
    let finish!: (done: boolean) => void;
    vi.mocked(forgetVisitor).mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    click('forget');
    click('forget-yes');
    expect(forgetVisitor).toHaveBeenCalledTimes(1);
    expect($('forget-yes')!.textContent).toBe('Deleting…');
    expect(($('forget-yes') as HTMLButtonElement).disabled).toBe(true);
    // session:end arrives (transport/socket.ts sets `forgotten`), and the widget goes offline on purpose.
    act(() => {
      forgotten.value = true;
      connection.value = 'offline';
      finish(true);
    });
    await settle();
    await settle();
    expect($('forgotten')!.textContent).toBe('Your data has been deleted.');
    expect($('forgotten')!.getAttribute('role')).toBe('status');
    expect(document.activeElement).toBe($('forgotten'));
    expect($('connection')).toBeNull();
    expect($('forget')).toBeNull();
    expect($('forget-confirm')).toBeNull();
    // Writing again starts afresh (the transport connects as a new visitor): the notice goes, the link is back.
    act(() => {
      forgotten.value = false;
    });
    expect($('forgotten')).toBeNull();
    expect($('forget')).not.toBeNull();
  });

  it('keeps the question open with an error when the erasure failed', async () => {
    vi.mocked(forgetVisitor).mockResolvedValue(false);
    click('forget');
    click('forget-yes');
    await settle();
    expect($('forget-error')!.textContent).toBe('Your data could not be deleted. Please try again.');
    expect($('forget-error')!.getAttribute('role')).toBe('alert');
    expect($('forgotten')).toBeNull();
    vi.mocked(forgetVisitor).mockResolvedValue(true);
    click('forget-yes');
    await settle();
    expect($('forget-error')).toBeNull();
  });

  it('forgets the address left in the leave-a-message form too, in every tab', () => {
    act(() => {
      leftEmail.value = 'lea@example.com';
      leaveForm.value = { email: 'lea@example.com', name: 'Léa', body: 'Hello' };
      forgotten.value = true;
    });
    expect(leftEmail.value).toBe('');
    expect(leaveForm.value).toEqual({ email: '', name: '', body: '' });
    expect($('offline-sent')).toBeNull();
  });

  it('speaks French', () => {
    setLanguage('fr');
    act(() => setOpen(false));
    act(() => setOpen(true));
    expect($('forget')!.textContent).toBe('Supprimer mes données');
    click('forget');
    expect($('forget-yes')!.textContent).toBe('Tout supprimer');
    expect($('forget-confirm')!.textContent).toContain('C’est irréversible.');
    act(() => {
      forgotten.value = true;
    });
    expect($('forgotten')!.textContent).toBe('Vos données ont été supprimées.');
  });
});
