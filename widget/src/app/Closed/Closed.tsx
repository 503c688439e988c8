import { reactive } from '../reactive';
import type { VisitorConversation } from '@causette/shared';
import { t } from '../../i18n';
import '../../i18n/features';
import { startNewConversation } from '../../state/history';
import { requestFocus } from '../../state/panel';
import { site } from '../../state/session';
import { HistoryButton } from './HistoryButton';
import { Rating } from './Rating';
import { Transcript } from './Transcript';

/** Under a closed chat: rate it, have it emailed, look at past conversations, or start a new one. */
export const Closed = reactive(function Closed({ conversation: c }: { conversation: VisitorConversation }) {
  return (
    <div class="cl" data-part="closed">
      {site.value?.settings.csat !== false && <Rating conversation={c} />}
      {site.value?.email !== false && <Transcript conversationId={c.id} />}
      <div class="ac">
        <HistoryButton />
        <button
          type="button"
          data-part="new-chat"
          onClick={() => {
            requestFocus();
            startNewConversation();
          }}
        >
          {t('newChat')}
        </button>
      </div>
    </div>
  );
});

