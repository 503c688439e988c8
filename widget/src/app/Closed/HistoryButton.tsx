import { t } from '../../i18n';
import '../../i18n/features';
import { showHistory } from '../../state/history';
import { ask } from '../../transport/socket';

/** Opens the list of this visitor's conversations. */
export const HistoryButton = () => (
  <button type="button" data-part="history-open" onClick={() => void showHistory(() => ask('conversation:list', {}))}>
    {t('past')}
  </button>
);
