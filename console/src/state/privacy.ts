import { eraseVisitor as eraseRequest, exportVisitor as exportRequest } from '../api/visitors.js';
import { ApiError } from '../api/http.js';
import { t } from '../i18n/i18n.js';
import { summaries } from './conversations.js';
import { removeConversation } from './realtime.js';

function problem(err: unknown): string {
  if (err instanceof ApiError && err.status === 0) return t('error.unavailable');
  if (err instanceof ApiError && err.code === 'forbidden') return t('privacy.forbidden');
  if (err instanceof ApiError && err.code === 'not_found') return t('privacy.notFound');
  return t('privacy.failed', { message: err instanceof Error ? err.message : String(err) });
}

/** Saves `text` as a file through a temporary object URL (no server round trip for the download itself). */
export function download(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * Downloads everything held about the visitor as `visitor-<id>.json`: a same-origin request with the session
 * cookie, then a Blob. Returns the error to show, or null.
 */
export async function exportVisitorData(visitorId: string): Promise<string | null> {
  try {
    const data = await exportRequest(visitorId);
    download(`visitor-${visitorId}.json`, JSON.stringify(data, null, 2));
    return null;
  } catch (err) {
    return problem(err);
  }
}

/**
 * Erases the visitor. The server tells every console (`conversation:remove`) and the visitor's widgets; this one
 * drops their chats at once too, in case its socket is down. Returns the error to show, or null.
 */
export async function eraseVisitorData(visitorId: string): Promise<string | null> {
  try {
    await eraseRequest(visitorId);
  } catch (err) {
    return problem(err);
  }
  for (const summary of Object.values(summaries.peek())) if (summary.visitorId === visitorId) removeConversation(summary.id);
  return null;
}
