/** All of the widget's CSS, inside its shadow root: the page's styles do not reach in, these do not leak out. */
export const css = `:host{all:initial!important}
*{box-sizing:border-box}
.w{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827}
button{font:inherit;cursor:pointer;border:0;display:grid;place-items:center;color:#fff;background:var(--c)}
:focus-visible{outline:2px solid var(--c);outline-offset:2px}
svg{width:24px;height:24px;fill:currentColor}
.l{position:fixed;right:20px;bottom:20px;z-index:2147483646;width:56px;height:56px;border-radius:50%;box-shadow:0 4px 16px #0004}
.b{position:absolute;top:-4px;right:-4px;min-width:20px;padding:0 6px;border-radius:10px;background:#dc2626;font-size:12px;line-height:20px}
.p{position:fixed;right:20px;bottom:88px;z-index:2147483647;width:370px;height:min(600px,calc(100vh - 108px));display:flex;flex-direction:column;background:#f9fafb;border-radius:14px;box-shadow:0 8px 40px #0004;overflow:hidden}
.h{display:flex;align-items:center;gap:10px;padding:12px 14px;background:var(--c);color:#fff}
.h b{flex:1;font-size:15px}
.h button{width:32px;height:32px;border-radius:6px}
.h :focus-visible{outline-color:#fff}
.a{width:32px;height:32px;border-radius:50%;background:#fff3;display:grid;place-items:center;font-weight:600;object-fit:cover}
.n{margin:0;padding:6px 14px;background:#fef3c7;color:#78350f;font-size:13px}
ol{flex:1;overflow-y:auto;margin:0;padding:14px;list-style:none;display:flex;flex-direction:column;gap:8px}
li{max-width:82%;padding:8px 12px;border-radius:14px;background:#fff;border:1px solid #e5e7eb;align-self:flex-start}
li p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.v{align-self:flex-end;background:var(--c);color:#fff;border:0}
.s{align-self:center;background:none;border:0;color:#4b5563;font-size:12px;padding:2px}
small{display:block;font-size:11px;opacity:.75;text-align:right}
.y{margin:0;padding:0 16px 6px;font-size:12px;color:#4b5563}
form{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e7eb;background:#fff}
textarea{flex:1;resize:none;font:inherit;color:inherit;padding:8px 10px;border:1px solid #d1d5db;border-radius:8px;height:40px;max-height:120px}
form button{width:40px;border-radius:8px}
.t>div{position:fixed;right:20px;bottom:88px;z-index:2147483646;display:flex;align-items:flex-start;max-width:min(300px,calc(100vw - 40px));background:#fff;border-radius:14px;box-shadow:0 4px 16px #0004}
.q{display:block;text-align:left;color:inherit;background:none;padding:10px 0 12px 14px}
.q b{display:block;font-size:13px}
.x{width:28px;height:28px;margin:4px;color:#4b5563;background:none}
.x svg{width:16px;height:16px}
@media(max-width:480px){.p{inset:0;width:auto;height:auto;border-radius:0}}`;
