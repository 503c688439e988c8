import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmojiButton, insertAt } from './EmojiButton';
import { EmojiPicker } from './EmojiPicker';
import { COLUMNS, EMOJI } from './emoji';
import { draft } from '../../state/panel';
import { createRef } from 'preact';

let root: HTMLElement;
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const key = (k: string) => act(() => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 10))));

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  draft.value = '';
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the emoji set', () => {
  it('holds about a hundred emoji in named groups that fill whole rows', () => {
    const all = EMOJI.flatMap((g) => g.list);
    expect(all.length).toBe(100);
    expect(new Set(all).size).toBe(100);
    for (const g of EMOJI) expect(g.list.length % COLUMNS).toBe(0);
  });
});

describe('insertAt', () => {
  it('replaces the selection and puts the caret after the emoji', () => {
    expect(insertAt('Thanks a lot', '🙂', 6, 6)).toEqual(['Thanks🙂 a lot', 8]);
    expect(insertAt('Thanks a lot', '🙂', 7, 12)).toEqual(['Thanks 🙂', 9]);
  });
});

describe('EmojiPicker', () => {
  it('is a grid of rows with one tab stop that the arrow keys, Home and End move', () => {
    const onPick = vi.fn();
    act(() => render(<EmojiPicker onPick={onPick} onClose={() => {}} />, root));
    const grid = $('[role=grid]')!;
    expect(grid.getAttribute('aria-label')).toBe('Smileys');
    expect(grid.querySelectorAll('[role=row]').length).toBe(4);
    expect(grid.querySelectorAll('[role=row] > [role=gridcell] > button').length).toBe(20);
    expect(grid.querySelectorAll('button[tabindex="0"]').length).toBe(1);
    expect((document.activeElement as HTMLElement).dataset.i).toBe('0');
    key('ArrowRight');
    key('ArrowRight');
    key('ArrowDown');
    expect((document.activeElement as HTMLElement).dataset.i).toBe(String(2 + COLUMNS));
    key('End');
    expect((document.activeElement as HTMLElement).dataset.i).toBe(String(2 * COLUMNS - 1));
    key('Home');
    expect((document.activeElement as HTMLElement).dataset.i).toBe(String(COLUMNS));
    key('ArrowUp');
    key('ArrowUp');
    expect((document.activeElement as HTMLElement).dataset.i).toBe('0');
    expect(grid.querySelectorAll('button[tabindex="0"]').length).toBe(1);
    act(() => (document.activeElement as HTMLButtonElement).click());
    expect(onPick).toHaveBeenCalledWith(EMOJI[0]!.list[0]);
  });

  it('switches group, its first emoji focused', () => {
    act(() => render(<EmojiPicker onPick={() => {}} onClose={() => {}} />, root));
    const groups = root.querySelectorAll<HTMLButtonElement>('[role=group] button');
    act(() => groups[2]!.click());
    expect($('[role=grid]')!.getAttribute('aria-label')).toBe('Hearts');
    expect(groups[2]!.getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe($('[data-i="0"]'));
    expect(document.activeElement!.textContent).toBe(EMOJI[2]!.list[0]);
  });
});

describe('EmojiButton', () => {
  it('loads the picker on demand, inserts at the caret and gives the text the focus back', async () => {
    const input = createRef<HTMLTextAreaElement>();
    draft.value = 'Thanks a lot';
    act(() =>
      render(
        <>
          <textarea ref={input} value={draft.value} />
          <EmojiButton input={input} />
        </>,
        root,
      ),
    );
    input.current!.setSelectionRange(6, 6);
    const button = $<HTMLButtonElement>('[data-part=emoji-open]')!;
    expect(button.getAttribute('aria-label')).toBe('Insert an emoji');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    act(() => button.click());
    await settle();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    act(() => $<HTMLButtonElement>('[data-i="7"]')!.click());
    await settle();
    expect(draft.value).toBe('Thanks' + EMOJI[0]!.list[7] + ' a lot');
    expect($('[role=grid]')).toBeNull();
    expect(document.activeElement).toBe(input.current);
  });

  it('closes on Escape without closing the panel, from the grid or from its button', async () => {
    const input = createRef<HTMLTextAreaElement>();
    const panelKeys = vi.fn();
    act(() =>
      render(
        <div onKeyDown={panelKeys}>
          <textarea ref={input} />
          <EmojiButton input={input} />
        </div>,
        root,
      ),
    );
    const button = $<HTMLButtonElement>('[data-part=emoji-open]')!;
    act(() => button.click());
    await settle();
    expect((document.activeElement as HTMLElement).dataset.i).toBe('0');
    key('Escape');
    expect($('[role=grid]')).toBeNull();
    expect(document.activeElement).toBe(button);
    // Escape while the button still has the focus (a key faster than the picker) closes the picker alone too.
    act(() => button.click());
    await settle();
    act(() => button.focus());
    key('Escape');
    expect($('[role=grid]')).toBeNull();
    expect(panelKeys).not.toHaveBeenCalled();
    // Closed, Escape is the panel's again.
    key('Escape');
    expect(panelKeys).toHaveBeenCalledTimes(1);
  });
});
