import { Id, Team, TeamCreateBody, TeamUpdateBody } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { siteIdsFor } from '../domain/access.js';
import { auditTarget } from '../domain/audit.js';
import { snapshot } from '../domain/audit-changes.js';
import { DomainError } from '../domain/errors.js';
import { visibleName } from '../domain/labels.js';
import type { Store } from '../store/store.js';
import { UniqueViolation } from '../store/store.js';
import { withErrors } from './schemas.js';
import { checkHours } from './sites.js';

const IdParams = Type.Object({ id: Id });

/** Members must work on the team's site (admins work on every site). */
async function checkMembers(store: Store, siteId: string, memberIds: string[] | undefined): Promise<void> {
  if (!memberIds?.length) return;
  const agents = new Map((await store.agents.list()).map((a) => [a.id, a]));
  for (const id of memberIds) {
    const a = agents.get(id);
    if (!a || a.disabled || (a.role !== 'admin' && !a.siteIds.includes(siteId))) throw new DomainError('bad_request', `memberIds: ${id} is not an agent of this site.`);
  }
}

/** Teams and their members: every agent of the site may read them, admins change them. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { store, chat, notifier } = app.services;

  const unique = <T>(p: Promise<T>) =>
    p.catch((err) => {
      if (err instanceof UniqueViolation) throw new DomainError('conflict', 'A team of this site already has that name.');
      throw err;
    });
  const visibleTeam = async (id: string, agentSiteIds: Promise<string[]>) => {
    const team = await store.teams.byId(id);
    if (!team || !(await agentSiteIds).includes(team.siteId)) throw new DomainError('not_found', 'No such team.');
    return team;
  };

  app.get(
    '/api/teams',
    {
      config: { capability: 'teams.read' },
      schema: {
        tags: ['teams'],
        querystring: Type.Object({ siteId: Id }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Array(Team) }),
      },
    },
    async (req) => {
      if (!(await siteIdsFor(store, req.agent!)).includes(req.query.siteId)) throw new DomainError('not_found', 'No such site.');
      return store.teams.list(req.query.siteId);
    },
  );

  app.post(
    '/api/teams',
    { config: { capability: 'teams.manage' }, schema: { tags: ['teams'], body: TeamCreateBody, response: withErrors({ 201: Team, 409: Type.Ref('ErrorResponse') }) } },
    async (req, reply) => {
      if (!(await store.sites.byId(req.body.siteId))) throw new DomainError('not_found', 'No such site.');
      await checkMembers(store, req.body.siteId, req.body.memberIds);
      const team = await unique(store.teams.create({ siteId: req.body.siteId, name: visibleName(req.body.name), memberIds: req.body.memberIds ?? [] }));
      notifier.syncTeamRoom(team.id, team.memberIds, []);
      await chat.announceTeams(team.siteId);
      await req.audit.record('team.created', auditTarget.team(team), snapshot(team, ['memberIds']));
      return reply.code(201).send(team);
    },
  );

  app.patch(
    '/api/teams/:id',
    { config: { capability: 'teams.manage' }, schema: { tags: ['teams'], params: IdParams, body: TeamUpdateBody, response: withErrors({ 200: Team, 409: Type.Ref('ErrorResponse') }) } },
    async (req) => {
      const team = await visibleTeam(req.params.id, siteIdsFor(store, req.agent!));
      await checkMembers(store, team.siteId, req.body.memberIds);
      checkHours(req.body.hours, 'hours');
      if (req.body.name !== undefined) req.body.name = visibleName(req.body.name);
      const updated = (await unique(store.teams.update(team.id, req.body)))!;
      await req.audit.teamChanged(team, updated);
      notifier.syncTeamRoom(team.id, updated.memberIds.filter((id) => !team.memberIds.includes(id)), team.memberIds.filter((id) => !updated.memberIds.includes(id)));
      // New members may take the team's waiting chats at once.
      await chat.drain(team.siteId);
      // Its name or hours as the pre-chat form shows them (members are not shown to visitors).
      if (req.body.name !== undefined || req.body.hours !== undefined) await chat.announceTeams(team.siteId);
      return updated;
    },
  );

  app.delete('/api/teams/:id', { config: { capability: 'teams.manage' }, schema: { tags: ['teams'], params: IdParams } }, async (req, reply) => {
    const team = await visibleTeam(req.params.id, siteIdsFor(store, req.agent!));
    const afterwards = await chat.beforeTeamDeleted(team.siteId, team.id);
    await store.teams.delete(team.id);
    await req.audit.record('team.deleted', auditTarget.team(team));
    notifier.syncTeamRoom(team.id, [], team.memberIds);
    // Its chats are now in the site's queue: every agent of the site sees them, and routing runs again.
    await afterwards();
    await chat.announceTeams(team.siteId);
    return reply.code(204).send();
  });
};
export default routes;
