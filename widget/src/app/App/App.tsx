import { reactive } from '../reactive';
import { createRef } from 'preact';
import { dir, lang, t } from '../../i18n';
import { open, setOpen } from '../../state/panel';
import { site } from '../../state/session';
import { Launcher } from '../Launcher/Launcher';
import { panel } from '../lazy';
import { Teaser } from '../Teaser/Teaser';
import { hostCss, themeClass } from './theme';

/** Nothing shows until the server has named the site: a misconfigured embed leaves no dead button behind. */
// One widget per page, so one launcher: a module-level ref keeps preact/hooks out of the page-load part.
const launcher = createRef<HTMLButtonElement>();

export const App = reactive(function App() {
  const s = site.value;
  if (!s) return null;
  const close = () => {
    setOpen(false);
    launcher.current?.focus();
  };
  const Panel = panel.value;
  return (
    <div class={themeClass(s.settings)} dir={dir()} lang={lang()}>
      <style>{hostCss(s.settings)}</style>
      {open.value &&
        (Panel ? (
          <Panel onClose={close} />
        ) : (
          // The panel's frame at once, its content when its chunk arrives (see lazy.ts).
          <div class="p" data-part="panel" role="dialog" aria-label={s.name} aria-busy={Panel === null}>
            {Panel === false && <p class="e">{t('unavailable')}</p>}
          </div>
        ))}
      <Teaser onDismiss={() => launcher.current?.focus()} />
      <Launcher buttonRef={launcher} />
    </div>
  );
});
