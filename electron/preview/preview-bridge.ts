/// <reference lib="dom" />
/**
 * The preview's stand-in for the preload, run in the browser before the renderer: builds the Api over the
 * loopback transport (token from the page URL's fragment) and exposes it as `window.octroi`, exactly where
 * Electron's preload puts it. The preview server bundles this file and injects it into index.html, so the
 * production renderer knows only `window.octroi` and never contains the preview's transport or token code.
 */
import { createApi } from '../shared/contract-api.js';
import { createPreviewTransport, tokenFromFragment } from './preview-transport.js';

const token = tokenFromFragment(window.location.hash);
if (token) {
  // The token stays in memory only: the fragment is cleared so it is not kept in history or screenshots.
  window.history.replaceState(null, '', window.location.pathname);
  const api = createApi(createPreviewTransport({ origin: window.location.origin, token }));
  // Read-only and frozen, like contextBridge's object.
  Object.defineProperty(window, 'octroi', { value: Object.freeze(api), writable: false, configurable: false, enumerable: true });
}
