import { reactive } from '../reactive';
import { t } from '../../i18n';
import '../../i18n/panel';
import { agentTyping, conversation } from '../../state/conversation';
import { showLeaveForm } from '../../state/offline';
import { connection, forgotten, site } from '../../state/session';
import { Composer } from '../Composer/Composer';
import { Forget, forgottenNotice } from '../Forget/Forget';
import { Header } from '../Header/Header';
import { MessageList } from '../MessageList/MessageList';
import { OfflineForm } from '../OfflineForm/OfflineForm';
import { panelCss } from './styles';

/** The chat itself: its own chunk, loaded on the first open (see lazy.ts), bringing its CSS and strings. */
export const Panel = reactive(function Panel({ onClose }: { onClose: () => void }) {
  const status = connection.value;
  const typing = agentTyping.value;
  const line = conversation.value?.queue;
  return (
    <div
      class="p"
      data-part="panel"
      role="dialog"
      aria-label={site.value!.name}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <style>{panelCss}</style>
      <Header onClose={onClose} />
      {forgotten.value ? (
        // Offline on purpose: the widget connects again, as someone new, when the visitor writes.
        <p class="n" data-part="forgotten" role="status" tabIndex={-1} ref={forgottenNotice}>
          {t('forgotten')}
        </p>
      ) : (
        status !== 'online' && (
          <p class="n" data-part="connection" role="status">
            {t(status)}
          </p>
        )
      )}
      {line && (
        <p class="n" data-part="queue" role="status">
          {t('queue', '' + line.position)}
          {line.waitSeconds ? ` · ~${Math.ceil(line.waitSeconds / 60)} min` : ''}
        </p>
      )}
      <MessageList />
      {typing != null && (
        <p class="y" data-part="typing">
          {t('typing', typing || conversation.value?.agent?.name || t('agent'))}
        </p>
      )}
      {showLeaveForm.value ? <OfflineForm /> : <Composer />}
      <Forget />
    </div>
  );
});
