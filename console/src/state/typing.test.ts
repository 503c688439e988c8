import { afterEach, expect, it } from 'vitest';
import { resetTyping, setVisitorTyping, visitorDrafts, visitorTyping } from './typing.js';

afterEach(() => resetTyping());

it('keeps the preview of a visitor who paused, and drops it when they clear the box', () => {
  setVisitorTyping('c1', true, 'Where is my ord');
  setVisitorTyping('c1', false, 'Where is my ord');
  expect(visitorTyping.value.c1).toBe(false);
  expect(visitorDrafts.value.c1).toBe('Where is my ord');
  setVisitorTyping('c1', false, '');
  expect(visitorDrafts.value.c1).toBeUndefined();
});

it('shows no preview where the site has it off (no draft in the frame)', () => {
  setVisitorTyping('c2', true);
  expect(visitorTyping.value.c2).toBe(true);
  expect(visitorDrafts.value.c2).toBeUndefined();
});
