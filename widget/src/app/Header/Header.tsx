import { reactive } from '../reactive';
import { t } from '../../i18n';
import { conversation } from '../../state/conversation';
import { site } from '../../state/session';
import { closeIcon } from '../icons';

/** The site's name, or the agent's name and face once someone holds the chat. */
export const Header = reactive(function Header({ onClose }: { onClose: () => void }) {
  const agent = conversation.value?.agent;
  return (
    <div class="h">
      {agent &&
        (agent.avatarUrl ? (
          <img class="a" src={agent.avatarUrl} alt="" />
        ) : (
          <span class="a" aria-hidden="true">
            {agent.name.charAt(0).toUpperCase()}
          </span>
        ))}
      {agent ? <b data-part="agent-name">{agent.name}</b> : <b>{site.value!.name}</b>}
      <button data-part="close" aria-label={t('close')} onClick={onClose}>
        {closeIcon}
      </button>
    </div>
  );
});
