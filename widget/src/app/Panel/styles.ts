/**
 * The panel's CSS, rendered by the panel itself so it arrives with the panel's chunk, not on every page.
 * Colours come from the palette variables (see ../styles.ts), which dark mode swaps; the borders' and errors' here.
 */
export const panelCss = `.w{--bd:#e5e7eb;--er:#b91c1c}
.dd{--bd:#374151;--er:#fca5a5}
@media(prefers-color-scheme:dark){.da{--bd:#374151;--er:#fca5a5}}
.h{display:flex;align-items:center;gap:10px;padding:12px 14px;background:var(--c);color:var(--ct)}
.h b{flex:1;font-size:15px}
.h button{width:32px;height:32px;border-radius:6px}
.h :focus-visible{outline-color:var(--ct)}
.a{flex:none;width:32px;height:32px;border-radius:50%;border:1px solid;display:grid;place-items:center;font-weight:600;object-fit:cover}
.m{margin-inline-start:32px;position:relative}
.m>.a{position:absolute;inset-inline-start:-32px;bottom:0;width:26px;height:26px;font-size:11px;background:var(--c);color:var(--ct)}
.n{margin:0;padding:6px 14px;background:#fef3c7;color:#78350f;font-size:13px}
ol{flex:1;overflow-y:auto;overscroll-behavior:contain;margin:0;padding:14px;list-style:none;display:flex;flex-direction:column;gap:8px}
li{max-width:82%;padding:8px 12px;border-radius:var(--r);background:var(--sf);border:1px solid var(--bd);align-self:flex-start}
li p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.v{align-self:flex-end;background:var(--c);color:var(--ct);border:0}
.s{align-self:center;background:none;border:0;color:var(--mu);font-size:12px;padding:2px}
small{display:block;font-size:11px;opacity:.9;text-align:end}
.y{margin:0;padding:0 16px 6px;font-size:12px;color:var(--mu)}
form{display:flex;gap:8px;padding:10px;border-top:1px solid var(--bd);background:var(--sf)}
textarea,input{flex:1;font:inherit;color:inherit;background:var(--sf);padding:8px 10px;border:1px solid #9ca3af;border-radius:8px}
textarea{resize:none;height:40px;max-height:120px}
form button{width:40px;border-radius:8px}
.k{margin:0;padding:4px 14px;background:var(--sf);color:var(--mu);font-size:12px;border-top:1px solid var(--bd)}
.o{flex-direction:column}
.o p{margin:0}
.o label{display:flex;flex-direction:column;gap:2px;font-size:12px;color:var(--mu)}
.o input,.o textarea{flex:none}
.o textarea{height:80px}
.o button{width:auto;padding:8px;font-weight:600}
.o [role=alert]{color:var(--er);font-size:13px}
.o button:disabled{opacity:.6}
.g{padding:0 14px 8px;background:var(--sf);font-size:12px;color:var(--mu)}
.g p{margin:0 0 6px}
.g button{display:inline-block;margin-inline-end:10px;padding:2px 0;color:inherit;background:none;text-decoration:underline}
.g .r{padding:6px 10px;border-radius:6px;background:#b91c1c;color:#fff;text-decoration:none}
.g button:disabled{opacity:.6}
.g [role=alert]{color:var(--er)}
@media(max-width:480px){.p{bottom:auto;top:var(--vt,0);height:var(--vh,100%)}}`;
