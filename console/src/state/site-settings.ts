import type { SiteUpdateBody } from '@causette/shared';
import { ApiError } from '../api/http.js';
import { updateSite } from '../api/sites.js';
import { t } from '../i18n/i18n.js';
import { settingsUpdate, type SettingsForm } from '../lib/site-settings-form.js';
import { sites } from './triggers.js';

/** Saves a site's settings and puts the server's copy in the site list. Returns the error to show, or null. */
export async function saveSiteSettings(siteId: string, form: SettingsForm): Promise<string | null> {
  try {
    const site = await updateSite(siteId, settingsUpdate(form));
    sites.value = sites.peek().map((s) => (s.id === site.id ? site : s));
    return null;
  } catch (err) {
    if (err instanceof ApiError && err.status === 0) return t('error.unavailable');
    if (err instanceof ApiError && err.code === 'forbidden') return t('settings.forbidden');
    return t('settings.failed', { message: err instanceof Error ? err.message : String(err) });
  }
}

/** Any part of a site's settings (the pre-chat editor, the hours editor) through the same PATCH and site list. */
export async function saveSitePatch(siteId: string, body: SiteUpdateBody): Promise<string | null> {
  try {
    const site = await updateSite(siteId, body);
    sites.value = sites.peek().map((s) => (s.id === site.id ? site : s));
    return null;
  } catch (err) {
    if (err instanceof ApiError && err.status === 0) return t('error.unavailable');
    if (err instanceof ApiError && err.code === 'forbidden') return t('settings.forbidden');
    return t('settings.failed', { message: err instanceof Error ? err.message : String(err) });
  }
}
