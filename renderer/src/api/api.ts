/**
 * The one Api object of the renderer: `window.octroi`, put there by Electron's preload (or, in
 * `npm run preview`, by the preview's bridge script, which the production bundle never contains). Nothing
 * else in the renderer talks to main.
 */
import type { Api } from '../../../electron/shared/contract';

declare global {
  interface Window {
    /** Exposed by electron/preload/preload.ts through contextBridge (electron/preview/preview-bridge.ts in the preview). */
    readonly octroi?: Api;
  }
}

/** The Api, or null when the page was opened neither by Electron nor with a preview token. */
export const api: Api | null = window.octroi ?? null;

/** The Api for screens (they only render when it exists: main.tsx checks). */
export function useApi(): Api {
  if (!api) throw new Error('No Octroi API in this page');
  return api;
}
