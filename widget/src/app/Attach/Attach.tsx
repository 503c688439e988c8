import { signal } from '@preact/signals-core';
import { useRef } from 'preact/hooks';
import type { JSX } from 'preact';
import { formatNumber } from '../../i18n';
import { ta } from '../../i18n/attach';
import { addMessages, newClientId } from '../../state/messages';
import { site, token } from '../../state/session';
import { endpoint } from '../../transport/socket';
import { reactive } from '../reactive';
import { icon } from '../icons';
import { upload, type UploadFailure } from './upload';
import { formatSize } from '../AttachmentView/AttachmentView';

interface Sending {
  key: number;
  name: string;
  /** 0 to 100. */
  percent: number;
  cancel(): void;
}

/** Files being sent now, and the last error (shown until the next file or dismissed). */
export const sending = signal<Sending[]>([]);
export const attachError = signal('');
/** A file is dragged over the panel: the drop hint shows. */
export const dragging = signal(false);
let keys = 0;

/** Whether this site takes files from visitors (the setting's default is yes). */
export const attachmentsOn = () => site.value?.settings.attachments !== false;

function message(f: UploadFailure): string {
  if (f.reason === 'tooLarge') return f.limit ? ta('tooLarge', formatSize(f.limit)) : ta('tooLargeNoLimit');
  return f.reason === 'badType' ? ta('badType') : f.reason === 'failed' ? ta('uploadFailed') : '';
}

/** Uploads each file, with progress and a cancel; each one that arrives goes out as a message named after it. */
export function sendFiles(files: Iterable<File>): void {
  if (!attachmentsOn()) return;
  for (const file of files) {
    const key = ++keys;
    const name = file.name || 'image';
    attachError.value = '';
    const update = (patch: Partial<Sending>) => (sending.value = sending.value.map((s) => (s.key === key ? { ...s, ...patch } : s)));
    const u = upload(file, { base: endpoint.base, site: endpoint.site, token: token.peek() ?? '' }, (fraction) => update({ percent: Math.round(fraction * 100) }));
    sending.value = [...sending.value, { key, name, percent: 0, cancel: u.cancel }];
    u.done.then(
      (attachment) => addMessages([{ clientId: newClientId(), body: attachment.name, author: 'visitor', createdAt: Date.now(), attachmentId: attachment.id, attachment }]),
      (f: UploadFailure) => (attachError.value = message(f)),
    ).finally(() => (sending.value = sending.value.filter((s) => s.key !== key)));
  }
}

/** Images pasted into the composer are sent as files (text pastes as usual). */
export function onPaste(e: ClipboardEvent): void {
  const files = Array.from(e.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/'));
  if (!files.length || !attachmentsOn()) return;
  e.preventDefault();
  sendFiles(files);
}

const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
let depth = 0;
/** Spread on the panel: files dropped anywhere on it are sent; while dragging, the hint shows. */
export const dropTarget: JSX.HTMLAttributes<HTMLDivElement> = {
  onDragEnter: (e) => {
    if (!hasFiles(e) || !attachmentsOn()) return;
    depth++;
    dragging.value = true;
  },
  onDragOver: (e) => {
    if (hasFiles(e) && attachmentsOn()) e.preventDefault();
  },
  onDragLeave: () => {
    if (depth && !--depth) dragging.value = false;
  },
  onDrop: (e) => {
    depth = 0;
    dragging.value = false;
    if (!hasFiles(e) || !attachmentsOn()) return;
    e.preventDefault();
    sendFiles(e.dataTransfer!.files);
  },
};

const clipIcon = icon(
  'M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z',
);

/** The composer's paperclip: a real button (keyboard, screen readers) that opens the hidden file input. */
export const AttachButton = reactive(function AttachButton() {
  const input = useRef<HTMLInputElement>(null);
  if (!attachmentsOn()) return null;
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        data-part="file-input"
        accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,.txt,.csv"
        onChange={(e) => {
          const el = e.currentTarget;
          sendFiles(Array.from(el.files ?? []));
          el.value = '';
        }}
      />
      <button type="button" data-part="attach" aria-label={ta('attach')} title={ta('attach')} onClick={() => input.current!.click()}>
        {clipIcon}
      </button>
    </>
  );
});

/** Above the composer: each file on its way (progress bar, cancel), and the last error. */
export const AttachStatus = reactive(function AttachStatus() {
  const error = attachError.value;
  return (
    <>
      {sending.value.map((s) => (
        <div class="up" data-part="upload" key={s.key}>
          <span class="un">{s.name}</span>
          <div
            class="pb"
            role="progressbar"
            aria-label={ta('uploading', s.name)}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={s.percent}
            aria-valuetext={formatNumber(s.percent / 100, { style: 'percent' })}
          >
            <span style={{ width: `${s.percent}%` }} />
          </div>
          <button type="button" data-part="upload-cancel" aria-label={ta('cancelUpload', s.name)} onClick={s.cancel}>
            ×
          </button>
        </div>
      ))}
      {error && (
        <p class="er ue" role="alert" data-part="upload-error">
          {error}{' '}
          <button type="button" onClick={() => (attachError.value = '')}>
            {ta('dismissError')}
          </button>
        </p>
      )}
    </>
  );
});

/** Over the panel while a file is dragged on it. */
export const DropHint = reactive(function DropHint() {
  return dragging.value ? (
    <div class="dh" data-part="drop-hint" aria-hidden="true">
      <p>{ta('dropHere')}</p>
    </div>
  ) : null;
});

export const attachCss = `[data-part=attach]{background:none;color:inherit;padding:4px;width:auto}
[data-part=attach] svg{width:20px;height:20px;fill:currentColor}
.up{display:flex;align-items:center;gap:8px;padding:4px 14px;font-size:12px}
.un{flex:0 1 40%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.pb{flex:1;height:6px;border-radius:3px;background:var(--bd);overflow:hidden}
.pb span{display:block;height:100%;background:var(--c)}
.up button{background:none;color:inherit;padding:0 4px;width:auto;font-size:16px}
.ue{padding:4px 14px}
.ue button{background:none;color:inherit;text-decoration:underline;padding:0;width:auto;font-size:12px}
.dh{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;background:rgba(255,255,255,.92);border:2px dashed var(--c);border-radius:inherit;z-index:2;pointer-events:none}
.dh p{font-weight:600}
.ai{display:block;margin:2px 0}
.ai img{display:block;max-width:100%;height:auto;border-radius:8px}
.fc{display:flex;align-items:center;gap:8px;color:inherit;text-decoration:none;padding:4px 0}
.fc svg{width:28px;height:28px;flex:none;fill:currentColor}
.fc span{display:flex;flex-direction:column;min-width:0}
.fc b{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-decoration:underline}
.fc small{opacity:.8}`;
