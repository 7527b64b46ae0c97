/**
 * The one Api object of the renderer: the preload's `window.octroi` in Electron, or a loopback transport
 * to `npm run preview` in a browser (the token comes in the page URL's fragment). Nothing else in the
 * renderer talks to main.
 */
import { createApi } from '../../../electron/shared/contract-api';
import type { Api } from '../../../electron/shared/contract';
import { createPreviewTransport, tokenFromFragment } from '../../../electron/preview/preview-transport';

declare global {
  interface Window {
    /** Exposed by electron/preload/preload.ts through contextBridge. */
    readonly octroi?: Api;
  }
}

function connect(): Api | null {
  if (window.octroi) return window.octroi;
  const token = tokenFromFragment(window.location.hash);
  if (!token) return null;
  // The token stays in memory only: the fragment is cleared so it is not kept in history or screenshots.
  window.history.replaceState(null, '', window.location.pathname);
  return createApi(createPreviewTransport({ origin: window.location.origin, token }));
}

/** The Api, or null when the page was opened neither by Electron nor with a preview token. */
export const api: Api | null = connect();

/** The Api for screens (they only render when it exists: main.tsx checks). */
export function useApi(): Api {
  if (!api) throw new Error('No Octroi API in this page');
  return api;
}
