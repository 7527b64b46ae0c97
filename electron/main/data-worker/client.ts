/**
 * Main's side of the data worker: starts the thread that owns the database and runs the handlers, and
 * registers on main's router one forwarder per implemented channel. Main keeps what only it can do:
 * checking the sender and the request against the contract (ipc-handle.ts), the desktop (dialogs, PDF,
 * events to the window). Its event loop never runs a query, a lock wait or a population build.
 */
import { Worker } from 'node:worker_threads';
import type { Channel } from '../../shared/contract.js';
import { DomainError, type Result } from '../../shared/errors.js';
import { IMPLEMENTED_CHANNELS } from '../channels.js';
import type { DesktopPort } from '../handlers/handler-services.js';
import type { IpcLogger, IpcRouter } from '../ipc-handle.js';
import type { DataWorkerSetup, DataWorkerStatus, FromWorker, ToWorker } from './protocol.js';

/** The host module beside this file, in the same language as this file (TypeScript under tsx, else JavaScript). */
const HOST_MODULE = new URL(`./data-worker-host${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** A running data worker. */
export interface DataWorker {
  /** What the worker opened: demo built or not, the model in use, start warnings. */
  readonly opened: DataWorkerStatus;
  /** Runs one (already validated) request in the worker. */
  call(channel: Channel, request: unknown): Promise<Result<unknown>>;
  /** The worker's current status (the model in use changes with installs). */
  status(): Promise<DataWorkerStatus>;
  /** Closes the services and stops the thread. */
  close(): Promise<void>;
}

/** Options of startDataWorker. */
export interface StartDataWorkerOptions extends DataWorkerSetup {
  /** Answers the worker's dialog, PDF and event requests (set later with setDesktop when not known yet). */
  desktop?: DesktopPort;
  onStage?: (stage: string) => void;
  logger?: IpcLogger;
  /** Environment of the thread (the Electron bundle passes where the shipped model is). */
  env?: Record<string, string | undefined>;
  /** The worker script and its host module; the defaults are beside this module (tests start a built copy). */
  workerUrl?: URL;
  hostModule?: string;
}

/** Starts the worker and waits until its services are open (or throws the reason they could not open). */
export async function startDataWorker(options: StartDataWorkerOptions): Promise<DataWorker & { setDesktop(desktop: DesktopPort): void }> {
  const { setup, logger } = { setup: { services: options.services }, logger: options.logger };
  const worker = new Worker(options.workerUrl ?? new URL('./data-worker.mjs', import.meta.url), {
    workerData: { hostModule: options.hostModule ?? HOST_MODULE, setup },
    env: options.env ?? process.env,
  });
  let desktop = options.desktop;
  let nextId = 1;
  const pending = new Map<number, (message: FromWorker) => void>();
  const send = (message: ToWorker) => worker.postMessage(message);
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure = error;
    for (const answer of pending.values()) answer({ type: 'result', id: -1, result: { ok: false, error: { code: 'internal', message: 'The data worker stopped; restart Octroi.' } } });
    pending.clear();
  };
  let onClosed: () => void = () => undefined;

  const opened = await new Promise<DataWorkerStatus>((resolve, reject) => {
    worker.on('error', (error) => {
      logger?.error('data worker failed', { error: error.stack ?? error.message });
      reject(error);
      failAll(error);
    });
    worker.on('exit', (code) => {
      reject(new Error(`The data worker stopped before it was ready (exit code ${code}).`));
      failAll(new Error(`The data worker stopped (exit code ${code}).`));
      onClosed();
    });
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'stage':
          options.onStage?.(message.stage);
          return;
        case 'ready':
          resolve(message.status);
          return;
        case 'open-failed':
          reject(new Error(message.message));
          return;
        case 'result':
        case 'status': {
          const answer = pending.get(message.id);
          pending.delete(message.id);
          answer?.(message);
          return;
        }
        case 'event':
          desktop?.emit(message.event, message.payload as never);
          return;
        case 'log':
          logger?.[message.level](message.message, message.details);
          return;
        case 'desktop':
          void answerDesktop(message.id, message.method, message.args);
          return;
        case 'closed':
          onClosed();
      }
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  async function answerDesktop(id: number, method: 'chooseFilesToOpen' | 'chooseSaveFile' | 'renderPdf', args: unknown[]): Promise<void> {
    try {
      if (!desktop) throw new Error('No desktop is available to this window.');
      const value = await (desktop[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      send({ type: 'desktop-reply', id, value });
    } catch (error) {
      send({ type: 'desktop-reply', id, error: error instanceof Error ? error.message : String(error) });
    }
  }

  const ask = <T>(message: (id: number) => ToWorker, read: (answer: FromWorker) => T, stopped: T): Promise<T> => {
    if (failure) return Promise.resolve(stopped);
    const id = nextId++;
    return new Promise<T>((resolve) => {
      pending.set(id, (answer) => resolve('id' in answer && answer.id === -1 ? stopped : read(answer)));
      send(message(id));
    });
  };

  return {
    opened,
    setDesktop(next) {
      desktop = next;
    },
    call: (channel, request) =>
      ask(
        (id) => ({ type: 'call', id, channel, request }),
        (answer) => (answer as { result: Result<unknown> }).result,
        { ok: false, error: { code: 'internal', message: 'The data worker stopped; restart Octroi.' } } as Result<unknown>,
      ),
    status: () =>
      ask(
        (id) => ({ type: 'status', id }),
        (answer) => (answer as { status: DataWorkerStatus }).status,
        opened,
      ),
    async close() {
      if (failure) return;
      const closed = new Promise<void>((resolve) => (onClosed = resolve));
      send({ type: 'close' });
      await closed;
      await worker.terminate();
    },
  };
}

/**
 * Registers on main's router a forwarder for every implemented channel: the worker's answer comes back as
 * the handler's value, or its error as the same DomainError (so the envelope the window gets is the same).
 */
export function registerForwarders(router: IpcRouter, worker: Pick<DataWorker, 'call'>): Channel[] {
  for (const channel of IMPLEMENTED_CHANNELS) {
    router.handle(channel, async (request) => {
      const result = await worker.call(channel, request);
      if (result.ok) return result.value as never;
      throw new DomainError(result.error.code, result.error.message, result.error.issues);
    });
  }
  return router.registered();
}
