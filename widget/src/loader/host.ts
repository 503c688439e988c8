import { css } from '../app/styles';

/** `<div id="causette-root">` with an open shadow root (open so tests and assistive tooling can reach in). */
export function mountHost(doc: Document): HTMLElement {
  const host = doc.createElement('div');
  host.id = 'causette-root';
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  // Preact renders into its own node: rendering into the root itself would drop the <style> as a stray child.
  const container = doc.createElement('div');
  root.append(style, container);
  doc.body.append(host);
  return container;
}
