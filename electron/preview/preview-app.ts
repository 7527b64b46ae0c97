/**
 * The browser preview as one function: the app's services (database, model), the IPC router with every
 * handler, a DesktopPort for a browser (no native dialogs: files go to a fixed folder), and the loopback
 * server serving the built renderer. `npm run preview` and the end-to-end tests both start it here, so
 * what the tests drive is what a developer opens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPdfWithChromium } from '../../model/governance/letters/chromium-pdf.js';
import { SHIPPED_MODEL_PATH } from '../../model/model-file/shipped-model-path.js';
import { openAppServices, type AppServices, type AppServicesOptions } from '../main/app-services.js';
import type { DesktopPort } from '../main/handlers/handler-services.js';
import { createIpcRouter, type IpcLogger } from '../main/ipc-handle.js';
import { registerHandlers } from '../main/register-handlers.js';
import type { Channel } from '../shared/contract.js';
import { buildPreviewBridge } from './preview-bridge-bundle.js';
import { isPreviewSender, startPreviewServer, type PreviewServer } from './preview-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where `vite build` writes the renderer (OCTROI_RENDERER_DIST: another build, e.g. one made with `--outDir`). */
export const RENDERER_DIST = process.env.OCTROI_RENDERER_DIST ? path.resolve(process.env.OCTROI_RENDERER_DIST) : path.join(ROOT, 'renderer', 'dist');

/** Options of startPreviewApp. */
export interface PreviewAppOptions {
  dbPath: string;
  modelPath?: string;
  /** Where "save" dialogs write (letters): the browser has no native dialog. Default: <db folder>/preview-out. */
  outputDir?: string;
  /** Files an import "dialog" picks (the browser cannot pass paths). Default: none (the import answers 'cancelled'). */
  importFiles?: string[];
  /** Renders HTML to PDF; default: headless Chromium (OCTROI_CHROMIUM or /usr/bin/chromium), as the CLI's letters. */
  renderPdf?: (html: string) => Promise<Uint8Array>;
  demo?: AppServicesOptions['demo'];
  logger?: IpcLogger;
  port?: number;
}

/** A running preview. */
export interface PreviewApp {
  server: PreviewServer;
  services: AppServices;
  channels: Channel[];
  /** Whether a built renderer is served (else only /ipc and /events). */
  servesRenderer: boolean;
  close(): Promise<void>;
}

/** Starts the preview: services, handlers, desktop port, server. */
export async function startPreviewApp(options: PreviewAppOptions): Promise<PreviewApp> {
  const logger = options.logger ?? {
    warn: (message: string, details?: unknown) => console.warn(`preview: ${message}`, details ?? ''),
    error: (message: string, details?: unknown) => console.error(`preview: ${message}`, details ?? ''),
  };
  const services = await openAppServices({ dbPath: options.dbPath, modelPath: options.modelPath ?? SHIPPED_MODEL_PATH, demo: options.demo });
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
    services.desktop = desktop;
    const channels = registerHandlers(router, services);
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
      services,
      channels,
      servesRenderer,
      async close() {
        await running.close();
        await services.close();
      },
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}
