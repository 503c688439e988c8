import { useEffect } from 'preact/hooks';
import { SiteSelector } from '../../components/SiteSelector/SiteSelector.js';
import { TopBar } from '../../components/TopBar/TopBar.js';
import { t } from '../../i18n/i18n.js';
import { onLinkClick, pathOf, route } from '../../state/router.js';
import { canEditTriggers, loadTriggers, selectedSiteId, triggers, triggersError, triggersLoad } from '../../state/triggers.js';
import { TriggerEditor } from '../TriggerEditor/TriggerEditor.js';
import { TriggerStatsView } from '../TriggerStats/TriggerStats.js';
import { TriggerList } from './TriggerList.js';
import './Triggers.css';

/** The marketer's screens: the list, and one page per trigger with its results, editor and test panel. */
export function Triggers() {
  useEffect(() => {
    if (triggersLoad.peek() === 'idle') void loadTriggers();
  }, []);
  const current = route.value;
  const id = current.name === 'trigger' ? current.id : null;
  const onList = current.name !== 'trigger' && current.name !== 'triggerNew';
  return (
    <div class="shell">
      <TopBar />
      <main class="triggers-page">
        <header class="triggers-page__head">
          <div>
            {onList ? (
              <h1>{t('triggers.title')}</h1>
            ) : (
              <a class="triggers-page__back" href={pathOf({ name: 'triggers' })} onClick={onLinkClick({ name: 'triggers' })}>
                ← {t('triggers.back')}
              </a>
            )}
            {onList && <p class="hint">{t('triggers.subtitle')}</p>}
          </div>
          <SiteSelector />
        </header>
        {!canEditTriggers.value && <p class="notice">{t('triggers.readOnly')}</p>}
        {triggersError.value && (
          <p class="form-error" role="alert">
            {triggersError.value}
          </p>
        )}
        <Body onList={onList} id={id} />
      </main>
    </div>
  );
}

function Body({ onList, id }: { onList: boolean; id: string | null }) {
  const load = triggersLoad.value;
  if (load === 'idle' || (load === 'loading' && triggers.value.length === 0)) {
    return (
      <p class="hint" role="status">
        {t('triggers.loading')}
      </p>
    );
  }
  if (!selectedSiteId.value) return load === 'error' ? null : <p class="hint">{t('triggers.noSite')}</p>;
  if (onList) return <TriggerList />;
  if (id && !triggers.value.some((trigger) => trigger.id === id)) return <p class="notice">{t('triggers.notFound')}</p>;
  return (
    <div class="trigger-page">
      {/* The slot stays in place when there is no id, so saving a new trigger keeps the same editor. */}
      {id ? <TriggerStatsView triggerId={id} /> : null}
      <TriggerEditor id={id} siteId={selectedSiteId.value} />
    </div>
  );
}
