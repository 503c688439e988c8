import { ApiError } from '../../api/http.js';
import { updateSite } from '../../api/sites.js';
import { t } from '../../i18n/i18n.js';
import { sites } from '../../state/triggers.js';
import { themeUpdate, type ThemeForm } from './theme-form.js';

/**
 * Saves the appearance settings (only those) and puts the server's copy of the site in the site list; the server
 * then sends `site:update` to the site's open widgets. Returns the error to show, or null.
 */
export async function saveTheme(siteId: string, form: ThemeForm): Promise<string | null> {
  try {
    const site = await updateSite(siteId, themeUpdate(form));
    sites.value = sites.peek().map((s) => (s.id === site.id ? site : s));
    return null;
  } catch (err) {
    if (err instanceof ApiError && err.status === 0) return t('error.unavailable');
    if (err instanceof ApiError && err.code === 'forbidden') return t('settings.forbidden');
    return t('settings.failed', { message: err instanceof Error ? err.message : String(err) });
  }
}
