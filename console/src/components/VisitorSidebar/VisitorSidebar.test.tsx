import type { Agent, VisitorContext } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';
import { summary } from '../../testing/fixtures.js';

const api = vi.hoisted(() => ({ exportVisitor: vi.fn(), eraseVisitor: vi.fn() }));
vi.mock('../../api/visitors.js', () => ({
  exportVisitor: (...args: unknown[]) => api.exportVisitor(...args),
  eraseVisitor: (...args: unknown[]) => api.eraseVisitor(...args),
}));

const { putVisitorContext, resetVisitors } = await import('../../state/visitors.js');
const { currentAgent } = await import('../../state/session.js');
const { summaries, erasedConversations, resetConversations } = await import('../../state/conversations.js');
const { VisitorSidebar, sourceLines } = await import('./VisitorSidebar.js');
const { sites } = await import('../../state/triggers.js');
const { now } = await import('../../lib/format.js');
const { ConversationItem } = await import('../ConversationItem/ConversationItem.js');

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  resetVisitors();
  resetConversations();
  currentAgent.value = null;
  api.exportVisitor.mockReset();
  api.eraseVisitor.mockReset();
});
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const click = (selector: string) => act(() => $(selector)!.click());

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
  timeZone: 'Europe/Paris',
  visitCount: 2,
  referrer: '',
  utm: { source: '', medium: '', campaign: '' },
  lastTrigger: null,
  ...overrides,
});

describe('VisitorSidebar', () => {
  it('links the current page only when it is a web address; a javascript: address stays inert text (XSS)', () => {
    const page = (url: string) => ({ url, path: '/x', title: 'Checkout', referrer: '', at: 0 });
    putVisitorContext(context({ currentPage: page('javascript:window.__pwned=1') }));
    act(() => render(<VisitorSidebar conversation={summary({ visitorId: 'visitor00001' })} />, root));
    expect(root.querySelector('[data-test=current-page] a')).toBeNull();
    expect(root.querySelector('[data-test=current-page]')!.textContent).toContain('Checkout');
    putVisitorContext(context({ currentPage: page('https://shop.example/checkout') }));
    act(() => render(<VisitorSidebar conversation={summary({ visitorId: 'visitor00001' })} />, root));
    expect(root.querySelector('[data-test=current-page] a')!.getAttribute('href')).toBe('https://shop.example/checkout');
  });

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

  it('marks an email the shop did not sign as unverified, and a signed identity as verified', () => {
    putVisitorContext(context({ email: 'lea@example.com', verified: false }));
    act(() => render(<VisitorSidebar conversation={summary({ visitorId: 'visitor00001' })} />, root));
    expect($('[data-part=email]')!.textContent).toBe('lea@example.com');
    expect($('[data-part=unverified]')!.textContent).toBe('Unverified');
    expect($('[data-part=unverified]')!.parentElement).toBe($('[data-part=email]')!.parentElement);
    expect($('[data-part=verified]')).toBeNull();

    act(() => putVisitorContext(context({ email: 'lea@example.com', verified: true })));
    expect($('[data-part=unverified]')).toBeNull();
    expect($('[data-part=verified]')!.textContent).toBe('Verified');

    // No address, nothing to distrust.
    act(() => putVisitorContext(context({ email: null, verified: false })));
    expect($('[data-part=unverified]')).toBeNull();
    expect($('[data-part=verified]')).toBeNull();
  });

  it("gives the visitor's local time where their widget told their time zone, and nothing where it did not", () => {
    now.value = Date.UTC(2027, 0, 4, 14, 5); // 15:05 in Paris
    putVisitorContext(context({ timeZone: 'Europe/Paris' }));
    act(() => render(<VisitorSidebar conversation={summary({ visitorId: 'visitor00001' })} />, root));
    const row = () => [...root.querySelectorAll('[data-part=details] dt, .sidebar__details dt')].find((dt) => dt.textContent === 'Local time');
    expect(row()!.nextElementSibling!.textContent).toMatch(/^3:05\sPM \(Europe\/Paris\)$/);
    act(() => putVisitorContext(context({ timeZone: '' })));
    expect(row()).toBeUndefined();
  });

  it('offers the privacy tools to admins only', () => {
    putVisitorContext(context({}));
    currentAgent.value = { id: 'agent0000002', name: 'Bo', role: 'supervisor' } as Agent;
    act(() => render(<VisitorSidebar conversation={summary({ visitorId: 'visitor00001' })} />, root));
    expect($('[data-action=export-visitor]')).toBeNull();
    expect($('[data-action=erase-visitor]')).toBeNull();
    act(() => {
      currentAgent.value = { id: 'agent0000001', name: 'Ada', role: 'admin' } as Agent;
    });
    expect($('[data-action=export-visitor]')!.textContent).toBe('Export data');
    expect($('[data-action=erase-visitor]')!.textContent).toBe('Erase visitor');
  });

  it('downloads the export as a JSON file', async () => {
    const data = { exportedAt: 1, data: { visitor: [{ id: 'visitor00001', name: '<b>Léa</b>' }], messages: [] } };
    api.exportVisitor.mockResolvedValue(data);
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:export');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    let saved: { name: string; href: string } | undefined;
    const onClick = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved = { name: this.download, href: this.href };
    });
    currentAgent.value = { id: 'agent0000001', name: 'Ada', role: 'admin' } as Agent;
    putVisitorContext(context({}));
    act(() => render(<VisitorSidebar conversation={summary({ visitorId: 'visitor00001' })} />, root));
    click('[data-action=export-visitor]');
    await flush();
    expect(api.exportVisitor).toHaveBeenCalledWith('visitor00001');
    expect(saved).toEqual({ name: 'visitor-visitor00001.json', href: 'blob:export' });
    const blob = createObjectURL.mock.calls[0]![0];
    expect(blob.type).toBe('application/json');
    expect(JSON.parse(await blob.text())).toEqual(data);
    expect($('[data-part=privacy-error]')).toBeNull();
    onClick.mockRestore();
    vi.unstubAllGlobals();
  });

  it('shows why an export failed', async () => {
    api.exportVisitor.mockRejectedValue(new ApiError(403, 'forbidden', 'admins only'));
    currentAgent.value = { id: 'agent0000001', name: 'Ada', role: 'admin' } as Agent;
    act(() => render(<VisitorSidebar conversation={summary({ visitorId: 'visitor00001' })} />, root));
    click('[data-action=export-visitor]');
    await flush();
    expect($('[data-part=privacy-error]')!.textContent).toBe('Only admins can export or erase a visitor’s data.');
    expect($('[data-part=privacy-error]')!.getAttribute('role')).toBe('alert');
  });

  it('erases only after a confirm, then drops the visitor’s chats; a refusal is shown and the question stays', async () => {
    const chat = summary({ id: 'convLEA00001', visitorId: 'visitor00001' });
    summaries.value = { [chat.id]: chat };
    currentAgent.value = { id: 'agent0000001', name: 'Ada', role: 'admin' } as Agent;
    act(() => render(<VisitorSidebar conversation={chat} />, root));

    click('[data-action=erase-visitor]');
    expect(api.eraseVisitor).not.toHaveBeenCalled();
    expect($('[data-part=erase-confirm]')!.textContent).toContain('This cannot be undone.');
    click('[data-action=erase-visitor-cancel]');
    expect($('[data-part=erase-confirm]')).toBeNull();

    api.eraseVisitor.mockRejectedValueOnce(new ApiError(0, 'unavailable', 'Failed to fetch'));
    click('[data-action=erase-visitor]');
    click('[data-action=erase-visitor-confirm]');
    await flush();
    expect($('[data-part=privacy-error]')!.textContent).toBe('The server did not answer. Try again.');
    expect($('[data-part=erase-confirm]')).not.toBeNull();
    expect(summaries.value[chat.id]).toBeDefined();

    api.eraseVisitor.mockResolvedValueOnce(undefined);
    click('[data-action=erase-visitor-confirm]');
    await flush();
    expect(api.eraseVisitor).toHaveBeenLastCalledWith('visitor00001');
    expect(summaries.value[chat.id]).toBeUndefined();
    expect(erasedConversations.value.has(chat.id)).toBe(true);
  });

  it('shows the visitor’s rating and comment as soon as the chat’s update carries them, read out as a sentence', () => {
    const chat = summary({ id: 'convRATE0001', status: 'resolved' });
    act(() => render(<VisitorSidebar conversation={chat} />, root));
    expect($('[data-part=sidebar-rating]')).toBeNull();
    act(() => render(<VisitorSidebar conversation={{ ...chat, rating: { score: 4, comment: 'Quick and kind', ratedAt: 1 } }} />, root));
    const stars = $('[data-part=sidebar-rating] [data-part=rating]')!;
    expect(stars.getAttribute('role')).toBe('img');
    expect(stars.getAttribute('aria-label')).toBe('Rated 4 out of 5');
    expect(stars.textContent).toBe('★★★★☆');
    expect($('[data-part=rating-comment]')!.textContent).toBe('Quick and kind');
  });

  it('lists the pre-chat answers under the site’s wording (the key when the question is gone), with the team', () => {
    sites.value = [
      {
        id: 'site00000001',
        key: 'k',
        name: 'Shop',
        allowedOrigins: [],
        createdAt: 0,
        settings: {
          requireConsent: false,
          greeting: '',
          color: '#000000',
          prechat: { enabled: true, name: 'optional', email: 'optional', askTeam: true, fields: [{ id: 'order_number', label: 'Order number', type: 'text', required: true }] },
        },
      },
    ];
    const chat = summary({ siteId: 'site00000001', teamName: 'Returns', fields: { order_number: 'A-1234', old_question: 'yes' } });
    act(() => render(<VisitorSidebar conversation={chat} />, root));
    const pairs = [...root.querySelectorAll('[data-part=prechat-answers] dt')].map((dt) => `${dt.textContent}=${dt.nextElementSibling!.textContent}`);
    expect(pairs).toEqual(['Team=Returns', 'Order number=A-1234', 'old_question=yes']);
    sites.value = [];
  });

  it('puts a small rating badge on a rated chat’s row', () => {
    const rated = summary({ status: 'resolved', rating: { score: 2, comment: null, ratedAt: 1 } });
    act(() => render(<ul><ConversationItem summary={rated} unread={0} selected={false} online={undefined} agentId={undefined} onSelect={() => {}} /></ul>, root));
    expect($('[data-part=rating]')!.getAttribute('aria-label')).toBe('Rated 2 out of 5');
    act(() => render(<ul><ConversationItem summary={summary()} unread={0} selected={false} online={undefined} agentId={undefined} onSelect={() => {}} /></ul>, root));
    expect($('[data-part=rating]')).toBeNull();
  });
});
