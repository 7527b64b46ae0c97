/**
 * `npm run preview`: the app's real handlers behind the browser preview server (127.0.0.1, a token per
 * run). How the UI is developed and tested where Electron cannot run; never part of the packaged app.
 * OCTROI_DB chooses the database (default demo/octroi-demo.db, built from synthetic data on first start).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPED_MODEL_PATH } from '../../model/shipped-model-path.js';
import { openAppServices } from '../main/app-services.js';
import { createIpcRouter, type IpcLogger } from '../main/ipc-handle.js';
import { registerHandlers } from '../main/register-handlers.js';
import { isPreviewSender, startPreviewServer } from './preview-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RENDERER_DIST = path.join(ROOT, 'renderer', 'dist');

const logger: IpcLogger = {
  warn: (message, details) => console.warn(`preview: ${message}`, details ?? ''),
  error: (message, details) => console.error(`preview: ${message}`, details ?? ''),
};

async function main(): Promise<void> {
  const dbPath = path.resolve(process.env.OCTROI_DB ?? path.join(ROOT, 'demo', 'octroi-demo.db'));
  const services = await openAppServices({
    dbPath,
    modelPath: process.env.OCTROI_MODEL ?? SHIPPED_MODEL_PATH,
    demo: { onStage: (stage) => console.error(`preview: demo database: ${stage}…`) },
  });
  const router = createIpcRouter({ isTrustedSender: isPreviewSender, logger });
  const channels = registerHandlers(router, services);
  const staticDir = fs.existsSync(path.join(RENDERER_DIST, 'index.html')) ? RENDERER_DIST : undefined;
  const server = await startPreviewServer({ router, staticDir, logger });
  console.log(`Octroi preview on ${server.url} — database ${dbPath}, model ${services.engine.modelVersion}`);
  console.log(`${channels.length} IPC channels served${staticDir ? '' : ' (no built renderer yet: IPC only)'}`);
  console.log(`Open: ${server.pageUrl}`);
  const stop = async () => {
    await server.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`preview: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
