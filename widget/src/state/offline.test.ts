import type { VisitorConversation } from '@causette/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { conversation } from './conversation';
import { messages, queueText } from './messages';
import { leaveError, leaveForm, leftEmail, showLeaveForm, submitLeave, type LeaveInput, type LeaveReply } from './offline';
import { agentsOnline } from './session';

const conv = (status: VisitorConversation['status']): VisitorConversation => ({
  id: 'conv-1',
  status,
  agent: null,
  lastSeq: 1,
  agentReadSeq: 0, agentDeliveredSeq: 0, rating: null,
  visitorReadSeq: 0,
  queue: null,
  createdAt: 1,
});

/** The server's answer when it stored the message: a pending conversation holding it. */
const stored = (input: LeaveInput, duplicate = false): LeaveReply => ({
  ok: true,
  message: { id: 'msg-1', clientId: input.clientId, seq: 1, conversationId: 'conv-1', author: 'visitor', authorId: null, authorName: null, kind: 'text', body: input.body, createdAt: 5 },
  conversation: conv('pending'),
  duplicate,
});

/** A server that records what it is given and stores it, or answers what the test says. */
function fakeServer(answer: (input: LeaveInput) => LeaveReply | undefined = (input) => stored(input)) {
  const received: LeaveInput[] = [];
  const send = async (input: LeaveInput) => {
    received.push(input);
    return answer(input);
  };
  return { send, received };
}

beforeEach(() => {
  agentsOnline.value = false;
  conversation.value = null;
  messages.value = [];
  leaveForm.value = { email: '', name: '', body: '' };
  leaveError.value = '';
  leftEmail.value = '';
});

describe('when the form shows', () => {
  it('shows when no agent is online and the visitor has nothing under way', () => {
    expect(showLeaveForm.value).toBe(true);
    conversation.value = conv('resolved');
    expect(showLeaveForm.value).toBe(true);
  });

  it('not for a visitor with an open or pending conversation, or with messages still to send', () => {
    conversation.value = conv('pending');
    expect(showLeaveForm.value).toBe(false);
    conversation.value = conv('open');
    expect(showLeaveForm.value).toBe(false);
    conversation.value = null;
    queueText('Written before the server said no one is online');
    expect(showLeaveForm.value).toBe(false);
  });

  it('gives way to the composer when an agent comes online, unless the visitor has started filling it in', () => {
    agentsOnline.value = true;
    expect(showLeaveForm.value).toBe(false);
    agentsOnline.value = false;
    leaveForm.value = { ...leaveForm.value, body: 'Half a question' };
    agentsOnline.value = true;
    expect(showLeaveForm.value).toBe(true);
  });
});

describe('leaving a message', () => {
  it('refuses a missing or malformed email and an empty message, without sending', async () => {
    const server = fakeServer();
    leaveForm.value = { email: 'not-an-address', name: '', body: 'Hello' };
    await submitLeave(server.send);
    expect(leaveError.value).toBe('Please enter a valid email address.');
    leaveForm.value = { email: 'ana@example.com', name: '', body: '   ' };
    await submitLeave(server.send);
    expect(leaveError.value).toBe('Please write a message.');
    expect(server.received).toEqual([]);
  });

  it('sends the trimmed fields, leaves out an empty name, and shows the message as a pending conversation', async () => {
    const server = fakeServer();
    leaveForm.value = { email: ' ana@example.com ', name: '  ', body: ' Do you ship to Canada? ' };
    await submitLeave(server.send);
    expect(server.received).toEqual([{ clientId: expect.any(String), email: 'ana@example.com', body: 'Do you ship to Canada?' }]);
    expect(leftEmail.value).toBe('ana@example.com');
    expect(conversation.value?.status).toBe('pending');
    expect(messages.value.map((m) => m.body)).toEqual(['Do you ship to Canada?']);
    expect(leaveForm.value).toEqual({ email: '', name: '', body: '' });
    expect(leaveError.value).toBe('');
    expect(showLeaveForm.value).toBe(false);
  });

  it("shows the server's error, keeps what was typed, and retries as the same message", async () => {
    let refuse = true;
    const server = fakeServer((input) =>
      refuse ? { ok: false, error: { code: 'rate_limited', message: 'Too many messages. Try again in a minute.' } } : stored(input),
    );
    const typed = { email: 'ana@example.com', name: 'Ana', body: 'Hello' };
    leaveForm.value = typed;
    await submitLeave(server.send);
    expect(leaveError.value).toBe('Too many messages. Try again in a minute.');
    expect(leaveForm.value).toEqual(typed);
    expect(leftEmail.value).toBe('');
    refuse = false;
    await submitLeave(server.send);
    expect(server.received[1]!.clientId).toBe(server.received[0]!.clientId);
    expect(server.received[1]).toMatchObject({ name: 'Ana' });
    expect(leftEmail.value).toBe('ana@example.com');
  });

  it('says so when the server does not answer, and keeps the form', async () => {
    leaveForm.value = { email: 'ana@example.com', name: '', body: 'Hello' };
    await submitLeave(async () => undefined);
    expect(leaveError.value).toBe('Your message could not be sent. Please try again.');
    expect(showLeaveForm.value).toBe(true);
  });
});
