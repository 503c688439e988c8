import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentTyping, conversation, visitorRead } from '../../state/conversation';
import { messages } from '../../state/messages';
import { open, setOpen } from '../../state/panel';
import { connection, site } from '../../state/session';
import { loadPanel } from '../lazy';
import { App } from './App';

let root: HTMLElement;
const $ = (part: string) => root.querySelector<HTMLElement>(`[data-part=${part}]`);
const $$ = (part: string) => [...root.querySelectorAll<HTMLElement>(`[data-part=${part}]`)];

// The panel is its own chunk, fetched on the first open; here it is fetched once, before the tests.
beforeAll(async () => {
  await loadPanel();
});

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  messages.value = [];
  conversation.value = null;
  visitorRead.value = null;
  agentTyping.value = null;
  open.value = false;
  connection.value = 'online';
  site.value = { name: 'Maison', settings: { requireConsent: false, greeting: 'Hi! How can we help?', color: '#4f46e5' } };
  act(() => render(<App />, root));
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const agentMessage = (seq: number, body: string) => ({
  clientId: `agent-${seq}`,
  seq,
  conversationId: 'conv-1',
  author: 'agent' as const,
  body,
  createdAt: Date.now(),
});

describe('the widget', () => {
  it('shows nothing until the server has named the site', () => {
    act(() => {
      site.value = null;
    });
    expect(root.innerHTML).toBe('');
  });

  it('opens from the launcher, focuses the composer and greets the visitor', () => {
    expect($('launcher')!.getAttribute('aria-label')).toBe('Open chat');
    expect($('panel')).toBeNull();
    act(() => $('launcher')!.click());
    expect($('panel')!.getAttribute('role')).toBe('dialog');
    expect($('launcher')!.getAttribute('aria-label')).toBe('Close chat');
    expect(document.activeElement).toBe($('input'));
    expect($('greeting')!.textContent).toBe('Hi! How can we help?');
  });

  it('sends on Enter, keeps Shift+Enter for a new line, and shows the message as pending', () => {
    act(() => setOpen(true));
    const input = $('input') as HTMLTextAreaElement;
    act(() => {
      input.value = 'Hello\nthere';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true })));
    expect($$('message')).toHaveLength(0);
    act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    const [sent] = $$('message');
    expect(sent!.dataset.author).toBe('visitor');
    expect(sent!.dataset.clientId).toBeTruthy();
    expect(sent!.hasAttribute('data-seq')).toBe(false);
    expect(sent!.dataset.state).toBe('pending');
    expect(sent!.querySelector('[data-part=body]')!.textContent).toBe('Hello\nthere');
    expect(input.value).toBe('');
    expect($('greeting')).toBeNull();
  });

  it('renders message bodies as text, never as markup', () => {
    act(() => {
      conversation.value = { id: 'conv-1', status: 'open', agent: null, lastSeq: 1, agentReadSeq: 0, agentDeliveredSeq: 0, rating: null, visitorReadSeq: 0, queue: null, createdAt: 1 };
      messages.value = [agentMessage(1, '<img src=x onerror="alert(1)"><b>bold</b>')];
      setOpen(true);
    });
    const body = $('body')!;
    expect(body.textContent).toBe('<img src=x onerror="alert(1)"><b>bold</b>');
    expect(body.querySelector('img, b')).toBeNull();
  });

  it('tells a waiting visitor their place in line and the expected wait, and hides it once an agent has the chat', () => {
    act(() => {
      conversation.value = { id: 'conv-1', status: 'open', agent: null, lastSeq: 1, agentReadSeq: 0, agentDeliveredSeq: 0, rating: null, visitorReadSeq: 0, queue: { position: 2, waitSeconds: 150 }, createdAt: 1 };
      setOpen(true);
    });
    expect($('queue')!.textContent).toBe('You are number 2 in line · ~3 min');
    act(() => {
      conversation.value = { ...conversation.value!, agent: { id: 'agent-1', name: 'Ana', avatarUrl: null }, queue: null };
    });
    expect($('queue')).toBeNull();
  });

  it('counts unread agent messages on the launcher while closed, and clears the count when read', () => {
    act(() => {
      conversation.value = { id: 'conv-1', status: 'open', agent: null, lastSeq: 2, agentReadSeq: 0, agentDeliveredSeq: 0, rating: null, visitorReadSeq: 0, queue: null, createdAt: 1 };
      messages.value = [agentMessage(1, 'Hello'), agentMessage(2, 'Still there?')];
    });
    expect($('badge')!.textContent).toBe('2');
    act(() => {
      visitorRead.value = { c: 'conv-1', s: 2 };
    });
    expect($('badge')).toBeNull();
  });

  it('closes on Escape and gives focus back to the launcher', () => {
    act(() => $('launcher')!.click());
    act(() => void $('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect($('panel')).toBeNull();
    expect(document.activeElement).toBe($('launcher'));
  });

  it("shows the agent's name, read ticks, the typing line and the end of the chat", () => {
    act(() => {
      conversation.value = {
        id: 'conv-1',
        status: 'open',
        agent: { id: 'agent-1', name: 'Anna', avatarUrl: null },
        lastSeq: 2,
        agentReadSeq: 1, agentDeliveredSeq: 0, rating: null,
        visitorReadSeq: 0,
        queue: null,
        createdAt: 1,
      };
      messages.value = [
        { ...agentMessage(1, 'Mine, read'), author: 'visitor', clientId: 'v1' },
        { ...agentMessage(2, 'Mine, not read yet'), author: 'visitor', clientId: 'v2' },
      ];
      setOpen(true);
    });
    expect($('agent-name')!.textContent).toBe('Anna');
    // Isolated: an agent's name cannot reorder the header around it.
    expect($('agent-name')!.querySelector('bdi')!.textContent).toBe('Anna');
    expect($('typing')).toBeNull();
    act(() => {
      agentTyping.value = '';
    });
    expect($('typing')!.textContent).toBe('\u2068Anna\u2069 is typing…');
    expect($$('message').map((m) => m.dataset.state)).toEqual(['read', 'sent']);
    expect($('ended')).toBeNull();
    act(() => {
      conversation.value = { ...conversation.value!, status: 'resolved' };
    });
    expect($('ended')!.textContent).toBe('Chat ended');
  });

  it('tells the visitor when the connection is lost', () => {
    act(() => setOpen(true));
    expect($('connection')).toBeNull();
    act(() => {
      connection.value = 'offline';
    });
    expect($('connection')!.textContent).toMatch(/Reconnecting/);
  });
});
