import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canned, summary } from '../../testing/fixtures.js';
import { cannedBySite } from '../../state/canned.js';
import { drafts } from '../../state/drafts.js';

vi.mock('../../state/realtime.js', () => ({
  sendMessage: vi.fn(),
  agentTyping: vi.fn(),
  stopTyping: vi.fn(),
}));
const realtime = await import('../../state/realtime.js');
const { Composer } = await import('./Composer.js');

const chatA = summary({ id: 'chatAAAAAAAA', assigneeId: 'agent0000001' });
const chatB = summary({ id: 'chatBBBBBBBB', assigneeId: 'agent0000001' });

let root: HTMLElement;
const textarea = () => root.querySelector<HTMLTextAreaElement>('[data-test=composer]')!;

function show(conversation = chatA) {
  act(() => render(<Composer conversation={conversation} />, root));
}
function type(text: string) {
  act(() => {
    textarea().value = text;
    textarea().dispatchEvent(new Event('input', { bubbles: true }));
  });
}
function press(key: string, init: KeyboardEventInit = {}) {
  act(() => {
    textarea().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

beforeEach(() => {
  localStorage.clear();
  drafts.open('agent0000001');
  root = document.createElement('div');
  document.body.append(root);
  vi.mocked(realtime.sendMessage).mockClear();
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  drafts.close();
  cannedBySite.value = {};
});

describe('Composer', () => {
  it('sends the reply on Enter', () => {
    show();
    type('Your parcel left today');
    press('Enter');
    expect(realtime.sendMessage).toHaveBeenCalledWith(chatA.id, 'Your parcel left today', 'text');
  });

  it('adds a new line on Shift+Enter instead of sending', () => {
    show();
    type('Line one');
    press('Enter', { shiftKey: true });
    expect(realtime.sendMessage).not.toHaveBeenCalled();
  });

  it('sends an internal note when the note toggle is on', () => {
    show();
    act(() => root.querySelector<HTMLInputElement>('[data-test=note-toggle]')!.click());
    type('VIP customer');
    act(() => root.querySelector<HTMLButtonElement>('[data-test=send]')!.click());
    expect(realtime.sendMessage).toHaveBeenCalledWith(chatA.id, 'VIP customer', 'note');
  });

  it('keeps each chat’s draft when the agent switches chats', () => {
    show(chatA);
    type('Half an answer for A');
    show(chatB);
    expect(textarea().value).toBe('');
    type('Something for B');
    show(chatA);
    expect(textarea().value).toBe('Half an answer for A');
  });

  describe('saved replies', () => {
    beforeEach(() => {
      cannedBySite.value = {
        [chatA.siteId]: [canned('shipping', 'We ship within 24 hours.'), canned('refund', 'Refunds take 5 days.')],
      };
    });

    const options = () => [...root.querySelectorAll('[data-test=canned-option]')].map((o) => o.textContent);

    it('opens a filtered list when the agent types a slash', () => {
      show();
      type('/ref');
      expect(options()).toEqual(['/refundRefunds take 5 days.']);
    });

    it('inserts the highlighted reply with the arrow keys and Enter, without sending', () => {
      show();
      type('/');
      press('ArrowDown');
      press('Enter');
      expect(textarea().value).toBe('We ship within 24 hours.');
      expect(realtime.sendMessage).not.toHaveBeenCalled();
    });

    it('inserts with Tab too', () => {
      show();
      type('/ship');
      press('Tab');
      expect(textarea().value).toBe('We ship within 24 hours.');
    });

    it('closes on Escape and leaves the text alone', () => {
      show();
      type('/ship');
      press('Escape');
      expect(options()).toEqual([]);
      expect(textarea().value).toBe('/ship');
    });
  });
});
