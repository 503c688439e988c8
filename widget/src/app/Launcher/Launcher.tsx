import { reactive } from '../reactive';
import type { Ref } from 'preact';
import { t } from '../../i18n';
import { unread } from '../../state/conversation';
import { open, setOpen } from '../../state/panel';
import { openTeaser, teaser, teaserOpened } from '../../state/teaser';
import { chatIcon, closeIcon } from '../icons';

export const Launcher = reactive(function Launcher({ buttonRef }: { buttonRef: Ref<HTMLButtonElement> }) {
  const isOpen = open.value;
  const count = unread.value;
  return (
    <button
      ref={buttonRef}
      class="l"
      data-part="launcher"
      aria-label={t(isOpen ? 'close' : 'open')}
      aria-expanded={isOpen}
      onClick={() => (!isOpen && teaser.value && !teaserOpened.value ? openTeaser() : setOpen(!isOpen))}
    >
      {isOpen ? closeIcon : chatIcon}
      {count > 0 && (
        <span class="b" data-part="badge">
          {count}
        </span>
      )}
    </button>
  );
});
