/**
 * The one validating IPC router of main (VS Code's validatedIpcMain, Signal's wrapResult): every request
 * from the renderer goes through `dispatch`, which rejects channels outside the contract, senders that
 * are not our window's main frame, and payloads that do not parse, then runs the handler and checks its
 * response against the contract. Errors come back as data; no exception ever escapes.
 * Pure on purpose (no `electron` import): electron/main/ipc-main-bridge.ts connects it to ipcMain.handle,
 * and the browser preview to its loopback server; tests run it in plain Node.
 */
import type { z } from 'zod';
import { CONTRACT, isChannel, type Channel, type ParsedRequestOf, type ResponseOf } from '../shared/contract.js';
import { DomainError, fail, ok, type IpcError, type Issue, type Result } from '../shared/errors.js';

/** Who sent a message: from Electron's `event.senderFrame` and `event.sender` (the bridge fills it in). */
export interface SenderInfo {
  /** URL of the frame that sent the message. */
  frameUrl: string;
  /** False for iframes: only the top frame of our window may call main. */
  isMainFrame: boolean;
  webContentsId: number;
}

/** Where main's log goes (electron-log or pino in the app, a spy in tests). */
export interface IpcLogger {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** What a handler gets besides its parsed request. */
export interface HandlerContext {
  channel: Channel;
  sender: SenderInfo;
}

/** The implementation of one channel: a parsed request in, a response of the contract out (or a thrown DomainError). */
export type Handler<C extends Channel> = (request: ParsedRequestOf<C>, context: HandlerContext) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** Options of createIpcRouter. */
export interface IpcRouterOptions {
  /** True only for our window's main frame at our origin (see trustedSender). */
  isTrustedSender: (sender: SenderInfo) => boolean;
  logger?: IpcLogger;
  /**
   * Maps errors of the domain code (e.g. UnknownClientError → 'not-found') to an error of the contract;
   * undefined = not a known error ('internal'). DomainError needs no mapping.
   */
  mapError?: (error: unknown) => IpcError | undefined;
}

/** The router: handlers registered at boot, messages dispatched to them. */
export interface IpcRouter {
  /** Registers the handler of a contract channel (once per channel: a second registration throws). */
  handle<C extends Channel>(channel: C, handler: Handler<C>): void;
  /** Validates and runs one request; always resolves to an envelope, never rejects. */
  dispatch(channel: unknown, sender: unknown, payload: unknown): Promise<Result<unknown>>;
  /** The channels with a handler (the boot sequence checks every channel of the contract has one). */
  registered(): Channel[];
}

const MAX_ISSUES = 20;
const MAX_PATH = 200;
const MAX_MESSAGE = 500;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Zod issues as path + message, bounded (a hostile payload cannot make the answer huge). */
export function summariseIssues(error: z.ZodError): Issue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: clip(issue.path.map(String).join('.'), MAX_PATH),
    message: clip(issue.message, MAX_MESSAGE),
  }));
}

/** A printable description of an untrusted value, for messages (never the value itself, which may be huge). */
function describeChannel(channel: unknown): string {
  return typeof channel === 'string' ? JSON.stringify(clip(channel, 80)) : `a ${channel === null ? 'null' : typeof channel}`;
}

/** The sender as SenderInfo, or null when it is not one (the bridge always builds it; this guards the rest). */
function asSender(value: unknown): SenderInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const { frameUrl, isMainFrame, webContentsId } = value as Record<string, unknown>;
  if (typeof frameUrl !== 'string' || typeof isMainFrame !== 'boolean' || typeof webContentsId !== 'number') return null;
  return { frameUrl, isMainFrame, webContentsId };
}

/**
 * What a handler's exception becomes as data: a DomainError's code and message, a mapped error, else
 * 'internal' (logged with its stack, never detailed to the renderer). Shared by this router and the data
 * worker, which runs the handlers.
 */
export function handlerFailure(channel: Channel, error: unknown, logger: IpcLogger, mapError?: (error: unknown) => IpcError | undefined): Result<never> {
  if (error instanceof DomainError) return fail(error.code, error.message, error.issues);
  let mapped: IpcError | undefined;
  try {
    mapped = mapError?.(error);
  } catch (mapping) {
    logger.error('IPC error mapping failed', { channel, error: String(mapping) });
  }
  if (mapped) return { ok: false, error: mapped };
  logger.error('IPC handler failed', { channel, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return fail('internal', `Internal error in ${channel}; the details are in the log.`);
}

const silentLogger: IpcLogger = { warn: () => undefined, error: () => undefined };

/** A router that validates everything that crosses the boundary, both ways. */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const logger = options.logger ?? silentLogger;
  const handlers = new Map<Channel, Handler<Channel>>();

  const errorResult = (channel: Channel, error: unknown) => handlerFailure(channel, error, logger, options.mapError);

  async function dispatchChecked(channel: unknown, rawSender: unknown, payload: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      logger.warn('IPC: unknown channel', { channel: describeChannel(channel) });
      return fail('unknown-channel', `Unknown channel ${describeChannel(channel)}.`);
    }
    const sender = asSender(rawSender);
    let trusted = false;
    try {
      trusted = sender !== null && sender.isMainFrame && options.isTrustedSender(sender) === true;
    } catch (error) {
      logger.error('IPC: sender check failed', { channel, error: String(error) });
    }
    if (!trusted) {
      logger.warn('IPC: message from a foreign sender refused', { channel, frameUrl: sender ? clip(sender.frameUrl, 200) : null });
      return fail('forbidden-sender', `${channel} refused: the message does not come from the application window.`);
    }
    const handler = handlers.get(channel);
    if (!handler) {
      logger.error('IPC: no handler registered', { channel });
      return fail('unknown-channel', `No handler for ${channel} in this build.`);
    }
    const parsed = CONTRACT[channel].request.safeParse(payload);
    if (!parsed.success) {
      const issues = summariseIssues(parsed.error);
      return fail('invalid-request', `Invalid request for ${channel}: ${issues.map((i) => `${i.path || '(request)'}: ${i.message}`).join('; ')}`.slice(0, 2000), issues);
    }
    let response: unknown;
    try {
      response = await handler(parsed.data, { channel, sender: sender! });
    } catch (error) {
      return errorResult(channel, error);
    }
    const checked = CONTRACT[channel].response.safeParse(response);
    if (!checked.success) {
      // A handler bug: the renderer must never receive data outside the contract.
      logger.error('IPC: handler response does not match the contract', { channel, issues: summariseIssues(checked.error) });
      return fail('internal', `Internal error in ${channel}: the answer does not match the contract; the details are in the log.`);
    }
    return ok(checked.data);
  }

  return {
    handle(channel, handler) {
      if (!isChannel(channel)) throw new Error(`handle(): ${describeChannel(channel)} is not a channel of the contract`);
      if (handlers.has(channel)) throw new Error(`handle(): ${channel} already has a handler`);
      handlers.set(channel, handler as unknown as Handler<Channel>);
    },
    async dispatch(channel, sender, payload) {
      try {
        return await dispatchChecked(channel, sender, payload);
      } catch (error) {
        // Last line of defence (a getter on a hostile payload, a logger that throws): still an envelope.
        try {
          logger.error('IPC dispatch failed', { error: String(error) });
        } catch {
          // The logger itself failed: nothing more to do than answer.
        }
        return fail('internal', 'Internal error; the details are in the log.');
      }
    },
    registered: () => [...handlers.keys()],
  };
}

/**
 * The usual trust predicate: a sender is ours when it is one of our windows' web contents and its frame
 * URL has our scheme and host (e.g. app://octroi or http://127.0.0.1:5173 in development). Compares
 * protocol + host rather than URL.origin, which is "null" for custom schemes and file: (for file:, the
 * exact page path too).
 */
export function trustedSender(options: { appUrl: string; isOurWebContents: (webContentsId: number) => boolean }): (sender: SenderInfo) => boolean {
  const expected = new URL(options.appUrl);
  return (sender) => {
    if (!sender.isMainFrame || !options.isOurWebContents(sender.webContentsId)) return false;
    let url: URL;
    try {
      url = new URL(sender.frameUrl);
    } catch {
      return false;
    }
    if (url.protocol !== expected.protocol || url.host !== expected.host || url.username !== '' || url.password !== '') return false;
    // file: URLs have no host: any local file would match, so the page itself must be ours.
    return expected.protocol !== 'file:' || url.pathname === expected.pathname;
  };
}
