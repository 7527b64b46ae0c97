/**
 * The renderer's Content Security Policy, defined once: written into renderer/index.html at build time
 * (vite), sent as a header by Electron's app:// protocol handler and by the browser preview server.
 * Only our own scripts, no eval (plotly's strict bundle needs none), no plugins, no framing; inline
 * styles are allowed because React and plotly set style attributes; data:/blob: images are plotly's.
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
