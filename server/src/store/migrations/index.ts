import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial.js';
import * as triggers from './002-triggers.js';
import * as country from './003-session-country.js';
import * as teams from './004-teams-sla.js';
import * as experience from './005-visitor-experience.js';
import * as locale from './006-session-locale.js';
import * as replyDue from './007-reply-email-due.js';
import * as twoFactor from './008-two-factor.js';
import * as auditLog from './009-audit-log.js';

/** Migrations are listed in code, not read from disk, so bundling or a changed cwd cannot lose one. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001-initial': initial,
      '002-triggers': triggers,
      '003-session-country': country,
      '004-teams-sla': teams,
      '005-visitor-experience': experience,
      '006-session-locale': locale,
      '007-reply-email-due': replyDue,
      '008-two-factor': twoFactor,
      '009-audit-log': auditLog,
    };
  },
};
