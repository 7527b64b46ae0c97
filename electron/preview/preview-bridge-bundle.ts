/** The browser bundle of preview-bridge.ts (built on the preview's start: it is development tooling, not shipped). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The path the preview serves the bridge at, and that index.html is given a script tag for. */
export const PREVIEW_BRIDGE_PATH = '/preview-bridge.js';

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preview-bridge.ts');

/** Bundles the bridge (and the transport and contract it imports) into one classic browser script. */
export async function buildPreviewBridge(): Promise<string> {
  const result = await build({ entryPoints: [ENTRY], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

/** index.html with the bridge's script tag before the renderer's module script (classic scripts run first). */
export function withPreviewBridge(indexHtml: string): string {
  const tag = `<script src=".${PREVIEW_BRIDGE_PATH}"></script>`;
  return indexHtml.includes('<script') ? indexHtml.replace('<script', `${tag}\n    <script`) : indexHtml.replace('</head>', `  ${tag}\n  </head>`);
}
