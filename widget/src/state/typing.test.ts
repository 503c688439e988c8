import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { site } from './session';
import { previewOn, typingReporter, type TypingFrame } from './typing';

let frames: TypingFrame[];
const record = (f: TypingFrame) => frames.push(f);

beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
});
afterEach(() => vi.useRealTimers());

describe('typing preview on', () => {
  it('sends the draft at most once per 300 ms, and always the last text typed', () => {
    const typing = typingReporter(record, () => true);
    typing.input('H');
    for (const text of ['He', 'Hel', 'Hell']) {
      vi.advanceTimersByTime(50);
      typing.input(text);
    }
    expect(frames).toEqual([{ typing: true, draft: 'H' }]);
    vi.advanceTimersByTime(150); // 300 ms after the first frame
    expect(frames).toEqual([
      { typing: true, draft: 'H' },
      { typing: true, draft: 'Hell' },
    ]);
    vi.advanceTimersByTime(1000);
    typing.input('Hello');
    expect(frames.at(-1)).toEqual({ typing: true, draft: 'Hello' });
  });

  it('never sends more than one frame in any 300 ms while the visitor types fast', () => {
    const times: number[] = [];
    const timed = typingReporter((f) => (times.push(Date.now()), record(f)), () => true);
    let text = '';
    for (let i = 0; i < 60; i++) {
      text += 'x';
      timed.input(text);
      vi.advanceTimersByTime(40);
    }
    vi.advanceTimersByTime(300);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(300);
    expect(frames.at(-1)).toEqual({ typing: true, draft: text });
  });

  it('says "stopped" with an empty draft once the message is sent or the text cleared', () => {
    const typing = typingReporter(record, () => true);
    typing.input('Hi');
    typing.stop();
    expect(frames).toEqual([
      { typing: true, draft: 'Hi' },
      { typing: false, draft: '' },
    ]);
    vi.advanceTimersByTime(5000);
    typing.input('Again');
    typing.input('');
    expect(frames.slice(2)).toEqual([
      { typing: true, draft: 'Again' },
      { typing: false, draft: '' },
    ]);
  });

  it('after a pause, is no longer typing but keeps the unsent text', () => {
    const typing = typingReporter(record, () => true);
    typing.input('Maybe');
    vi.advanceTimersByTime(3000);
    expect(frames.at(-1)).toEqual({ typing: false, draft: 'Maybe' });
  });
});

describe('typing preview off', () => {
  it('never sends what the visitor types: a pulse every 2 s, "stopped" after 3 s idle', () => {
    const typing = typingReporter(record, () => false);
    for (let i = 1; i <= 25; i++) {
      typing.input('secret'.repeat(i));
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(3000);
    typing.input('secret again');
    typing.stop();
    expect(frames.every((f) => !('draft' in f))).toBe(true);
    expect(JSON.stringify(frames)).not.toContain('secret');
    expect(frames).toEqual([{ typing: true }, { typing: true }, { typing: false }, { typing: true }, { typing: false }]);
  });
});

describe("the site's setting", () => {
  it('is on when absent, off only when the site says false', () => {
    site.value = { name: 'Shop', settings: { requireConsent: false, greeting: '', color: '#000000' } };
    expect(previewOn()).toBe(true);
    site.value = { name: 'Shop', settings: { requireConsent: false, greeting: '', color: '#000000', typingPreview: false } };
    expect(previewOn()).toBe(false);
    const typing = typingReporter(record);
    typing.input('private');
    expect(frames).toEqual([{ typing: true }]);
  });
});
