import { AuthSessionView, CodeBody, DisableTwoFactorBody, Id, RecoveryCodes, TwoFactorEnrolment, TwoFactorStatus } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditTarget } from '../domain/audit.js';
import { DomainError } from '../domain/errors.js';
import { LoginThrottle } from '../domain/login-throttle.js';
import { verifyPassword } from '../domain/passwords.js';
import { describeUserAgent } from '../domain/user-agent.js';
import { withErrors } from './schemas.js';

const tags = ['account'];
/** One's own account: every role has one. */
const config = { capability: 'session.read' } as const;
/** Enrolment stays open to an agent the admin's rule has locked out of everything else. */
const enrolment = { ...config, allowWithoutTwoFactor: true } as const;

/** The signed-in agent's own security: two-factor sign-in and the list of their sign-ins. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { auth, twoFactor, store } = app.services;
  const codeThrottle = new LoginThrottle(app.services.bus, 'second-factor');

  /** A wrong code here costs like a wrong code at sign-in: a borrowed session cannot guess its way to disabling. */
  const checkCode = async (agentId: string, code: string) => {
    await codeThrottle.check(agentId);
    if (!(await twoFactor.verifyCode(agentId, code))) {
      await codeThrottle.failed(agentId);
      throw new DomainError('bad_request', 'That code is not right.');
    }
    await codeThrottle.succeeded(agentId);
  };

  app.get(
    '/api/account/two-factor',
    { schema: { tags, summary: 'Whether two-factor sign-in is on for me, and required by the admin', response: withErrors({ 200: TwoFactorStatus }) }, config: enrolment },
    async (req) => ({
      enabled: await twoFactor.isEnabled(req.agent!.id),
      required: (await auth.settings()).requireTwoFactor,
      recoveryCodesLeft: await twoFactor.recoveryCodesLeft(req.agent!.id),
    }),
  );

  app.post(
    '/api/account/two-factor/enrol',
    { schema: { tags, summary: 'Start setting up two-factor: a new secret as a QR code and as text, shown this once', response: withErrors({ 200: TwoFactorEnrolment, 409: Type.Ref('ErrorResponse') }) }, config: enrolment },
    async (req) => twoFactor.begin(req.agent!),
  );

  app.post(
    '/api/account/two-factor/confirm',
    { schema: { tags, summary: 'Turn two-factor on with a first code; answers the recovery codes, shown this once', body: CodeBody, response: withErrors({ 200: RecoveryCodes, 409: Type.Ref('ErrorResponse') }) }, config: enrolment },
    async (req) => {
      await codeThrottle.check(req.agent!.id);
      try {
        const recoveryCodes = await twoFactor.confirm(req.agent!.id, req.body.code);
        auth.emit({ type: 'two_factor_changed', agentId: req.agent!.id, change: 'enabled', by: req.agent!.id });
        await req.audit.record('auth.two_factor_enabled', auditTarget.agent(req.agent!));
        return { recoveryCodes };
      } catch (err) {
        if (err instanceof DomainError && err.code === 'bad_request') await codeThrottle.failed(req.agent!.id);
        throw err;
      }
    },
  );

  app.post(
    '/api/account/two-factor/disable',
    { config, schema: { tags, summary: 'Turn two-factor off; needs the password and a current code', body: DisableTwoFactorBody, response: withErrors({ 204: Type.Null() }) } },
    async (req, reply) => {
      const agentId = req.agent!.id;
      if ((await auth.settings()).requireTwoFactor) throw new DomainError('forbidden', 'Your admin requires two-factor sign-in.');
      const withSecret = await store.agents.byId(agentId);
      await codeThrottle.check(agentId);
      if (!withSecret || !(await verifyPassword(req.body.password, withSecret.passwordHash))) {
        await codeThrottle.failed(agentId);
        throw new DomainError('bad_request', 'Wrong password.');
      }
      await checkCode(agentId, req.body.code);
      await twoFactor.disable(agentId);
      auth.emit({ type: 'two_factor_changed', agentId, change: 'disabled', by: agentId });
      await req.audit.record('auth.two_factor_disabled', auditTarget.agent(req.agent!));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/account/two-factor/recovery-codes',
    { config, schema: { tags, summary: 'New recovery codes for a current code; the old ones stop working', body: CodeBody, response: withErrors({ 200: RecoveryCodes }) } },
    async (req) => {
      await checkCode(req.agent!.id, req.body.code);
      const recoveryCodes = await twoFactor.regenerateRecoveryCodes(req.agent!.id);
      auth.emit({ type: 'two_factor_changed', agentId: req.agent!.id, change: 'recovery_codes_renewed', by: req.agent!.id });
      await req.audit.record('auth.recovery_codes_renewed', auditTarget.agent(req.agent!));
      return { recoveryCodes };
    },
  );

  app.get(
    '/api/account/sessions',
    { config, schema: { tags, summary: 'My sign-ins: device, browser, address, when signed in and last used', response: withErrors({ 200: Type.Object({ items: Type.Array(AuthSessionView) }) }) } },
    async (req) => ({
      items: (await store.authSessions.listForAgent(req.agent!.id)).map((s) => ({
        id: s.id,
        ...describeUserAgent(s.userAgent),
        ip: s.ip,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        current: s.id === req.authSessionId,
      })),
    }),
  );

  app.delete(
    '/api/account/sessions/:id',
    { config, schema: { tags, summary: 'Sign out one of my sign-ins; its open consoles close at once', params: Type.Object({ id: Id }), response: withErrors({ 204: Type.Null() }) } },
    async (req, reply) => {
      await auth.revokeSession(req.agent!.id, req.params.id);
      await req.audit.record('auth.sessions_ended', auditTarget.agent(req.agent!), { ended: { from: null, to: 1 } });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/account/sessions/revoke-others',
    { config, schema: { tags, summary: 'Sign out everywhere but here', response: withErrors({ 200: Type.Object({ ended: Type.Integer({ minimum: 0 }) }) }) } },
    async (req) => {
      const ended = await auth.revokeOtherSessions(req.agent!.id, req.authSessionId!);
      if (ended) await req.audit.record('auth.sessions_ended', auditTarget.agent(req.agent!), { ended: { from: null, to: ended } });
      return { ended };
    },
  );
};
export default routes;
