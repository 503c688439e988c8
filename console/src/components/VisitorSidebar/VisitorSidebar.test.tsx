import type { VisitorContext } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summary } from '../../testing/fixtures.js';
import { putVisitorContext, resetVisitors } from '../../state/visitors.js';
import { VisitorSidebar, sourceLines } from './VisitorSidebar.js';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  resetVisitors();
});

const context = (overrides: Partial<VisitorContext>): VisitorContext => ({
  visitorId: 'visitor00001',
  name: 'Visitor 42',
  email: null,
  verified: false,
  firstSeenAt: 0,
  lastSeenAt: 0,
  online: true,
  currentPage: null,
  journey: [],
  cart: null,
  device: 'desktop',
  browser: '',
  os: '',
  language: 'fr',
  visitCount: 2,
  referrer: '',
  utm: { source: '', medium: '', campaign: '' },
  lastTrigger: null,
  ...overrides,
});

describe('VisitorSidebar', () => {
  it('tells the agent which trigger started the chat, where the visitor came from and the last teaser shown', () => {
    putVisitorContext(
      context({
        referrer: 'https://www.google.com/search?q=shoes',
        utm: { source: 'newsletter', medium: 'email', campaign: 'black-friday' },
        lastTrigger: { triggerId: 'trig00000002', triggerName: 'Exit offer', variant: 'B', at: 0 },
      }),
    );
    const conversation = summary({ visitorId: 'visitor00001', startedBy: { triggerId: 'trig00000001', triggerName: 'Checkout help', variant: 'A' } });
    act(() => render(<VisitorSidebar conversation={conversation} />, root));
    expect(root.querySelector('[data-test=started-by]')!.textContent).toContain('Checkout help');
    expect(root.querySelector('[data-test=started-by]')!.textContent).toContain('variant A');
    expect(root.querySelector('[data-test=source]')!.textContent).toBe('www.google.comutm: newsletter / email / black-friday');
    expect(root.querySelector('[data-test=last-trigger]')!.textContent).toContain('Exit offer');
  });

  it('says nothing about triggers for a chat the visitor started, and calls a bare visit direct', () => {
    putVisitorContext(context({}));
    act(() => render(<VisitorSidebar conversation={summary({ visitorId: 'visitor00001' })} />, root));
    expect(root.querySelector('[data-test=started-by]')).toBeNull();
    expect(root.querySelector('[data-test=last-trigger]')).toBeNull();
    expect(root.querySelector('[data-test=source]')!.textContent).toBe('Direct visit');
    expect(sourceLines('not a url', { source: '', medium: '', campaign: '' })).toEqual(['not a url']);
  });
});
