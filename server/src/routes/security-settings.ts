import { SecuritySettings } from '@causette/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DomainError } from '../domain/errors.js';
import { withErrors } from './schemas.js';

/** Install-wide rules for every account: require two-factor, idle timeout. Admins only. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { auth, twoFactor } = app.services;
  app.get(
    '/api/security-settings',
    { schema: { tags: ['security'], summary: 'Security rules for every account', response: withErrors({ 200: SecuritySettings }) }, config: { capability: 'settings.manage' } },
    async () => auth.settings(),
  );
  app.put(
    '/api/security-settings',
    { schema: { tags: ['security'], summary: 'Change the security rules for every account', body: SecuritySettings, response: withErrors({ 200: SecuritySettings, 409: Type.Ref('ErrorResponse') }) }, config: { capability: 'settings.manage' } },
    async (req) => {
      // The admin who sets the rule shows it can be met, and does not lock themselves out of this screen.
      if (req.body.requireTwoFactor && !(await twoFactor.isEnabled(req.agent!.id))) {
        throw new DomainError('conflict', 'Turn on two-factor sign-in for your own account first.');
      }
      const before = await auth.settings();
      const after = await auth.updateSettings(req.body);
      const changes = Object.fromEntries(
        (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
      );
      if (Object.keys(changes).length) await req.audit.record('security.settings_changed', { type: 'settings', id: null, label: 'Security' }, changes);
      return after;
    },
  );
};
export default routes;
