/** What the handlers of main work with, the signed-in user, and the one place a missing client becomes 'not-found'. */
import type { Db } from '../../../db/open-database.js';
import type { ClientRecords } from '../../../model/features/client-records.js';
import { readClientRecords } from '../../../model/features/read-client-records.js';
import type { Lang } from '../../../common/lang.js';
import { scoringDisabledMessage, type ScoringDisabled } from '../../../model/keys/trusted-keys.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import type { EventChannel, EventOf } from '../../shared/contract.js';
import { DomainError } from '../../shared/errors.js';
import type { IpcLogger } from '../ipc-handle.js';

/** A role of a local account: officers score and decide; managers also set the policy and install models. */
export type Role = 'officer' | 'manager';

/** The user signed in to this window (row of app_user, without the password hash). */
export interface SessionUser {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  branch: string;
}

/** The sign-in state of the one window main serves (the preview: of its one page). */
export interface Session {
  user: SessionUser | null;
  /** When the user last did something that needed the session (ms since epoch): requireUser refreshes it. */
  lastActivity?: number;
  /** Idle time after which the session counts as locked (ms; set at sign-in from the lock delay setting). */
  lockAfterMs?: number;
}

/** Where installed models go and which model the build ships (the bottom of the rollback stack). */
export interface ModelStore {
  /** The folder installed models are copied into (beside the database by default). */
  dir: string;
  /** The model shipped with the build. */
  basePath: string;
  /** The public keys (PEM) whose signatures are accepted (the configured ones when absent). */
  trustedKeys?: readonly string[];
}

/**
 * What a handler needs from the desktop around it: file dialogs, HTML → PDF, events to the window.
 * Electron main implements it with dialog/printToPDF/webContents.send, the browser preview with a
 * fixed output folder, headless Chromium and Server-Sent Events, tests with a temporary folder: the
 * handlers themselves never import Electron.
 */
export interface DesktopPort {
  /** Asks the user for files to open (CSV imports); [] when cancelled. */
  chooseFilesToOpen(options: { title: string; extensions: string[] }): Promise<string[]>;
  /** Asks the user where to save a file; null when cancelled. */
  chooseSaveFile(options: { title: string; defaultName: string; extensions: string[] }): Promise<string | null>;
  /** Renders a self-contained HTML page (A4) to PDF bytes. */
  renderPdf(html: string): Promise<Uint8Array>;
  /** Pushes an event to the window. */
  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void;
}

/** The services every handler reads: one database connection, its path, the scoring engine, the default language, the session, the desktop. */
export interface HandlerServices {
  db: Db;
  dbPath: string;
  /**
   * The engine of the model in service. Where scoring is disabled (scoringDisabled), reading it throws
   * DomainError('scoring-disabled') in words for IT: every verb that needs the model refuses, the others work.
   */
  engine: ScoringEngine;
  /** Why scoring is refused on this workstation; null or absent: the engine is in service. */
  readonly scoringDisabled?: ScoringDisabled | null;
  /** Where handlers log what IT must see (the data worker's log); absent in plain tests. */
  logger?: IpcLogger;
  lang: Lang;
  session: Session;
  /** Absent where no desktop exists (plain Node tests of other verbs): verbs that need it answer 'internal'. */
  desktop?: DesktopPort;
  /** Absent where models cannot be installed (tests of other verbs): models:install answers 'internal'. */
  models?: ModelStore;
}

/** The refusal every verb that needs the model answers while scoring is disabled. */
export function scoringDisabledError(disabled: ScoringDisabled): DomainError {
  return new DomainError('scoring-disabled', scoringDisabledMessage(disabled));
}

/** A client's records, or DomainError('not-found') naming the id. */
export function clientRecordsOrNotFound(db: Db, clientId: number): ClientRecords {
  const records = readClientRecords(db, clientId);
  if (!records) throw new DomainError('not-found', `No client with SK_ID_CURR ${clientId} in the database.`);
  return records;
}

/**
 * The signed-in user, or DomainError('unauthenticated'); with `role`, DomainError('forbidden') unless the
 * user has it. Every handler that records something or needs a role calls this first: the check is in
 * main, so a renderer that skips its own checks (or a forged IPC call) still cannot act.
 */
export function requireUser(services: Pick<HandlerServices, 'session'>, role?: Role, now = Date.now()): SessionUser {
  const session = services.session;
  if (session.user && sessionIdle(session, now)) {
    // The renderer should have locked already (auth:lock); main does not rely on it.
    session.user = null;
    throw new DomainError('unauthenticated', 'The session was locked after a period without activity: sign in again.');
  }
  const user = session.user;
  if (!user) throw new DomainError('unauthenticated', 'Sign in first.');
  session.lastActivity = now;
  if (role && user.role !== role) throw new DomainError('forbidden', `Only a ${role} may do this; ${user.username} is ${user.role === 'officer' ? 'an officer' : 'a manager'}.`);
  return user;
}

/** True when a signed-in session has been idle longer than its lock delay. */
export function sessionIdle(session: Session, now = Date.now()): boolean {
  return session.lockAfterMs !== undefined && session.lastActivity !== undefined && now - session.lastActivity > session.lockAfterMs;
}
