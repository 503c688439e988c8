/**
 * The CSS of what every page shows (launcher, badge, teaser, the panel's frame), inside the shadow root: the
 * page's styles do not reach in, these do not leak out. The panel's own CSS comes with its chunk (Panel/styles.ts).
 */
export const css = `:host{all:initial!important}
*{box-sizing:border-box}
.w{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827}
button{font:inherit;cursor:pointer;border:0;display:grid;place-items:center;color:#fff;background:var(--c)}
:focus-visible{outline:2px solid var(--c);outline-offset:2px}
svg{width:24px;height:24px;fill:currentColor}
.l{position:fixed;inset-inline-end:20px;bottom:20px;z-index:2147483646;width:56px;height:56px;border-radius:50%;box-shadow:0 4px 16px #0004}
.b{position:absolute;top:-4px;inset-inline-end:-4px;min-width:20px;padding:0 6px;border-radius:10px;background:#dc2626;font-size:12px;line-height:20px}
.p{position:fixed;inset-inline-end:20px;bottom:88px;z-index:2147483647;width:370px;height:min(600px,calc(100vh - 108px));display:flex;flex-direction:column;background:#f9fafb;border-radius:14px;box-shadow:0 8px 40px #0004;overflow:hidden}
.e{margin:auto;padding:14px;color:#4b5563}
.t>div{position:fixed;inset-inline-end:20px;bottom:88px;z-index:2147483646;display:flex;align-items:flex-start;max-width:min(300px,calc(100vw - 40px));background:#fff;border-radius:14px;box-shadow:0 4px 16px #0004}
.q{display:block;text-align:start;color:inherit;background:none;padding:10px 0 12px;padding-inline-start:14px}
.q b{display:block;font-size:13px}
.x{width:28px;height:28px;margin:4px;color:#4b5563;background:none}
.x svg{width:16px;height:16px}
@media(max-width:480px){.p{inset:0;width:auto;height:auto;border-radius:0}}`;
