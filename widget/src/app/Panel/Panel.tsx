import { reactive } from '../reactive';
import { useEffect, useRef } from 'preact/hooks';
import { isolated } from '@causette/shared/bidi';
import { formatNumber, t } from '../../i18n';
import '../../i18n/panel';
import { agentTyping, conversation } from '../../state/conversation';
import { showLeaveForm } from '../../state/offline';
import { connection, forgotten, opening, site } from '../../state/session';
import { historyShown, pastBehind } from '../../state/history';
import { needsPrechat } from '../../state/prechat';
import { backAt } from '../../state/hours';
import { HistoryButton } from '../Closed/HistoryButton';
import { LazyClosed, LazyHistory } from '../Closed/lazy';
import { featuresCss } from '../Extras/styles';
import { Prechat } from '../Prechat/Prechat';
import { Composer } from '../Composer/Composer';
import { attachCss, DropHint, dropTarget } from '../Attach/Attach';
import { Forget, forgottenNotice } from '../Forget/Forget';
import { Header } from '../Header/Header';
import { MessageList } from '../MessageList/MessageList';
import { OfflineForm } from '../OfflineForm/OfflineForm';
import { panelCss } from './styles';

/** Where the panel covers the whole screen (styles.ts, the core's CSS): a modal sheet. */
const PHONE = '(max-width:480px)';

/**
 * On a phone, while the panel is open: the page behind does not scroll, and the panel follows the visual
 * viewport, so the on-screen keyboard (which shrinks it, not the layout viewport) never covers the composer.
 */
function usePhoneSheet(ref: { current: HTMLDivElement | null }) {
  useEffect(() => {
    if (!matchMedia(PHONE).matches) return;
    const page = [document.documentElement.style, document.body.style];
    const before = page.map((s) => s.overflow);
    for (const s of page) s.overflow = 'hidden';
    const vv = visualViewport;
    const fit = () => {
      const el = ref.current;
      if (el && vv) {
        el.style.setProperty('--vh', vv.height + 'px');
        el.style.setProperty('--vt', vv.offsetTop + 'px');
      }
    };
    fit();
    vv?.addEventListener('resize', fit);
    vv?.addEventListener('scroll', fit);
    return () => {
      page.forEach((s, i) => (s.overflow = before[i]!));
      vv?.removeEventListener('resize', fit);
      vv?.removeEventListener('scroll', fit);
    };
  }, []);
}

/** Tab and Shift+Tab go round the panel's controls when it is a modal sheet, never to the page behind it. */
function trapFocus(e: KeyboardEvent) {
  if (e.key !== 'Tab' || !matchMedia(PHONE).matches) return;
  const panel = e.currentTarget as HTMLElement;
  const all = Array.from(panel.querySelectorAll<HTMLElement>('button,input,select,textarea,a[href],[tabindex="0"]')).filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length,
  );
  const active = (panel.getRootNode() as ShadowRoot).activeElement;
  const [first, last] = [all[0], all[all.length - 1]];
  if (e.shiftKey ? active === first || !panel.contains(active) : active === last) {
    e.preventDefault();
    (e.shiftKey ? last : first)?.focus();
  }
}

/** The chat itself: its own chunk, loaded on the first open (see lazy.ts), bringing its CSS and strings. */
export const Panel = reactive(function Panel({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  usePhoneSheet(ref);
  const status = connection.value;
  const typing = agentTyping.value;
  const line = conversation.value?.queue;
  return (
    <div
      ref={ref}
      class="p"
      data-part="panel"
      role="dialog"
      aria-label={site.value!.name}
      aria-modal={matchMedia(PHONE).matches || undefined}
      onKeyDown={(e) => (e.key === 'Escape' ? onClose() : trapFocus(e))}
      {...dropTarget}
    >
      <style>{panelCss + featuresCss + attachCss}</style>
      <DropHint />
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
          {t('queue', formatNumber(line.position))}
          {line.waitSeconds ? ` · ~${formatNumber(Math.ceil(line.waitSeconds / 60), { style: 'unit', unit: 'minute' })}` : ''}
        </p>
      )}
      {!opening.value.open && (
        <p class="n" data-part="hours" role="status">
          {backAt(opening.value.reopensAt)}
        </p>
      )}
      {historyShown.value ? (
        <LazyHistory />
      ) : (
        <>
          <MessageList />
          {typing != null && (
            <p class="y" data-part="typing">
              {t('typing', isolated(typing || conversation.value?.agent?.name || t('agent')))}
            </p>
          )}
          {conversation.value?.status === 'resolved' && <LazyClosed conversation={conversation.value} />}
          {showLeaveForm.value ? (
            <OfflineForm />
          ) : needsPrechat.value ? (
            // A closed chat offers "Start a new conversation" first; the form then starts the new one.
            !conversation.value && (
              <>
                <div class="ac k">
                  <HistoryButton />
                </div>
                <Prechat />
              </>
            )
          ) : (
            <>
              {!conversation.value && pastBehind.value && (
                <div class="ac k">
                  <HistoryButton />
                </div>
              )}
              <Composer />
            </>
          )}
        </>
      )}
      <Forget />
    </div>
  );
});
