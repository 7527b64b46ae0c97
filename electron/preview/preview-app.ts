/**
 * The browser preview as one function, arranged as the desktop app: the data worker (the database, the
 * model and every handler, off this thread), the IPC router forwarding to it, a DesktopPort for a browser
 * (no native dialogs: files go to a fixed folder), and the loopback server serving the built renderer. `npm run preview` and the end-to-end tests both start it here, so
 * what the tests drive is what a developer opens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseKeyError, isClearDatabaseFile, keyFromEnvironment, type DatabaseKey } from '../../db/database-key.js';
import { demoDatabaseKey, demoKeyPath } from '../../demo/demo-database-key.js';
import { renderPdfWithChromium } from '../../model/governance/letters/chromium-pdf.js';
import { SHIPPED_MODEL_PATH } from '../../model/model-file/shipped-model-path.js';
import type { AppServicesOptions } from '../main/app-services.js';
import { registerForwarders, startDataWorker, type DataWorker } from '../main/data-worker/client.js';
import type { DesktopPort } from '../main/handlers/handler-services.js';
import { createIpcRouter, type IpcLogger } from '../main/ipc-handle.js';
import type { Channel } from '../shared/contract.js';
import { buildPreviewBridge } from './preview-bridge-bundle.js';
import { isPreviewSender, startPreviewServer, type PreviewServer } from './preview-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where `vite build` writes the renderer (OCTROI_RENDERER_DIST: another build, e.g. one made with `--outDir`). */
export const RENDERER_DIST = process.env.OCTROI_RENDERER_DIST ? path.resolve(process.env.OCTROI_RENDERER_DIST) : path.join(ROOT, 'renderer', 'dist');

/** Options of startPreviewApp. */
export interface PreviewAppOptions {
  dbPath: string;
  /** The database's key; default previewDatabaseKey(dbPath). */
  key?: DatabaseKey;
  modelPath?: string;
  /** Where "save" dialogs write (letters): the browser has no native dialog. Default: <db folder>/preview-out. */
  outputDir?: string;
  /** Files an import "dialog" picks (the browser cannot pass paths). Default: none (the import answers 'cancelled'). */
  importFiles?: string[];
  /** Renders HTML to PDF; default: headless Chromium (OCTROI_CHROMIUM or /usr/bin/chromium), as the CLI's letters. */
  renderPdf?: (html: string) => Promise<Uint8Array>;
  demo?: AppServicesOptions['demo'];
  /** The model keys trusted (default: a development run's, the DEMO key when nothing is deployed); [] shows an installed app with none deployed. */
  trustedKeys?: readonly string[];
  logger?: IpcLogger;
  port?: number;
}

/** A running preview. */
export interface PreviewApp {
  server: PreviewServer;
  /** The database the preview serves. */
  dbPath: string;
  /** The data worker behind the router (its status says which model is in use). */
  worker: DataWorker;
  /** What the worker's dialogs, PDF and events go to (tests may replace its methods). */
  desktop: DesktopPort;
  channels: Channel[];
  /** Whether a built renderer is served (else only /ipc and /events). */
  servesRenderer: boolean;
  close(): Promise<void>;
}

/**
 * The key the preview opens `dbPath` with: OCTROI_DB_KEY_FILE / OCTROI_DB_KEY, else the DEMO key beside a
 * demo database (created with a new one). A clear database is encrypted with the key given in the
 * environment, never with a DEMO key; without one it is refused with what to do.
 */
export function previewDatabaseKey(dbPath: string, env: NodeJS.ProcessEnv = process.env): DatabaseKey {
  const given = keyFromEnvironment(env);
  if (given) return given;
  if (!fs.existsSync(dbPath) || fs.existsSync(demoKeyPath(dbPath))) return demoDatabaseKey(dbPath);
  if (isClearDatabaseFile(dbPath)) {
    throw new DatabaseKeyError('clear', `The database ${dbPath} is not encrypted: give the key to encrypt it with (OCTROI_DB_KEY_FILE), or encrypt it first with octroi db encrypt.`);
  }
  throw new DatabaseKeyError('missing', `The database ${dbPath} is encrypted: give its key with OCTROI_DB_KEY_FILE.`);
}

/** Starts the preview: services, handlers, desktop port, server. */
export async function startPreviewApp(options: PreviewAppOptions): Promise<PreviewApp> {
  const logger = options.logger ?? {
    warn: (message: string, details?: unknown) => console.warn(`preview: ${message}`, details ?? ''),
    error: (message: string, details?: unknown) => console.error(`preview: ${message}`, details ?? ''),
  };
  const key = options.key ?? previewDatabaseKey(options.dbPath);
  const { onStage, ...demo } = options.demo ?? {};
  const worker = await startDataWorker({
    services: { dbPath: options.dbPath, key, modelPath: options.modelPath ?? SHIPPED_MODEL_PATH, trustedKeys: options.trustedKeys, demo },
    onStage,
    logger,
  });
  try {
    const router = createIpcRouter({ isTrustedSender: isPreviewSender, logger });
    const outputDir = options.outputDir ?? path.join(path.dirname(options.dbPath), 'preview-out');
    let server: PreviewServer | null = null;
    const desktop: DesktopPort = {
      async chooseFilesToOpen() {
        return [...(options.importFiles ?? [])];
      },
      async chooseSaveFile({ defaultName }) {
        await fs.promises.mkdir(outputDir, { recursive: true });
        // Only the file name of the suggestion is used: the renderer never chooses a folder.
        return path.join(outputDir, path.basename(defaultName));
      },
      async renderPdf(html) {
        return (options.renderPdf ?? renderPdfWithChromium)(html);
      },
      emit(event, payload) {
        server?.broadcast(event, payload);
      },
    };
    worker.setDesktop(desktop);
    const channels = registerForwarders(router, worker);
    const servesRenderer = fs.existsSync(path.join(RENDERER_DIST, 'index.html'));
    server = await startPreviewServer({
      router,
      staticDir: servesRenderer ? RENDERER_DIST : undefined,
      bridgeScript: servesRenderer ? await buildPreviewBridge() : undefined,
      logger,
      port: options.port,
    });
    const running = server;
    return {
      server: running,
      dbPath: options.dbPath,
      worker,
      desktop,
      channels,
      servesRenderer,
      async close() {
        await running.close();
        await worker.close();
      },
    };
  } catch (error) {
    await worker.close();
    throw error;
  }
}
