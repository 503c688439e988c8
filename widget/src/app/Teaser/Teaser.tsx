import { t } from '../../i18n';
import { open } from '../../state/panel';
import { site } from '../../state/session';
import { dismissTeaser, openTeaser, teaser, teaserOpened } from '../../state/teaser';
import { closeIcon } from '../icons';
import { reactive } from '../reactive';

/**
 * A proactive message above the launcher. The live region is always there, so a teaser that appears in it is
 * announced; clicking anywhere on the bubble opens the chat, × (or Escape) dismisses it.
 */
export const Teaser = reactive(function Teaser({ onDismiss }: { onDismiss: () => void }) {
  const shown = !open.value && !teaserOpened.value && teaser.value;
  const dismiss = () => {
    dismissTeaser();
    onDismiss();
  };
  return (
    <div class="t" aria-live="polite">
      {shown && (
        <div data-part="teaser" role="status" onClick={openTeaser} onKeyDown={(e) => e.key === 'Escape' && dismiss()}>
          <button class="q">
            <b>{shown.senderName || site.value!.name}</b>
            <span data-part="teaser-text">{shown.text}</span>
          </button>
          <button
            class="x"
            data-part="teaser-close"
            aria-label={t('dismiss')}
            onClick={(e) => {
              e.stopPropagation();
              dismiss();
            }}
          >
            {closeIcon}
          </button>
        </div>
      )}
    </div>
  );
});
