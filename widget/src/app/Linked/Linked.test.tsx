import { render } from 'preact';
import { act } from 'preact/test-utils';
import { linkify } from '@causette/shared/linkify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Linked } from './Linked';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

describe('Linked', () => {
  // The console's MessageItem.test.tsx renders the same text: both clients show one message the same way.
  it('links http(s) and mailto: exactly as the shared linkify (and so the console) does', () => {
    const text = 'Mail mailto:help@shop.example or see https://shop.example/help.';
    act(() => render(<Linked text={text} />, root));
    const anchors = [...root.querySelectorAll<HTMLAnchorElement>('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(anchors).toEqual([
      ['mailto:help@shop.example', 'mailto:help@shop.example'],
      ['https://shop.example/help', 'https://shop.example/help'],
    ]);
    expect(anchors).toEqual(linkify(text).filter((p) => p.href).map((p) => [p.text, p.href]));
    expect(root.textContent).toBe(text);
  });
});
