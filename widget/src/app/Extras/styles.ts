/**
 * CSS of the panel's visitor features (pre-chat form, rating, closed-chat actions, history, emoji picker, links,
 * status words), rendered by the panel with its own CSS (see ../Panel/styles.ts for the palette variables).
 */
export const featuresCss = `.o select{font:inherit;color:inherit;background:var(--sf);padding:8px 10px;border:1px solid #9ca3af;border-radius:8px}
.f{display:flex;flex-direction:column;gap:2px}
.f label{font-size:12px;color:var(--mu)}
.rq{color:var(--mu);font-weight:400}
.er{margin:0;color:var(--er);font-size:12px}
.o{max-height:60%;overflow-y:auto}
[aria-invalid=true]{border-color:var(--er)}
li a{color:inherit;text-decoration:underline}
.stw{margin-inline-start:4px}
.cl{padding:8px 14px;border-top:1px solid var(--bd);background:var(--sf);font-size:13px;display:flex;flex-direction:column;gap:8px}
.cl form,.tr form{padding:0;border:0;background:none;flex-direction:column;gap:6px}
.cl p{margin:0}
.rt fieldset{border:0;margin:0;padding:0}
.rt legend{padding:0;font-weight:600}
.st{display:flex;gap:2px}
.st label{position:relative;font-size:26px;line-height:1;color:var(--mu);cursor:pointer;padding:2px}
.st label.on{color:#b45309}
.dd .st label.on{color:#fbbf24}
@media(prefers-color-scheme:dark){.da .st label.on{color:#fbbf24}}
.st input{position:absolute;opacity:0;inset:0;margin:0;cursor:pointer}
.st label:focus-within{outline:2px solid var(--c);border-radius:4px}
.rt textarea{height:56px}
.cl form button,.tr form button{width:auto;padding:6px 10px;font-weight:600;align-self:flex-start}
.tr form label{display:flex;flex-direction:column;gap:2px}
.ac{display:flex;flex-wrap:wrap;gap:4px 12px}
.ac button,.rt>button,.tr>button{padding:2px 0;background:none;color:inherit;text-decoration:underline;font-size:13px}
.hs{flex:1;overflow-y:auto;padding:10px 14px;display:flex;flex-direction:column;gap:8px}
.hs h2{margin:0;font-size:15px}
.hs ul{margin:0;padding:0;list-style:none;display:flex;flex-direction:column;gap:6px}
.hs ol{padding:0}
.hr{max-width:none;padding:0;align-self:stretch}
.hr button{display:flex;flex-direction:column;gap:2px;width:100%;text-align:start;padding:8px 10px;background:none;color:inherit;font-size:13px}
.hr span{color:var(--mu);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.eb{position:relative;display:flex}
.eb>button{width:40px;border-radius:8px;font-size:20px;background:none;color:inherit;border:1px solid var(--bd)}
.em{position:absolute;bottom:calc(100% + 8px);inset-inline-end:-48px;z-index:1;background:var(--sf);border:1px solid var(--bd);border-radius:10px;padding:6px;box-shadow:0 4px 16px #0003}
.eg,.em [role=row]{display:flex}
.em button{width:36px;height:36px;font-size:20px;background:none;color:inherit;border-radius:6px;padding:0}
.eg button[aria-pressed=true]{background:var(--bd)}
.eg{border-bottom:1px solid var(--bd);margin-bottom:4px}
.em [role=grid] button:focus-visible{outline:2px solid var(--c)}`;
