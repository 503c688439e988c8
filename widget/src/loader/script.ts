/** The script tag that loaded the widget; `currentScript` is only set while the script first runs. */
export function findScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript as HTMLScriptElement | null;
  return current?.dataset.site ? current : doc.querySelector<HTMLScriptElement>('script[data-site][src*="widget.js"]');
}
