import { reactive } from '../reactive';
import { useRef } from 'preact/hooks';
import { open, setOpen } from '../../state/panel';
import { site } from '../../state/session';
import { Launcher } from '../Launcher/Launcher';
import { Panel } from '../Panel/Panel';
import { Teaser } from '../Teaser/Teaser';

/** Nothing shows until the server has named the site: a misconfigured embed leaves no dead button behind. */
export const App = reactive(function App() {
  const launcher = useRef<HTMLButtonElement>(null);
  const s = site.value;
  if (!s) return null;
  const close = () => {
    setOpen(false);
    launcher.current?.focus();
  };
  return (
    <div class="w" style={{ '--c': s.settings.color }}>
      {open.value && <Panel onClose={close} />}
      <Teaser onDismiss={() => launcher.current?.focus()} />
      <Launcher buttonRef={launcher} />
    </div>
  );
});
