import type { Attachment } from '@causette/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { message, summary } from '../../testing/fixtures.js';
import { drafts } from '../../state/drafts.js';

vi.mock('../../state/realtime.js', () => ({ sendMessage: vi.fn(), agentTyping: vi.fn(), stopTyping: vi.fn() }));
const realtime = await import('../../state/realtime.js');
const { Composer } = await import('../Composer/Composer.js');
const { MessageItem } = await import('../MessageItem/MessageItem.js');
const { attachErrors, sending } = await import('./Attach.js');

/** XMLHttpRequest as the server answers it: the test sees the request and gives the answer. */
class ServerXhr {
  static last: ServerXhr;
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
  onload?: () => void;
  onerror?: () => void;
  onabort?: () => void;
  constructor() {
    ServerXhr.last = this;
  }
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
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

const chat = summary({ id: 'chatAAAAAAAA', assigneeId: 'agent0000001' });
const pdf: Attachment = { id: 'att-pdf-12345', name: 'Invoice 42.pdf', size: 48_213, contentType: 'application/pdf', url: '/files/att-pdf-12345', width: null, height: null };
const photo: Attachment = { id: 'att-img-12345', name: 'dent.jpg', size: 2_400_000, contentType: 'image/jpeg', url: '/files/att-img-12345', width: 800, height: 600 };
let root: HTMLElement;
const $ = (selector: string) => root.querySelector<HTMLElement>(selector);
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

function choose(file: File) {
  const input = $('[data-test=file-input]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
}

beforeEach(() => {
  vi.stubGlobal('XMLHttpRequest', ServerXhr);
  vi.mocked(realtime.sendMessage).mockClear();
  localStorage.clear();
  drafts.open('agent0000001');
  sending.value = {};
  attachErrors.value = {};
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
});

describe('attaching in the composer', () => {
  it('uploads into the conversation with progress, then sends the file as a message and keeps the draft', async () => {
    act(() => render(<Composer conversation={chat} />, root));
    expect($('[data-test=attach]')!.getAttribute('aria-label')).toBe('Attach a file');
    const file = new File(['%PDF-1.4'], 'Invoice 42.pdf', { type: 'application/pdf' });
    choose(file);
    const xhr = ServerXhr.last;
    expect(xhr.url).toBe('/api/files?conversationId=chatAAAAAAAA');
    expect(xhr.headers['x-file-name']).toBe('Invoice%2042.pdf');
    expect(xhr.body).toBe(file);
    act(() => xhr.upload.onprogress!({ lengthComputable: true, loaded: 3, total: 4 }));
    const bar = $('progress')!;
    expect(bar.getAttribute('value')).toBe('75');
    expect(bar.getAttribute('aria-label')).toBe('Sending Invoice 42.pdf');
    xhr.answer(200, { attachment: pdf });
    await settle();
    expect(realtime.sendMessage).toHaveBeenCalledWith('chatAAAAAAAA', 'Invoice 42.pdf', 'text', pdf);
    expect($('[data-test=upload]')).toBeNull();
  });

  it('says the limit when the server finds the file too large', async () => {
    act(() => render(<Composer conversation={chat} />, root));
    choose(new File(['x'], 'scan.pdf', { type: 'application/pdf' }));
    ServerXhr.last.answer(413, { error: { code: 'payload_too_large', message: 'The file is larger than the limit of 10 MB.' } }, { 'x-causette-max-bytes': '10000000' });
    await settle();
    expect($('[data-test=upload-error]')!.textContent).toContain('scan.pdf is too large: the limit is 10 MB.');
    expect(realtime.sendMessage).not.toHaveBeenCalled();
  });

  it('says which files can be sent when the server refuses the content', async () => {
    act(() => render(<Composer conversation={chat} />, root));
    choose(new File(['MZ'], 'setup.pdf', { type: 'application/pdf' }));
    ServerXhr.last.answer(415, { error: { code: 'unsupported_media_type', message: '…' } });
    await settle();
    expect($('[data-test=upload-error]')!.getAttribute('role')).toBe('alert');
    expect($('[data-test=upload-error]')!.textContent).toContain('setup.pdf cannot be sent: images (PNG, JPEG, GIF, WebP), PDF and text files can.');
  });

  it('offers no file button on an internal note', () => {
    act(() => render(<Composer conversation={chat} />, root));
    act(() => ($('[data-test=note-toggle]') as HTMLInputElement).click());
    expect($('[data-test=attach]')).toBeNull();
  });
});

describe('files in the thread', () => {
  it('shows an image as a preview of its size that opens full size in a new tab', () => {
    const m = message({ seq: 3, author: 'visitor', kind: 'attachment', body: photo.name, attachment: photo });
    act(() => render(<MessageItem message={m} visitorReadSeq={0} agentId="agent0000001" />, root));
    const link = $('[data-test=attachment-image]') as HTMLAnchorElement;
    expect([link.getAttribute('href'), link.target, link.rel]).toEqual(['/files/att-img-12345', '_blank', 'noopener noreferrer']);
    const img = link.querySelector('img')!;
    expect([img.getAttribute('width'), img.getAttribute('height'), img.alt]).toEqual(['800', '600', 'dent.jpg']);
  });

  it('shows any other file as a download card with its name and size', () => {
    const m = message({ seq: 4, author: 'agent', authorId: 'agent0000001', kind: 'attachment', body: pdf.name, attachment: pdf });
    act(() => render(<MessageItem message={m} visitorReadSeq={0} agentId="agent0000001" />, root));
    const card = $('[data-test=attachment-file]') as HTMLAnchorElement;
    expect(card.hasAttribute('download')).toBe(true);
    expect(card.textContent).toContain('Invoice 42.pdf');
    expect(card.textContent).toContain('48.2 kB');
  });
});
