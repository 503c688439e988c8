import type { Attachment } from '@causette/shared';

/** Why an upload did not give an attachment: too large (with the server's limit when it said), refused type, anything else. */
export type UploadFailure = { reason: 'tooLarge'; limit: number | null } | { reason: 'badType' } | { reason: 'failed' } | { reason: 'cancelled' };

export interface Upload {
  done: Promise<Attachment>;
  cancel(): void;
}

/**
 * Sends `file` as the raw body of a POST (XMLHttpRequest, whose upload events give progress; fetch has none) to
 * `${base}/files/visitor?site=…`, with the visitor's token. Rejects with an UploadFailure.
 */
export function upload(file: Blob & { name?: string }, to: { base: string; site: string; token: string }, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', `${to.base}/files/visitor?site=${encodeURIComponent(to.site)}`);
    xhr.setRequestHeader('Authorization', `Bearer ${to.token}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name || 'file'));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { attachment?: Attachment } | undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's page
      }
      if (xhr.status === 200 && body?.attachment) return resolve(body.attachment);
      const limit = Number(xhr.getResponseHeader('X-Causette-Max-Bytes')) || null;
      reject(xhr.status === 413 ? { reason: 'tooLarge', limit } : xhr.status === 415 ? { reason: 'badType' } : { reason: 'failed' });
    };
    xhr.onerror = () => reject({ reason: 'failed' });
    xhr.onabort = () => reject({ reason: 'cancelled' });
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}
