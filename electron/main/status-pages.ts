/**
 * The small pages main shows in the window itself: "preparing the demo database" while services open,
 * and an error page when something fails (never a white screen). Self-contained data: URLs with their
 * own strict CSP (no script at all); every text is HTML-escaped. Pure: tested in Node.
 */
import { escapeHtml } from '../../model/governance/letters/escape-html.js';

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center;background:#f6f7f9;color:#1d2530}
main{max-width:42rem;padding:2rem}h1{font-size:1.4rem;margin:0 0 .5rem}p{line-height:1.5;margin:.4rem 0}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #d5d9e0;padding:.8rem;font-size:.85rem;max-height:40vh;overflow:auto}
.en{color:#56606e}.bar{height:4px;background:#d5d9e0;overflow:hidden;margin:1rem 0}.bar i{display:block;height:100%;width:30%;background:#2f5fb3;animation:m 1.4s infinite ease-in-out}
@keyframes m{0%{margin-left:-30%}100%{margin-left:100%}}@media (prefers-reduced-motion:reduce){.bar i{animation:none;width:100%}}`;

function page(title: string, body: string): string {
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** The page shown while the database and the model open (`stage`: what is being done, e.g. "importing"). */
export function loadingPageUrl(stage: string | null): string {
  return page(
    'Octroi',
    `<h1>Octroi</h1><p>Préparation de la base de démonstration… <span class="en">/ Preparing the demo database…</span></p>
<div class="bar" role="progressbar" aria-label="Préparation"><i></i></div>${stage ? `<p class="en">${escapeHtml(stage)}</p>` : ''}`,
  );
}

/** The page shown instead of the app when it cannot start or its page crashed; `details` goes in a <pre>. */
export function errorPageUrl(title: string, details: string, logFile: string | null): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><pre>${escapeHtml(details.slice(0, 8000))}</pre>
<p>Redémarrez Octroi ; si le problème persiste, transmettez le journal au support informatique.
<span class="en">Restart Octroi; if the problem persists, send the log to IT support.</span></p>
${logFile ? `<p>Journal / log: <code>${escapeHtml(logFile)}</code></p>` : ''}`,
  );
}
