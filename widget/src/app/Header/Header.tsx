import { reactive } from '../reactive';
import { t } from '../../i18n';
import { conversation } from '../../state/conversation';
import { site } from '../../state/session';
import { closeIcon } from '../icons';
import { Avatar, avatarsShown } from './Avatar';

/** The site's name, or the agent's name and face (unless the site hides faces) once someone holds the chat. */
export const Header = reactive(function Header({ onClose }: { onClose: () => void }) {
  const agent = conversation.value?.agent;
  return (
    <div class="h" data-part="header">
      {agent && avatarsShown() && <Avatar name={agent.name} url={agent.avatarUrl} />}
      {agent ? <b data-part="agent-name">
          <bdi>{agent.name}</bdi>
        </b> : <b>{site.value!.name}</b>}
      <button data-part="close" aria-label={t('close')} onClick={onClose}>
        {closeIcon}
      </button>
    </div>
  );
});
