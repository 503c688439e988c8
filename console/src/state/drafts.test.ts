import { beforeEach, describe, expect, it } from 'vitest';
import { DraftStore } from './drafts.js';

describe('DraftStore', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = window.localStorage;
    storage.clear();
  });

  it('keeps each chat’s unsent text when the agent switches between chats', () => {
    const drafts = new DraftStore(storage);
    drafts.open('agent-a');
    drafts.set('chat-1', 'Your order ships');
    drafts.set('chat-2', 'Hello!');
    expect(drafts.get('chat-1')).toBe('Your order ships');
    expect(drafts.get('chat-2')).toBe('Hello!');
  });

  it('restores drafts after a reload', () => {
    const before = new DraftStore(storage);
    before.open('agent-a');
    before.set('chat-1', 'half a sentence');
    const after = new DraftStore(storage);
    after.open('agent-a');
    expect(after.get('chat-1')).toBe('half a sentence');
  });

  it('forgets a draft once sent', () => {
    const drafts = new DraftStore(storage);
    drafts.open('agent-a');
    drafts.set('chat-1', 'sent now');
    drafts.clear('chat-1');
    const reloaded = new DraftStore(storage);
    reloaded.open('agent-a');
    expect(reloaded.get('chat-1')).toBe('');
  });

  it('keeps whitespace the agent typed, such as a new line', () => {
    const drafts = new DraftStore(storage);
    drafts.open('agent-a');
    drafts.set('chat-1', 'Line one\n');
    expect(drafts.get('chat-1')).toBe('Line one\n');
  });

  it('does not show one agent’s drafts to another agent on the same computer', () => {
    const first = new DraftStore(storage);
    first.open('agent-a');
    first.set('chat-1', 'private');
    first.close();
    const second = new DraftStore(storage);
    second.open('agent-b');
    expect(second.get('chat-1')).toBe('');
  });

  it('survives a corrupted stored value', () => {
    storage.setItem('causette.console.drafts.agent-a', '{not json');
    const drafts = new DraftStore(storage);
    drafts.open('agent-a');
    expect(drafts.get('chat-1')).toBe('');
  });
});
