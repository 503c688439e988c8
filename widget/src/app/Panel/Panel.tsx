import { reactive } from '../reactive';
import { t } from '../../i18n';
import { agentTyping, conversation } from '../../state/conversation';
import { connection, site } from '../../state/session';
import { Composer } from '../Composer/Composer';
import { Header } from '../Header/Header';
import { MessageList } from '../MessageList/MessageList';

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
      <Header onClose={onClose} />
      {status !== 'online' && (
        <p class="n" data-part="connection" role="status">
          {t(status)}
        </p>
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
      <Composer />
    </div>
  );
});
