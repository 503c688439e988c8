import type { ErrorBody } from '@causette/shared';
import { t, type MessageKey } from '../../i18n/i18n.js';

/** A readable sentence for an error value, in the agent's language when the code is a known one. */
export function describeError(error: ErrorBody): string {
  const key = `error.${error.code}` as MessageKey;
  const known: readonly string[] = ['conflict', 'conversation_closed', 'forbidden', 'rate_limited', 'unavailable'];
  return known.includes(error.code) ? t(key) : t('error.generic', { message: error.message });
}
