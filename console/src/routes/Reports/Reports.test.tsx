import type { CsatReport } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { summary } from '../../testing/fixtures.js';

const fetchCsatReport = vi.fn();
vi.mock('../../api/reports.js', () => ({ fetchCsatReport: (...args: unknown[]) => fetchCsatReport(...args) }));
vi.mock('../../api/triggers.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/triggers.js')>()),
  listSites: vi.fn(async () => ({ items: [{ id: 'site00000001', key: 'k', name: 'Shop', allowedOrigins: [], createdAt: 0, settings: { requireConsent: false, greeting: '', color: '#000000' } }] })),
}));

const { Reports } = await import('./Reports.js');
const { resetTriggers } = await import('../../state/triggers.js');

const report = (overrides: Partial<CsatReport> = {}): CsatReport => ({
  from: 0,
  to: 1,
  count: 4,
  average: 4.3,
  distribution: [0, 0, 1, 1, 2],
  satisfiedPercent: 75,
  byAgent: [{ agentId: 'agent0000001', name: 'Ada', count: 4, average: 4.3 }],
  recent: [
    summary({ id: 'convA0000001', visitorName: 'Léa', assigneeName: 'Ada', rating: { score: 5, comment: 'Perfect, thanks!', ratedAt: 2 } }),
    summary({ id: 'convA0000002', visitorName: 'Tom', rating: { score: 3, comment: null, ratedAt: 1 } }),
  ],
  ...overrides,
});

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  fetchCsatReport.mockReset();
  resetTriggers();
});
const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const $ = (selector: string) => root.querySelector<HTMLElement>(selector);

describe('Reports', () => {
  it('shows the average, the spread of scores, each agent and the comments of the last 30 days', async () => {
    fetchCsatReport.mockResolvedValue(report());
    act(() => render(<Reports />, root));
    await flush();
    await flush();
    expect(fetchCsatReport).toHaveBeenCalledWith('site00000001', 30);
    expect($('[data-part=csat-average]')!.textContent).toContain('4.3 out of 5');
    expect($('[data-part=csat-count]')!.textContent).toContain('4');
    expect($('[data-part=csat-satisfied]')!.textContent).toContain('75%');
    const rows = [...root.querySelectorAll('[data-part=csat-distribution] li .visually-hidden')].map((r) => r.textContent);
    expect(rows).toEqual(['5 out of 5: 2', '4 out of 5: 1', '3 out of 5: 1', '2 out of 5: 0', '1 out of 5: 0']);
    expect($('[data-part=csat-agents] tbody tr')!.textContent).toBe('Ada44.3 out of 5');
    // Only ratings that carry words are comments.
    const comments = [...root.querySelectorAll('[data-part=csat-comment]')];
    expect(comments).toHaveLength(1);
    expect(comments[0]!.querySelector('blockquote')!.textContent).toBe('Perfect, thanks!');
    expect(comments[0]!.querySelector('[data-part=rating]')!.getAttribute('aria-label')).toBe('Rated 5 out of 5');
    expect(comments[0]!.querySelector('a')!.getAttribute('href')).toBe('/console/conversations/convA0000001');
  });

  it('asks again for another period, and says when nothing was rated', async () => {
    fetchCsatReport.mockResolvedValue(report());
    act(() => render(<Reports />, root));
    await flush();
    await flush();
    fetchCsatReport.mockResolvedValue(report({ count: 0, average: null, distribution: [0, 0, 0, 0, 0], satisfiedPercent: null, byAgent: [], recent: [] }));
    const period = root.querySelector<HTMLSelectElement>('select[name=period]')!;
    act(() => {
      period.value = '7';
      period.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    expect(fetchCsatReport).toHaveBeenLastCalledWith('site00000001', 7);
    expect($('[data-part=csat-empty]')!.textContent).toBe('No rated chats in this period.');
  });
});
