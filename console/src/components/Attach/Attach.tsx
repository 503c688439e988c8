import { signal } from '@preact/signals';
import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../api/http.js';
import { uploadFile } from '../../api/files.js';
import { t } from '../../i18n/i18n.js';
import { sendMessage } from '../../state/realtime.js';
import { formatSize } from '../AttachmentView/AttachmentView.js';
import './Attach.css';

interface Sending {
  key: number;
  name: string;
  percent: number;
  cancel(): void;
}

/** Per conversation: the files on their way, and the last error. */
export const sending = signal<Readonly<Record<string, readonly Sending[]>>>({});
export const attachErrors = signal<Readonly<Record<string, string>>>({});
let keys = 0;

const setError = (conversationId: string, message: string) => (attachErrors.value = { ...attachErrors.value, [conversationId]: message });
const updateSending = (conversationId: string, change: (list: readonly Sending[]) => readonly Sending[]) =>
  (sending.value = { ...sending.value, [conversationId]: change(sending.value[conversationId] ?? []) });

function describe(name: string, err: ApiError & { limit?: number | null }): string {
  if (err.status === 413) return t('attach.tooLarge', { name, limit: err.limit ? formatSize(err.limit) : err.message });
  if (err.status === 415) return t('attach.badType', { name });
  return t('attach.failed', { name, message: err.message });
}

/** Uploads each file into the conversation (progress, cancel), then sends it as a message named after it. */
export function sendFiles(conversationId: string, files: Iterable<File>): void {
  for (const file of files) {
    const key = ++keys;
    setError(conversationId, '');
    const upload = uploadFile(conversationId, file, (fraction) =>
      updateSending(conversationId, (list) => list.map((s) => (s.key === key ? { ...s, percent: Math.round(fraction * 100) } : s))),
    );
    updateSending(conversationId, (list) => [...list, { key, name: file.name, percent: 0, cancel: upload.cancel }]);
    upload.done
      .then(
        (attachment) => sendMessage(conversationId, attachment.name, 'text', attachment),
        (err: ApiError) => err.code !== 'aborted' && setError(conversationId, describe(file.name, err)),
      )
      .finally(() => updateSending(conversationId, (list) => list.filter((s) => s.key !== key)));
  }
}

/** Images pasted into the composer are sent as files; text pastes as usual. */
export function pasteFiles(conversationId: string, event: ClipboardEvent): void {
  const files = Array.from(event.clipboardData?.files ?? []);
  if (!files.length) return;
  event.preventDefault();
  sendFiles(conversationId, files);
}

/** Drag-and-drop of files onto an element: its handlers, and whether files are over it now (for the hint). */
export function useFileDrop(conversationId: string) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
  return {
    dragging,
    handlers: {
      onDragEnter: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        depth.current++;
        setDragging(true);
      },
      onDragOver: (e: DragEvent) => {
        if (hasFiles(e)) e.preventDefault();
      },
      onDragLeave: () => {
        if (depth.current && !--depth.current) setDragging(false);
      },
      onDrop: (e: DragEvent) => {
        depth.current = 0;
        setDragging(false);
        if (!hasFiles(e)) return;
        e.preventDefault();
        sendFiles(conversationId, Array.from(e.dataTransfer!.files));
      },
    },
  };
}

/** The paperclip: a button that opens a hidden file input. */
export function AttachButton({ conversationId, disabled }: { conversationId: string; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-test="file-input"
        accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,.txt,.csv"
        onChange={(e) => {
          const el = e.currentTarget;
          sendFiles(conversationId, Array.from(el.files ?? []));
          el.value = '';
        }}
      />
      <button type="button" class="button attach__button" data-test="attach" aria-label={t('attach.button')} title={t('attach.button')} disabled={disabled} onClick={() => input.current!.click()}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z" />
        </svg>
      </button>
    </>
  );
}

/** Each file on its way (name, progress bar, cancel) and the last error, above the composer's text. */
export function UploadStatus({ conversationId }: { conversationId: string }) {
  const list = sending.value[conversationId] ?? [];
  const error = attachErrors.value[conversationId];
  if (!list.length && !error) return null;
  return (
    <div class="attach__status">
      {list.map((s) => (
        <div class="attach__upload" data-test="upload" key={s.key}>
          <span class="attach__name">{s.name}</span>
          <progress class="attach__progress" max={100} value={s.percent} aria-label={t('attach.uploading', { name: s.name })} />
          <button type="button" class="link-button" data-test="upload-cancel" aria-label={t('attach.cancel', { name: s.name })} onClick={s.cancel}>
            ×
          </button>
        </div>
      ))}
      {error && (
        <p class="attach__error" role="alert" data-test="upload-error">
          {error}{' '}
          <button type="button" class="link-button" onClick={() => setError(conversationId, '')}>
            {t('attach.dismiss')}
          </button>
        </p>
      )}
    </div>
  );
}

export function DropHint() {
  return (
    <div class="attach__drop" data-test="drop-hint" aria-hidden="true">
      {t('attach.drop')}
    </div>
  );
}
