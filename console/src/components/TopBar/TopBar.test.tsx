import type { Agent } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authState, currentAgent } from '../../state/session.js';
import { TopBar } from './TopBar.js';

const agent = (role: Agent['role']) => ({ id: 'agent0000001', name: 'Ana', role, status: 'offline' }) as Agent;

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  currentAgent.value = null;
  authState.value = 'checking';
});

const tabs = async (role: Agent['role']) => {
  await act(() => {
    currentAgent.value = agent(role);
    authState.value = 'authenticated';
    render(<TopBar />, root);
  });
  return [...root.querySelectorAll('nav [data-test^=nav-]')].map((a) => a.getAttribute('data-test')!.slice(4));
};

describe('the console shows each role the screens the permission table gives it', () => {
  it.each([
    ['agent', ['inbox', 'visitors', 'triggers']],
    ['supervisor', ['inbox', 'visitors', 'triggers', 'supervisor', 'reports']],
    ['admin', ['inbox', 'visitors', 'triggers', 'supervisor', 'reports', 'settings', 'audit']],
    // A marketer has no inbox: no tabs at all, the triggers are their whole console.
    ['marketer', []],
  ] as const)('%s: %j', async (role, expected) => {
    expect(await tabs(role)).toEqual(expected);
    // Every role reaches its own account (two-factor, sign-ins) from its name.
    expect(root.querySelector('[data-test=nav-account]')).not.toBeNull();
  });
});
