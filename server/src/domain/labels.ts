import { stripBidiControls } from '@causette/shared';
import { DomainError } from './errors.js';

/**
 * A name an admin sets (agent, team), as visitors and agents will read it: without bidi controls, which would
 * let it pose as another name or reorder the text around it. One made of controls only names nobody.
 */
export function visibleName(name: string, field = 'name'): string {
  const clean = stripBidiControls(name);
  if (!clean.trim()) throw new DomainError('bad_request', `${field}: needs at least one visible character.`);
  return clean;
}
