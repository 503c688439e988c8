import type { Attachment } from '@causette/shared';
import { ApiError } from './http.js';

export interface Upload {
  done: Promise<Attachment>;
  cancel(): void;
}

/**
 * Uploads `file` into a conversation (POST /api/files?conversationId=…) as the raw body, by XMLHttpRequest for its
 * upload progress. Rejects with an ApiError: 413 carries the limit in `X-Causette-Max-Bytes`, 415 a refused type,
 * `aborted` a cancel.
 */
export function uploadFile(conversationId: string, file: File, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', `/api/files?conversationId=${encodeURIComponent(conversationId)}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name || 'file'));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { attachment?: Attachment; error?: { code?: string; message?: string } } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page
      }
      if (xhr.status === 200 && body?.attachment) return resolve(body.attachment);
      const error = new ApiError(xhr.status, body?.error?.code ?? 'internal', body?.error?.message ?? xhr.statusText);
      reject(Object.assign(error, { limit: Number(xhr.getResponseHeader('x-causette-max-bytes')) || null }));
    };
    xhr.onerror = () => reject(new ApiError(0, 'unavailable', 'The server cannot be reached.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Cancelled.'));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}
