import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/features';
import { showHistory, takeHistoryReturn } from '../../state/history';
import { ask } from '../../transport/socket';

/** Opens the list of this visitor's conversations; coming back from it ("Back"), it has the focus again. */
export function HistoryButton() {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeHistoryReturn()) button.current!.focus();
  }, []);
  return (
    <button ref={button} type="button" data-part="history-open" onClick={() => void showHistory(() => ask('conversation:list', {}))}>
      {t('past')}
    </button>
  );
}
