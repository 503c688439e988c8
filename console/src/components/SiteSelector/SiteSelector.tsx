import { t } from '../../i18n/i18n.js';
import { selectSite, selectedSiteId, sites } from '../../state/triggers.js';

/** The site a screen works on; only shown to agents who have more than one. */
export function SiteSelector() {
  const list = sites.value;
  if (list.length < 2) return null;
  return (
    <label class="site-select">
      {t('triggers.site')}
      <select name="site" value={selectedSiteId.value ?? ''} onChange={(e) => selectSite(e.currentTarget.value)}>
        {list.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </select>
    </label>
  );
}
