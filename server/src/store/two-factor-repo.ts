import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import type { Database } from './db-types.js';
import type { Store } from './store.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** Agents' TOTP secrets (encrypted by the domain before they get here), recovery codes (hashed) and sign-in tickets. */
export function twoFactorRepo(db: Kysely<Database>): Store['twoFactor'] {
  return {
    get: async (agentId) => {
      const r = await db.selectFrom('two_factor').select(['secret', 'enabled_at', 'last_step']).where('agent_id', '=', agentId).executeTakeFirst();
      return r ? { secret: r.secret, enabledAt: r.enabled_at === null ? null : num(r.enabled_at), lastStep: num(r.last_step) } : null;
    },
    begin: async (agentId, secret, now) => {
      // An unconfirmed enrolment may be started again (a new secret); an enabled one never silently replaced.
      await db.deleteFrom('two_factor').where('agent_id', '=', agentId).where('enabled_at', 'is', null).execute();
      const r = await db.insertInto('two_factor').values({ agent_id: agentId, secret, enabled_at: null, last_step: 0, created_at: now }).onConflict((oc) => oc.column('agent_id').doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    enable: async (agentId, now, step, codeHashes) =>
      db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('two_factor').set({ enabled_at: now, last_step: step }).where('agent_id', '=', agentId).where('enabled_at', 'is', null).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        await trx.deleteFrom('recovery_codes').where('agent_id', '=', agentId).execute();
        await trx.insertInto('recovery_codes').values(codeHashes.map((code_hash) => ({ id: newId(), agent_id: agentId, code_hash, used_at: null }))).execute();
        return true;
      }),
    useStep: async (agentId, step) => {
      // One conditional write: of two requests with the same code, exactly one moves the step forward.
      const r = await db.updateTable('two_factor').set({ last_step: step }).where('agent_id', '=', agentId).where('enabled_at', 'is not', null).where('last_step', '<', step).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    replaceRecoveryCodes: async (agentId, codeHashes) => {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('recovery_codes').where('agent_id', '=', agentId).execute();
        await trx.insertInto('recovery_codes').values(codeHashes.map((code_hash) => ({ id: newId(), agent_id: agentId, code_hash, used_at: null }))).execute();
      });
    },
    useRecoveryCode: async (agentId, codeHash, now) => {
      const r = await db.updateTable('recovery_codes').set({ used_at: now }).where('agent_id', '=', agentId).where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    recoveryCodesLeft: async (agentId) => {
      const r = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('agent_id', '=', agentId).where('used_at', 'is', null).executeTakeFirstOrThrow();
      return num(r.n);
    },
    disable: async (agentId) => {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('recovery_codes').where('agent_id', '=', agentId).execute();
        await trx.deleteFrom('two_factor').where('agent_id', '=', agentId).execute();
      });
    },
    createTicket: async ({ id, agentId, expiresAt }) => {
      await db.insertInto('login_tickets').values({ id, agent_id: agentId, expires_at: expiresAt }).execute();
    },
    ticket: async (id, now) => {
      const r = await db.selectFrom('login_tickets').select('agent_id').where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
      return r?.agent_id ?? null;
    },
    spendTicket: async (id, now) => {
      // Expired tickets of anyone go with it: they are never useful again.
      await db.deleteFrom('login_tickets').where('expires_at', '<=', now).execute();
      const r = await db.deleteFrom('login_tickets').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },
  };
}
