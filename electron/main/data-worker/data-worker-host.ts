/**
 * The data worker's side: it opens the app's services (database connections, scoring engine) in this
 * thread, registers every handler on a local table, and answers main's requests. Main has already
 * checked the sender and the request against the contract (and checks the response on its way out):
 * here a request is run, and its failure turned into the contract's error as data.
 *
 * The connections never busy-wait: a request that meets a lock held by another program (a CLI import,
 * a backup) is retried after a pause, asynchronously, so nothing else waits behind it; past BUSY_WAIT_MS
 * it answers 'busy' in words. Handlers write in one transaction each, so a retried request has written
 * nothing the first time.
 */
import type { MessagePort } from 'node:worker_threads';
import { isDatabaseBusy, neverBusyWait } from '../../../db/database-busy.js';
import { scoringDisabledMessage } from '../../../model/keys/trusted-keys.js';
import type { Channel, EventChannel } from '../../shared/contract.js';
import { fail, type Result } from '../../shared/errors.js';
import { openAppServices, type AppServices } from '../app-services.js';
import type { DesktopPort } from '../handlers/handler-services.js';
import { handlerFailure, type Handler, type IpcLogger, type IpcRouter, type SenderInfo } from '../ipc-handle.js';
import { preparePopulation, progressToWindow } from '../handlers/population-cache.js';
import { registerHandlers } from '../register-handlers.js';
import type { DataWorkerSetup, DataWorkerStatus, DesktopMethod, FromWorker, ToWorker } from './protocol.js';

/** How long a request may wait for another program's lock before it answers 'busy'. */
export const BUSY_WAIT_MS = 8000;
const BUSY_PAUSE_MS = 100;
/** Verbs that open a dialog first: re-running them would ask the user again, so a lock answers 'busy' at once. */
const NOT_RETRIED: ReadonlySet<Channel> = new Set(['models:install', 'import:start', 'letters:exportPdf']);

export const BUSY_MESSAGE = 'The database is busy with another program (an import or a backup): nothing was changed; try again in a moment.';

const WORKER_SENDER: SenderInfo = Object.freeze({ frameUrl: 'octroi-data-worker:', isMainFrame: true, webContentsId: -1 });

/** A table of handlers with the router's registration interface, run without re-validation. */
export function handlerTable(logger: IpcLogger) {
  const handlers = new Map<Channel, Handler<Channel>>();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const mapError = (error: unknown) => (isDatabaseBusy(error) ? { code: 'busy' as const, message: BUSY_MESSAGE } : undefined);

  async function run(channel: Channel, request: unknown): Promise<Result<unknown>> {
    const handler = handlers.get(channel);
    if (!handler) return fail('unknown-channel', `No handler for ${channel} in this build.`);
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (;;) {
      try {
        return { ok: true, value: await handler(request as never, { channel, sender: WORKER_SENDER }) };
      } catch (error) {
        if (isDatabaseBusy(error) && !NOT_RETRIED.has(channel) && Date.now() + BUSY_PAUSE_MS < deadline) {
          await sleep(BUSY_PAUSE_MS);
          continue;
        }
        return handlerFailure(channel, error, logger, mapError);
      }
    }
  }

  const router: IpcRouter = {
    handle(channel, handler) {
      if (handlers.has(channel)) throw new Error(`handle(): ${channel} already has a handler`);
      handlers.set(channel, handler as unknown as Handler<Channel>);
    },
    dispatch: (channel, _sender, payload) => run(channel as Channel, payload),
    registered: () => [...handlers.keys()],
  };
  return { router, run };
}

/** Runs the data worker on `port` until main sends 'close'. */
export async function runDataWorker(port: MessagePort, setup: DataWorkerSetup): Promise<void> {
  const post = (message: FromWorker) => port.postMessage(message);
  const logger: IpcLogger = {
    warn: (message, details) => post({ type: 'log', level: 'warn', message, details }),
    error: (message, details) => post({ type: 'log', level: 'error', message, details }),
  };
  let nextDesktopCall = 1;
  const desktopCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const askMain = (method: DesktopMethod, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextDesktopCall++;
      desktopCalls.set(id, { resolve, reject });
      post({ type: 'desktop', id, method, args });
    });
  const desktop: DesktopPort = {
    chooseFilesToOpen: (options) => askMain('chooseFilesToOpen', [options]) as Promise<string[]>,
    chooseSaveFile: (options) => askMain('chooseSaveFile', [options]) as Promise<string | null>,
    renderPdf: (html) => askMain('renderPdf', [html]) as Promise<Uint8Array>,
    emit: (event: EventChannel, payload: unknown) => post({ type: 'event', event, payload }),
  };

  let services: AppServices;
  try {
    // The key crossed the thread boundary as a Uint8Array (structured clone): a Buffer again here.
    services = await openAppServices({ ...setup.services, key: Buffer.from(setup.services.key), demo: { ...setup.services.demo, onStage: (stage) => post({ type: 'stage', stage }) } });
  } catch (error) {
    post({ type: 'open-failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
    return;
  }
  neverBusyWait(services.db);
  services.desktop = desktop;
  services.logger = logger;
  const table = handlerTable(logger);
  registerHandlers(table.router, services);
  // The stored population is brought up to date now, in the background: Compare's first call finds it ready
  // (there are no scores to store while scoring is disabled).
  if (!services.scoringDisabled) preparePopulation(services.db, services.engine, (error) => logger.error('the population could not be materialised', { error: String(error) }), progressToWindow(services));
  const status = (): DataWorkerStatus => ({
    createdDemo: services.createdDemo,
    modelVersion: services.scoringDisabled ? '—' : services.engine.modelVersion,
    scoringDisabled: services.scoringDisabled ? scoringDisabledMessage(services.scoringDisabled) : null,
    warnings: services.warnings,
    auditAtStart: { ok: services.auditAtStart.ok, entries: services.auditAtStart.entries },
  });

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'call':
        void table.run(message.channel, message.request).then((result) => post({ type: 'result', id: message.id, result }));
        return;
      case 'status':
        post({ type: 'status', id: message.id, status: status() });
        return;
      case 'desktop-reply': {
        const call = desktopCalls.get(message.id);
        desktopCalls.delete(message.id);
        if (!call) return;
        if (message.error !== undefined) call.reject(new Error(message.error));
        else call.resolve(message.value);
        return;
      }
      case 'close':
        void services
          .close()
          .catch((error: unknown) => logger.error('closing the data worker failed', { error: String(error) }))
          .finally(() => {
            post({ type: 'closed' });
            port.close();
          });
    }
  });
  post({ type: 'ready', status: status() });
}
