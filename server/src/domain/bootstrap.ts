import { randomBytes } from 'node:crypto';
import type { SiteSettings } from '@causette/shared';
import type { Store } from '../store/store.js';
import { hashPassword } from './passwords.js';

export const DEMO_SITE_KEY = 'demo';
export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  requireConsent: false,
  greeting: 'Hi! How can we help?',
  color: '#4f46e5',
};

export interface BootstrapResult {
  /** Set only when a password was generated; the caller prints it once. */
  generatedPassword?: string;
  adminEmail?: string;
}

/** First start: a demo site and an admin, so a fresh install is usable at once. Later starts change nothing. */
export async function bootstrap(store: Store, admin: { email?: string | undefined; password?: string | undefined }): Promise<BootstrapResult> {
  let demo = await store.sites.byKey(DEMO_SITE_KEY);
  if (!demo && (await store.sites.list()).length === 0) {
    demo = await store.sites.create({ name: 'Demo shop', key: DEMO_SITE_KEY, allowedOrigins: ['self'], settings: DEFAULT_SITE_SETTINGS });
  }
  if ((await store.agents.count()) > 0) return {};
  const email = admin.email ?? 'admin@localhost';
  const generated = admin.password ? undefined : randomBytes(12).toString('base64url');
  const password = admin.password ?? generated!;
  const sites = await store.sites.list();
  await store.agents.create({
    email,
    name: 'Admin',
    passwordHash: await hashPassword(password),
    role: 'admin',
    capacity: 5,
    siteIds: sites.map((s) => s.id),
  });
  return generated ? { generatedPassword: generated, adminEmail: email } : { adminEmail: email };
}
