/**
 * widget.js: the classic script a shop embeds. It stays a few hundred bytes and shares no code with the core
 * (vite.config.ts checks), because a classic script cannot import statically; it loads the core as an ES module
 * from the server it came from, by absolute URL, since a shop's page is another origin.
 */
import { findScript } from './script';

/** The core's hashed file name, set when the bundle is written (vite.config.ts). */
declare const __CAUSETTE_CORE_FILE__: string;

type Stub = ((...args: unknown[]) => void) & { q?: unknown[]; loaded?: true; booting?: true };
const page = window as unknown as { causette?: Stub };
const script = findScript(document);
// The page may call causette(...) before the core arrives even without the embed snippet's stub: queue it.
const stub: Stub = (page.causette ||= function (...args: unknown[]) {
  (stub.q ||= []).push(args);
});
// A second copy of the script on the same page must not start a second widget.
if (script && !stub.loaded && !stub.booting) {
  stub.booting = true;
  import(/* @vite-ignore */ new URL(`widget/${__CAUSETTE_CORE_FILE__}`, script.src).href).then(
    (core: typeof import('./index')) => core.boot(script),
    (error) => {
      stub.booting = undefined;
      console.error('causette: the widget could not load', error);
    },
  );
}
