/**
 * The CSS of what every page shows (launcher, badge, teaser, the panel's frame), inside the shadow root: the
 * page's styles do not reach in, these do not leak out. The panel's own CSS comes with its chunk (Panel/styles.ts).
 *
 * Theming (see the README's "Theming"): the page may set `--causette-accent`, `--causette-accent-text`,
 * `--causette-radius` and `--causette-font` on `#causette-root`, and style `::part(…)`s. Inside, colours come
 * from short variables set on the root, `.w`: `--c` accent, `--ct` text on it, and the palette that dark mode
 * swaps: `--bg` panel, `--sf` surfaces (bubbles, composer, teaser), `--tx` text, `--mu` muted text (and, from
 * the panel's CSS, `--bd` borders, `--er` error text). New CSS should draw with these, so it reads in dark mode.
 */
const dark = '{color-scheme:dark;--bg:#111827;--sf:#1f2937;--tx:#f9fafb;--mu:#d1d5db}';
export const css = `:host{all:initial!important;--causette-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--causette-radius:14px}
*{box-sizing:border-box}
.w{--c:var(--causette-accent);--ct:var(--causette-accent-text);--r:var(--causette-radius);--bg:#f9fafb;--sf:#fff;--tx:#111827;--mu:#4b5563;font:14px/1.45 var(--causette-font);color:var(--tx)}
.dd${dark}
@media(prefers-color-scheme:dark){.da${dark}}
button{font:inherit;cursor:pointer;border:0;display:grid;place-items:center;color:var(--ct);background:var(--c)}
:focus-visible{outline:2px solid var(--c);outline-offset:2px}
svg{width:24px;height:24px;fill:currentColor}
.l{position:fixed;inset-inline-end:20px;bottom:20px;z-index:2147483646;width:56px;height:56px;border-radius:28px;box-shadow:0 4px 16px #0004}
.lt{width:auto;padding:0 20px;grid-auto-flow:column;gap:8px;font-weight:600;white-space:nowrap}
.li{width:40px;height:40px;border-radius:50%;object-fit:cover}
.b{position:absolute;top:-4px;inset-inline-end:-4px;min-width:20px;padding:0 6px;border-radius:10px;background:#dc2626;color:#fff;font-size:12px;line-height:20px}
.p{position:fixed;inset-inline-end:20px;bottom:88px;z-index:2147483647;width:370px;height:min(600px,calc(100vh - 108px));display:flex;flex-direction:column;background:var(--bg);border-radius:var(--r);box-shadow:0 8px 40px #0004;overflow:hidden}
.pl .l,.pl .p,.pl .t>div{right:auto;left:20px}
.pr .l,.pr .p,.pr .t>div{left:auto;right:20px}
.e{margin:auto;padding:14px;color:var(--mu)}
.t>div{position:fixed;inset-inline-end:20px;bottom:88px;z-index:2147483646;display:flex;align-items:flex-start;max-width:min(300px,calc(100vw - 40px));background:var(--sf);border-radius:var(--r);box-shadow:0 4px 16px #0004}
.q{display:block;text-align:start;color:inherit;background:none;padding:10px 0 12px;padding-inline-start:14px}
.q b{display:block;font-size:13px}
.x{width:28px;height:28px;margin:4px;color:var(--mu);background:none}
.x svg{width:16px;height:16px}
@media(max-width:480px){.p{inset:0;width:auto;height:auto;border-radius:0}.w .p{left:0;right:0}}`;
