import type { BehaviourReport } from '@causette/shared';
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trackBehaviour } from './behaviour';

/** A page of its own per test: 4000 px tall in an 800 px viewport, visible, desktop unless `touch`. */
function page({ touch = false, visit }: { touch?: boolean; visit?: { get(): number; set(ms: number): void } } = {}) {
  const w = new Window({ url: 'https://shop.test/', width: 1000, height: 800 }) as unknown as typeof globalThis;
  let visibility = 'visible';
  Object.defineProperty(w.document, 'visibilityState', { get: () => visibility, configurable: true });
  Object.defineProperty(w.document.documentElement, 'scrollHeight', { value: 4000, configurable: true });
  Object.defineProperty(w, 'scrollY', { value: 0, writable: true, configurable: true });
  w.matchMedia = (() => ({ matches: touch })) as any;
  w.requestAnimationFrame = ((cb: FrameRequestCallback) => setTimeout(cb, 16)) as any;
  const reports: BehaviourReport[] = [];
  const tracker = trackBehaviour({ send: (r) => reports.push(r), w: w as any, ...(visit && { visit }) });
  return {
    w,
    reports,
    tracker,
    scrollTo(y: number) {
      (w as any).scrollY = y;
      w.dispatchEvent(new w.Event('scroll'));
    },
    setVisible(yes: boolean) {
      visibility = yes ? 'visible' : 'hidden';
      w.document.dispatchEvent(new w.Event('visibilitychange'));
    },
    mouseOut(init: MouseEventInit) {
      w.document.dispatchEvent(new w.MouseEvent('mouseout', { bubbles: true, ...init }));
    },
  };
}

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('periodic reports', () => {
  it('reports visible time every 5 s, in whole seconds, and nothing while the tab is hidden', () => {
    const p = page();
    vi.advanceTimersByTime(5000);
    expect(p.reports).toEqual([{ timeOnPage: 5, timeOnSite: 5, scrollDepth: 20, idleSeconds: 0, exitIntent: false }]);
    p.setVisible(false);
    vi.advanceTimersByTime(60_000);
    expect(p.reports).toHaveLength(1);
    p.setVisible(true);
    vi.advanceTimersByTime(5000);
    // Ten seconds visible in all, whatever the tab did in between.
    expect(p.reports[1]).toMatchObject({ timeOnPage: 10, timeOnSite: 10 });
  });

  it('starts time on page again after an SPA navigation but keeps counting time on site', () => {
    const p = page();
    p.scrollTo(3200);
    vi.advanceTimersByTime(15_000);
    expect(p.reports.at(-1)).toMatchObject({ timeOnPage: 15, timeOnSite: 15, scrollDepth: 100 });
    p.scrollTo(0);
    p.tracker.newPage();
    vi.advanceTimersByTime(5000);
    expect(p.reports.at(-1)).toMatchObject({ timeOnPage: 5, timeOnSite: 20, scrollDepth: 20 });
  });

  it("continues the visit's time from an earlier page and keeps it for the next one", () => {
    let kept = 42_000;
    const p = page({ visit: { get: () => kept, set: (ms) => (kept = ms) } });
    vi.advanceTimersByTime(5000);
    expect(p.reports[0]!.timeOnSite).toBe(47);
    expect(kept).toBe(47_000);
  });
});

describe('scroll depth', () => {
  it('keeps the deepest point of the page and reports a crossed milestone at once', () => {
    const p = page();
    p.scrollTo(400); // (400 + 800) / 4000 = 30 %: past 25
    vi.advanceTimersByTime(20);
    expect(p.reports).toHaveLength(1);
    expect(p.reports[0]).toMatchObject({ scrollDepth: 30, exitIntent: false });
    p.scrollTo(500); // 33 %: no new milestone
    vi.advanceTimersByTime(1500);
    expect(p.reports).toHaveLength(1);
    p.scrollTo(1300); // 53 %
    vi.advanceTimersByTime(20);
    expect(p.reports.at(-1)!.scrollDepth).toBe(53);
    p.scrollTo(0);
    vi.advanceTimersByTime(5000);
    expect(p.reports.at(-1)!.scrollDepth).toBe(53);
  });
});

describe('exit intent', () => {
  it('on desktop, fires when the pointer leaves through the top of the viewport', () => {
    const p = page();
    p.mouseOut({ clientY: 0 });
    expect(p.reports).toEqual([expect.objectContaining({ exitIntent: true })]);
    vi.advanceTimersByTime(5000);
    expect(p.reports.at(-1)!.exitIntent).toBe(false);
  });

  it('on desktop, ignores moving onto another element or leaving through a side', () => {
    const p = page();
    p.mouseOut({ clientY: -5, relatedTarget: p.w.document.body as any });
    p.mouseOut({ clientY: 300 });
    expect(p.reports).toEqual([]);
  });

  it('on a touch screen, fires on a fast scroll back up in the top half of the page, not a slow one', () => {
    const p = page({ touch: true });
    p.scrollTo(1500);
    vi.advanceTimersByTime(2000);
    const before = p.reports.length;
    // Slowly: 100 px every 200 ms.
    for (const y of [1400, 1300, 1200, 1100]) {
      p.scrollTo(y);
      vi.advanceTimersByTime(200);
    }
    expect(p.reports.slice(before).some((r) => r.exitIntent)).toBe(false);
    // A flick: 400 px within 150 ms.
    const flick = p.reports.length;
    p.scrollTo(1050);
    vi.advanceTimersByTime(50);
    p.scrollTo(850);
    vi.advanceTimersByTime(100);
    p.scrollTo(650);
    vi.advanceTimersByTime(1000);
    expect(p.reports.slice(flick).filter((r) => r.exitIntent)).toHaveLength(1);
  });

  it('on a touch screen, fires on history back; on desktop the same scroll means nothing', () => {
    const touch = page({ touch: true });
    touch.w.dispatchEvent(new touch.w.PopStateEvent('popstate'));
    expect(touch.reports).toEqual([expect.objectContaining({ exitIntent: true })]);

    const desktop = page();
    desktop.scrollTo(1500);
    vi.advanceTimersByTime(2000);
    desktop.scrollTo(1000);
    desktop.scrollTo(600);
    desktop.w.dispatchEvent(new desktop.w.PopStateEvent('popstate'));
    expect(desktop.reports.some((r) => r.exitIntent)).toBe(false);
  });
});

describe('throttling', () => {
  it('sends at most one report a second, and an exit intent inside the gap goes out when the gap ends', () => {
    const p = page();
    p.mouseOut({ clientY: 0 });
    for (let i = 0; i < 10; i++) p.mouseOut({ clientY: 0 });
    expect(p.reports).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(p.reports).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(p.reports).toHaveLength(2);
    expect(p.reports[1]!.exitIntent).toBe(true);
    vi.advanceTimersByTime(3000);
    expect(p.reports).toHaveLength(2);
  });
});

describe('idle', () => {
  it('reports at once when 30 s pass without input, and counts idle time from the last input', () => {
    const p = page();
    vi.advanceTimersByTime(20_000);
    p.w.dispatchEvent(new p.w.KeyboardEvent('keydown'));
    vi.advanceTimersByTime(29_999);
    expect(p.reports.every((r) => r.idleSeconds === 0)).toBe(true);
    const before = p.reports.length;
    vi.advanceTimersByTime(1);
    expect(p.reports).toHaveLength(before + 1);
    expect(p.reports.at(-1)).toMatchObject({ idleSeconds: 30, timeOnPage: 50 });
    vi.advanceTimersByTime(10_000);
    expect(p.reports.at(-1)!.idleSeconds).toBe(40);
    p.w.dispatchEvent(new p.w.PointerEvent('pointermove'));
    vi.advanceTimersByTime(5000);
    expect(p.reports.at(-1)!.idleSeconds).toBe(0);
  });
});
