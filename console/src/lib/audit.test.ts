import { describe, expect, it } from 'vitest';
import { auditParams, changeLines, EMPTY_AUDIT_FILTERS } from './audit.js';

describe('audit filters and changes', () => {
  it('turns local calendar days into a [from, to) range that includes the last day whole', () => {
    const params = auditParams({ ...EMPTY_AUDIT_FILTERS, fromDate: '2026-03-01', toDate: '2026-03-01', action: 'agent.role_changed', text: '  olga ' });
    expect(Number(params.get('from'))).toBe(new Date(2026, 2, 1).getTime());
    expect(Number(params.get('to'))).toBe(new Date(2026, 2, 2).getTime());
    expect(params.get('action')).toBe('agent.role_changed');
    expect(params.get('q')).toBe('olga');
    expect(auditParams(EMPTY_AUDIT_FILTERS).toString()).toBe('');
  });

  it('reads each change as before → after, and a secret one as only changed', () => {
    expect(
      changeLines({ role: { from: 'agent', to: 'supervisor' }, siteIds: { from: ['a', 'b'], to: [] }, password: {}, greeting: { to: 'Hi' }, hours: { from: null, to: { timeZone: 'UTC' } } }, 'changed'),
    ).toEqual(['role: agent → supervisor', 'siteIds: a, b → —', 'password: changed', 'greeting: Hi', 'hours: — → {"timeZone":"UTC"}']);
  });
});
