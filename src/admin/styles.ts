/**
 * The console's whole style sheet, inlined in every page (no external assets): readable
 * on a laptop and a tablet, tables scroll sideways on narrow screens, status colours
 * that also carry a word so they do not rely on colour alone.
 */
export const STYLES = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;background:#f4f6f9}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.2rem;padding:.6rem 1rem;background:#1d2b3a;color:#fff}
header .brand{font-weight:700;margin-right:.6rem}
header nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem;flex:1}
header a{color:#cfe3ff;text-decoration:none}
header a[aria-current=page]{color:#fff;text-decoration:underline}
header .who{font-size:.9em;color:#b8c4d2}
header form{margin:0}
main{padding:1rem;max-width:1280px;margin:0 auto}
h1{font-size:1.35rem;margin:.2rem 0 1rem}
h2{font-size:1.1rem;margin:1.6rem 0 .6rem}
.card{background:#fff;border:1px solid #dbe1e8;border-radius:6px;padding:1rem;margin-bottom:1rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.45rem .55rem;border-bottom:1px solid #e3e8ee;vertical-align:top}
th{background:#eef2f6;font-weight:600;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:999px;font-weight:600;font-size:.85em;white-space:nowrap}
.healthy{background:#dff5e3;color:#14622a}
.degraded{background:#fff0cc;color:#7a4b00}
.failing{background:#fde0e0;color:#a11717}
tr.failing td{background:#fff6f6}
.rule{color:#5a6675;font-size:.9em}
.rule.failing,.rule.degraded{background:none;color:#a11717;font-weight:600}
.muted{color:#6b7685}
.notice{padding:.6rem .9rem;border-radius:6px;margin-bottom:1rem;background:#e6f0ff;border:1px solid #b5cff5}
.error{background:#fde0e0;border-color:#f0b0b0}
form.inline{display:inline-flex;flex-wrap:wrap;gap:.3rem;align-items:center;margin:0 0 .3rem}
td form.inline input{width:8.5rem}
form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-end}
label{display:flex;flex-direction:column;font-size:.85em;color:#3b4655;gap:.15rem}
input,select,button{font:inherit;padding:.35rem .55rem;border:1px solid #b9c3cf;border-radius:4px;background:#fff}
button{cursor:pointer;background:#2d5fa8;color:#fff;border-color:#2d5fa8}
button.secondary{background:#fff;color:#2d5fa8}
button.danger{background:#b42323;border-color:#b42323}
header button{background:none;border:1px solid #6d8198;color:#cfe3ff;padding:.15rem .5rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
dl.facts dt{color:#5a6675}
dl.facts dd{margin:0}
pre{white-space:pre-wrap;word-break:break-word;margin:0;font-size:.85em}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
figure.chart{margin:0}
figure.chart figcaption{font-size:.85em}
.login{max-width:360px;margin:8vh auto}
.login form{display:flex;flex-direction:column;gap:.8rem}
.review{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.review .pages{flex:1 1 595px;display:flex;flex-direction:column;gap:.6rem}
.review .pages img{max-width:100%;height:auto;border:1px solid #b9c3cf;background:#fff}
.review .fields{flex:1 1 420px}
tr.doubt td{background:#fff2cc}
tr.doubt .why{color:#8a4b00;font-size:.85em}
ul.reasons{color:#8a4b00}
form.reject{margin-top:1rem;display:flex;gap:.6rem;align-items:flex-end}
header .count{display:inline-block;margin-left:.3rem;padding:0 .45rem;border-radius:999px;background:#b42323;color:#fff;font-size:.8em;font-weight:600}
.parcel dl.facts{margin-bottom:.6rem}
.parcel .parcel-exception{margin:.4rem 0 .6rem}
td.exception strong{color:#a11717}
tr.exception td{background:#fff2cc}
caption{text-align:left;padding:.3rem 0;font-size:.85em}
ul.plain{list-style:none;margin:0;padding:0}
form.workbench{display:flex;flex-direction:column;gap:.6rem;align-items:flex-start}
form.workbench label.sample{align-self:stretch}
.card.run h2{margin-top:0}
textarea{font:.85em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;width:100%;padding:.4rem .55rem;border:1px solid #b9c3cf;border-radius:4px;resize:vertical}
h3{font-size:1rem;margin:1rem 0 .4rem}
.versions{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.versions .card{flex:1 1 420px;min-width:0}
pre.diff .add{background:#dff5e3;display:block}
pre.diff .del{background:#fde0e0;display:block}
pre.diff .hunk{color:#5a6675;display:block}
@media (max-width:700px){main{padding:.6rem}th,td{padding:.35rem .4rem}body{font-size:14px}}
`;
