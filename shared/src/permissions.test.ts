import { describe, expect, it } from 'vitest';
import { PERMISSIONS, roleCan, type Capability } from './permissions.js';

describe('the permission table', () => {
  it('keeps marketers out of customer chats and lets them manage triggers', () => {
    for (const c of ['conversations.read', 'conversations.reply', 'conversations.supervise', 'canned.use', 'team.load'] as Capability[]) expect(roleCan('marketer', c), c).toBe(false);
    expect(roleCan('marketer', 'triggers.manage')).toBe(true);
    expect(roleCan('agent', 'triggers.manage')).toBe(false);
  });

  it('gives admins everything and nobody anything without a role', () => {
    for (const c of Object.keys(PERMISSIONS) as Capability[]) {
      expect(roleCan('admin', c), c).toBe(true);
      expect(roleCan(null, c), c).toBe(false);
    }
  });
});
