import { reactive } from '../reactive';
import type { Ref } from 'preact';
import { signal } from '@preact/signals-core';
import { formatNumber, t } from '../../i18n';
import { unread } from '../../state/conversation';
import { open, setOpen } from '../../state/panel';
import { site } from '../../state/session';
import { openTeaser, teaser, teaserOpened } from '../../state/teaser';
import { chatIcon, closeIcon } from '../icons';
import { loadPanel } from '../lazy';

/** The launcher image that failed to load (a signal, not a hook: hooks are not in the page-load bytes). */
const broken = signal('');

export const Launcher = reactive(function Launcher({ buttonRef }: { buttonRef: Ref<HTMLButtonElement> }) {
  const isOpen = open.value;
  const count = unread.value;
  // The site's words next to the icon while closed; they are then the button's name, as a sighted user reads it.
  const text = !isOpen && site.value?.settings.launcherText?.trim();
  // The site's own image instead of the chat icon; one that does not load gives the icon back.
  const image = site.value?.settings.launcherIcon;
  return (
    <button
      ref={buttonRef}
      class={text ? 'l lt' : 'l'}
      data-part="launcher"
      aria-label={text ? undefined : t(isOpen ? 'close' : 'open')}
      aria-expanded={isOpen}
      // A click is likely: fetch the panel's chunk now rather than after it.
      onPointerEnter={loadPanel}
      onFocus={loadPanel}
      onClick={() => (!isOpen && teaser.value && !teaserOpened.value ? openTeaser() : setOpen(!isOpen))}
    >
      {isOpen ? closeIcon : image && image !== broken.value ? <img class="li" data-part="launcher-icon" src={image} alt="" onError={() => (broken.value = image)} /> : chatIcon}
      {text && <span data-part="launcher-text">{text}</span>}
      {count > 0 && (
        <span class="b" data-part="badge">
          {formatNumber(count)}
        </span>
      )}
    </button>
  );
});
