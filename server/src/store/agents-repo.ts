import type { Kysely, Selectable } from 'kysely';
import { newId } from '../domain/ids.js';
import { publicAgent } from '../domain/mappers.js';
import type { AgentsTable, Database } from './db-types.js';
import { toAgent } from './row-mappers.js';
import { type Db, isUniqueViolation, num } from './sql-util.js';
import { UniqueViolation, type Store } from './store.js';

async function siteIdsOf(db: Db, agentId: string): Promise<string[]> {
  const rows = await db.selectFrom('site_agents').select('site_id').where('agent_id', '=', agentId).execute();
  return rows.map((r) => r.site_id);
}

async function setSiteIds(db: Db, agentId: string, siteIds: string[]): Promise<void> {
  await db.deleteFrom('site_agents').where('agent_id', '=', agentId).execute();
  if (siteIds.length) {
    await db
      .insertInto('site_agents')
      .values([...new Set(siteIds)].map((site_id) => ({ site_id, agent_id: agentId })))
      .execute();
  }
}

/** Agents and the sites each may work on (`site_agents`). */
export function agentsRepo(db: Kysely<Database>): Store['agents'] {
  const agents: Store['agents'] = {
    create: async (input) => {
      const row: Selectable<AgentsTable> = {
        id: newId(),
        email: input.email.toLowerCase(),
        name: input.name,
        password_hash: input.passwordHash,
        role: input.role,
        status: 'offline',
        capacity: input.capacity,
        avatar_url: null,
        disabled: 0,
        created_at: Date.now(),
      };
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('agents').values(row).execute();
          await setSiteIds(trx, row.id, input.siteIds);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new UniqueViolation('agents.email');
        throw err;
      }
      return publicAgent(toAgent(row, input.siteIds));
    },
    byId: async (id) => {
      const r = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAgent(r, await siteIdsOf(db, r.id)) : null;
    },
    byEmail: async (email) => {
      const r = await db.selectFrom('agents').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      return r ? toAgent(r, await siteIdsOf(db, r.id)) : null;
    },
    list: async () => {
      const rows = await db.selectFrom('agents').selectAll().orderBy('created_at').execute();
      const links = await db.selectFrom('site_agents').selectAll().execute();
      return rows.map((r) =>
        publicAgent(
          toAgent(
            r,
            links.filter((l) => l.agent_id === r.id).map((l) => l.site_id),
          ),
        ),
      );
    },
    count: async () => {
      const r = await db.selectFrom('agents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return num(r.n);
    },
    update: async (id, patch) => {
      const values: Partial<AgentsTable> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.role !== undefined) values.role = patch.role;
      if (patch.status !== undefined) values.status = patch.status;
      if (patch.capacity !== undefined) values.capacity = patch.capacity;
      if (patch.disabled !== undefined) values.disabled = patch.disabled ? 1 : 0;
      if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
      await db.transaction().execute(async (trx) => {
        if (Object.keys(values).length) await trx.updateTable('agents').set(values).where('id', '=', id).execute();
        if (patch.siteIds) await setSiteIds(trx, id, patch.siteIds);
      });
      const agent = await agents.byId(id);
      return agent ? publicAgent(agent) : null;
    },
  };
  return agents;
}
