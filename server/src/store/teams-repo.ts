import type { Kysely, Selectable, Transaction } from 'kysely';
import type { BusinessHours, Team } from '@causette/shared';
import { newId } from '../domain/ids.js';
import type { Database, TeamsTable } from './db-types.js';
import { isUniqueViolation, num } from './sql-util.js';
import { UniqueViolation, type Store } from './store.js';

/** Teams of agents per site, with their members and opening hours. */
export function teamsRepo(db: Kysely<Database>): Store['teams'] {
  const teams: Store['teams'] = {
    list: async (siteId) => {
      const rows = await db.selectFrom('teams').selectAll().where('site_id', '=', siteId).orderBy('name').execute();
      return withMembers(db, rows);
    },
    byId: async (id) => {
      const rows = await db.selectFrom('teams').selectAll().where('id', '=', id).execute();
      return (await withMembers(db, rows))[0] ?? null;
    },
    create: async (input) => {
      const row = { id: newId(), site_id: input.siteId, name: input.name, hours: null, created_at: Date.now() };
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('teams').values(row).execute();
          await setMembers(trx, row.id, input.memberIds);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('teams.name');
        throw err;
      }
      return (await teams.byId(row.id))!;
    },
    update: async (id, patch) => {
      try {
        await db.transaction().execute(async (trx) => {
          if (patch.name !== undefined) await trx.updateTable('teams').set({ name: patch.name }).where('id', '=', id).execute();
          if (patch.hours !== undefined) {
            await trx.updateTable('teams').set({ hours: patch.hours === null ? null : JSON.stringify(patch.hours) }).where('id', '=', id).execute();
          }
          if (patch.memberIds !== undefined) await setMembers(trx, id, patch.memberIds);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('teams.name');
        throw err;
      }
      return teams.byId(id);
    },
    idsOf: async (agentId) => (await db.selectFrom('team_members').select('team_id').where('agent_id', '=', agentId).execute()).map((r) => r.team_id),
    delete: async (id) =>
      db.transaction().execute(async (trx) => {
        await trx.updateTable('conversations').set({ team_id: null }).where('team_id', '=', id).execute();
        const r = await trx.deleteFrom('teams').where('id', '=', id).executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      }),
  };
  return teams;
}

async function setMembers(trx: Transaction<Database>, teamId: string, agentIds: string[]): Promise<void> {
  await trx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  const unique = [...new Set(agentIds)];
  if (unique.length) await trx.insertInto('team_members').values(unique.map((agentId) => ({ id: newId(), team_id: teamId, agent_id: agentId }))).execute();
}

async function withMembers(db: Kysely<Database>, rows: Array<Selectable<TeamsTable>>): Promise<Team[]> {
  if (!rows.length) return [];
  const members = await db
    .selectFrom('team_members')
    .select(['team_id', 'agent_id'])
    .where(
      'team_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('agent_id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    memberIds: members.filter((m) => m.team_id === r.id).map((m) => m.agent_id),
    hours: r.hours ? (JSON.parse(r.hours) as BusinessHours) : null,
    createdAt: num(r.created_at),
  }));
}
