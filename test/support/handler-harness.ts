/**
 * The handlers behind the IPC contract as the app runs them: the real validating router
 * (createIpcRouter → registerHandlers) on a database with the shipped model, with a session that tests
 * sign in and out of. What every handler test starts from.
 */
import type { Db } from '../../db/open-database.js';
import type { Lang } from '../../common/lang.js';
import type { DesktopPort, HandlerServices, ModelStore, SessionUser } from '../../electron/main/handlers/handler-services.js';
import { createIpcRouter, type IpcRouter, type SenderInfo } from '../../electron/main/ipc-handle.js';
import { registerHandlers } from '../../electron/main/register-handlers.js';
import type { Channel, ResponseOf } from '../../electron/shared/contract.js';
import type { IpcError, Result } from '../../electron/shared/errors.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { demoUser } from './session.js';
import { openShippedEngine, openShippedFixture } from './shipped-engine.js';

/** Our window's main frame: the one sender the router trusts. */
export const APP_SENDER: SenderInfo = { frameUrl: 'app://octroi/index.html', isMainFrame: true, webContentsId: 1 };

/** Who a harness's session is signed in as: a DEMO account of the database, a given user, or nobody. */
export type SignedIn = 'agent' | 'manager' | SessionUser | null;

export interface HandlerHarnessOptions {
  /** The database to serve (default: a fresh copy of the synthetic fixture); the harness closes it. */
  database?: { db: Db; dbPath: string };
  /** The language of main's own words (default 'fr'). */
  lang?: Lang;
  /** Who is signed in at the start (default nobody). */
  signedIn?: SignedIn;
  desktop?: DesktopPort;
  models?: ModelStore;
}

export interface HandlerHarness {
  db: Db;
  dbPath: string;
  /** The engine the handlers use now (a model install swaps it in `services`). */
  readonly engine: ScoringEngine;
  router: IpcRouter;
  /** The services the handlers were registered with (tests change the session or the engine in them). */
  services: HandlerServices;
  /** The channels registerHandlers registered. */
  registered: Channel[];
  /** Dispatches a request from our window; resolves to the envelope, never rejects. */
  dispatch(channel: Channel, payload: unknown): Promise<Result<unknown>>;
  /** Dispatches and returns the value, failing the test on an error envelope. */
  call<C extends Channel>(channel: C, payload: unknown): Promise<ResponseOf<C>>;
  /** Dispatches and returns the error, failing the test when the request succeeds. */
  failure(channel: Channel, payload: unknown): Promise<IpcError>;
  /** Signs the session in as `who` (nobody for null), as fresh as a new sign-in; returns the user. */
  signIn(who: SignedIn): SessionUser | null;
  /** Closes the engine in use and the database. */
  close(): Promise<void>;
}

/** A desktop whose dialogs pick nothing, whose PDFs are empty and whose events go nowhere, but for what a test gives. */
export function testDesktop(overrides: Partial<DesktopPort> = {}): DesktopPort {
  return {
    chooseFilesToOpen: async () => [],
    chooseSaveFile: async () => null,
    renderPdf: async () => new Uint8Array(),
    emit: () => undefined,
    ...overrides,
  };
}

/** Opens the database (the synthetic fixture unless given) and the shipped model, and registers every handler on a router. */
export async function openHandlerHarness(options: HandlerHarnessOptions = {}): Promise<HandlerHarness> {
  const opened = options.database
    ? { ...options.database, engine: await openShippedEngine() }
    : await openShippedFixture();
  const { db, dbPath } = opened;
  const services: HandlerServices = {
    db,
    dbPath,
    engine: opened.engine,
    lang: options.lang ?? 'fr',
    session: { user: null },
    desktop: options.desktop,
    models: options.models,
  };
  const router = createIpcRouter({ isTrustedSender: (sender) => sender.frameUrl === APP_SENDER.frameUrl });
  const registered = registerHandlers(router, services);
  const dispatch = (channel: Channel, payload: unknown) => router.dispatch(channel, APP_SENDER, payload);
  const signIn = (who: SignedIn) => {
    services.session.user = typeof who === 'string' ? demoUser(db, who) : who;
    services.session.lastActivity = undefined;
    return services.session.user;
  };
  signIn(options.signedIn ?? null);
  return {
    db,
    dbPath,
    get engine() {
      return services.engine;
    },
    router,
    services,
    registered,
    dispatch,
    async call<C extends Channel>(channel: C, payload: unknown) {
      const result = await dispatch(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value as ResponseOf<C>;
    },
    async failure(channel, payload) {
      const result = await dispatch(channel, payload);
      if (result.ok) throw new Error(`${channel} should have failed, answered ${JSON.stringify(result.value).slice(0, 200)}`);
      return result.error;
    },
    signIn,
    async close() {
      await services.engine.close();
      db.close();
    },
  };
}
