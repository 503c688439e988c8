import type { Attachment } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { conversation } from '../../state/conversation';
import { messages, outbox } from '../../state/messages';
import { open, setOpen } from '../../state/panel';
import { agentsOnline, connection, site, token } from '../../state/session';
import { loadPanel } from '../lazy';
import { App } from '../App/App';
import { attachError, sending } from './Attach';

vi.mock('../../transport/socket', () => ({
  endpoint: { base: 'https://chat.example', site: 'shop-key' },
  sendTyping: vi.fn(),
  wake: vi.fn(),
  forgetVisitor: vi.fn(),
  leaveMessage: vi.fn(),
}));

/** The browser's XMLHttpRequest as the server answers it: the requests the widget made, answered by the test. */
class ServerXhr {
  static last: ServerXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  constructor() {
    ServerXhr.last = this;
  }
  open(method: string, url: string) {
    [this.method, this.url] = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: unknown, headers: Record<string, string> = {}) {
    [this.status, this.responseText, this.responseHeaders] = [status, JSON.stringify(body), headers];
    this.onload?.();
  }
}

let root: HTMLElement;
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));
const photo: Attachment = { id: 'att-photo-1234', name: 'dent.png', size: 48_213, contentType: 'image/png', url: '/files/att-photo-1234', width: 640, height: 480 };
const invoice: Attachment = { id: 'att-pdf-12345', name: 'Facture 42.pdf', size: 1_234_567, contentType: 'application/pdf', url: '/files/att-pdf-12345', width: null, height: null };

function choose(file: File) {
  const input = $<HTMLInputElement>('[data-part=file-input]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
}

beforeAll(async () => {
  await loadPanel();
});
beforeEach(() => {
  vi.stubGlobal('XMLHttpRequest', ServerXhr);
  root = document.createElement('div');
  document.body.append(root);
  messages.value = [];
  sending.value = [];
  attachError.value = '';
  conversation.value = null;
  agentsOnline.value = true;
  connection.value = 'online';
  token.value = 'v1.visitor.site.sig';
  open.value = false;
  site.value = { name: 'Maison', settings: { requireConsent: false, greeting: 'Hi!', color: '#4f46e5' } };
  act(() => render(<App />, root));
  act(() => setOpen(true));
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

describe('sending a file', () => {
  it('uploads the chosen file to the server with the visitor token, shows its progress, then queues it as a message', async () => {
    const button = $<HTMLButtonElement>('[data-part=attach]')!;
    expect(button.getAttribute('aria-label')).toBe('Attach a file');
    expect(button.type).toBe('button');
    const file = new File([new Uint8Array(100)], 'dent.png', { type: 'image/png' });
    choose(file);
    const xhr = ServerXhr.last;
    expect([xhr.method, xhr.url]).toEqual(['POST', 'https://chat.example/files/visitor?site=shop-key']);
    expect(xhr.headers).toMatchObject({ authorization: 'Bearer v1.visitor.site.sig', 'x-file-name': 'dent.png', 'content-type': 'image/png' });
    expect(xhr.body).toBe(file);

    act(() => xhr.upload.onprogress!({ lengthComputable: true, loaded: 50, total: 100 }));
    const bar = $('[role=progressbar]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(bar.getAttribute('aria-label')).toBe('Sending dent.png');

    xhr.answer(200, { attachment: photo });
    await settle();
    expect($('[role=progressbar]')).toBeNull();
    expect(outbox.value).toEqual([expect.objectContaining({ body: 'dent.png', attachmentId: photo.id, attachment: photo, author: 'visitor' })]);
    const img = $<HTMLImageElement>('[data-part=attachment-image] img')!;
    expect(img.getAttribute('src')).toBe('https://chat.example/files/att-photo-1234');
    expect([img.getAttribute('width'), img.getAttribute('height'), img.alt]).toEqual(['640', '480', 'dent.png']);
  });

  it('says the limit when the file is too large, in the visitor’s words', async () => {
    choose(new File([new Uint8Array(10)], 'huge.pdf', { type: 'application/pdf' }));
    ServerXhr.last.answer(413, { error: { code: 'payload_too_large', message: 'The file is larger than the limit of 10 MB.' } }, { 'x-causette-max-bytes': '10000000' });
    await settle();
    expect($('[data-part=upload-error]')!.getAttribute('role')).toBe('alert');
    expect($('[data-part=upload-error]')!.textContent).toContain('This file is too large: the limit is 10 MB.');
    expect(outbox.value).toEqual([]);
  });

  it('says which files can be sent when the server refuses the content', async () => {
    choose(new File(['MZ'], 'setup.png', { type: 'image/png' }));
    ServerXhr.last.answer(415, { error: { code: 'unsupported_media_type', message: '…' } });
    await settle();
    expect($('[data-part=upload-error]')!.textContent).toContain('This kind of file cannot be sent. Images (PNG, JPEG, GIF, WebP), PDF and text files can.');
  });

  it('cancels an upload on the way', async () => {
    choose(new File([new Uint8Array(10)], 'a.png', { type: 'image/png' }));
    act(() => $<HTMLButtonElement>('[data-part=upload-cancel]')!.click());
    await settle();
    expect($('[data-part=upload]')).toBeNull();
    expect($('[data-part=upload-error]')).toBeNull();
    expect(outbox.value).toEqual([]);
  });

  it('offers no paperclip where the site takes no files', () => {
    act(() => void (site.value = { name: 'Maison', settings: { requireConsent: false, greeting: 'Hi!', color: '#4f46e5', attachments: false } }));
    expect($('[data-part=attach]')).toBeNull();
    expect($('[data-part=file-input]')).toBeNull();
  });
});

describe('files in the conversation', () => {
  beforeEach(() => {
    act(() => void (conversation.value = { id: 'k', status: 'open', agent: { id: 'a', name: 'Sam', avatarUrl: null }, lastSeq: 1, agentReadSeq: 0, agentDeliveredSeq: 0, visitorReadSeq: 0, rating: null, queue: null, createdAt: 1 }));
  });
  it('shows an agent’s PDF as a download card with its name and size', () => {
    act(() => void (messages.value = [{ clientId: 'c-1', seq: 1, conversationId: 'k', author: 'agent', authorName: 'Sam', body: invoice.name, createdAt: 1, attachment: invoice }]));
    const card = $<HTMLAnchorElement>('[data-part=attachment-file]')!;
    expect(card.getAttribute('href')).toBe('https://chat.example/files/att-pdf-12345');
    expect(card.hasAttribute('download')).toBe(true);
    expect(card.textContent).toContain('Facture 42.pdf');
    expect(card.textContent).toContain('1.2 MB');
    expect($('[data-part=attachment-image]')).toBeNull();
  });

  it('opens an image full size in a new tab, without giving the tab a handle on the page', () => {
    act(() => void (messages.value = [{ clientId: 'c-2', seq: 1, conversationId: 'k', author: 'agent', authorName: 'Sam', body: photo.name, createdAt: 1, attachment: photo }]));
    const link = $<HTMLAnchorElement>('[data-part=attachment-image]')!;
    expect([link.target, link.rel]).toEqual(['_blank', 'noopener']);
  });
});
