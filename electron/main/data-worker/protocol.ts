/**
 * The messages between main (which only routes) and the data worker (which owns the database connections,
 * the scoring engine and every handler). Plain data: everything crosses postMessage by structured clone.
 */
import type { Channel, EventChannel } from '../../shared/contract.js';
import type { Result } from '../../shared/errors.js';
import type { AppServicesOptions } from '../app-services.js';
import type { DesktopPort } from '../handlers/handler-services.js';

/** What the worker is started with: the services' options without callbacks. */
export interface DataWorkerSetup {
  services: Omit<AppServicesOptions, 'demo'> & { demo?: { clients?: number; seed?: number } };
}

/** What the worker says about itself once open (and on a status request). */
export interface DataWorkerStatus {
  createdDemo: boolean;
  /** The model in service ('—' while scoring is disabled). */
  modelVersion: string;
  /** Why scoring is refused on this workstation, in words for IT (null: it is not). */
  scoringDisabled: string | null;
  warnings: string[];
  auditAtStart: { ok: boolean; entries: number };
}

/** The desktop calls a handler may make, answered by main. */
export type DesktopMethod = Exclude<keyof DesktopPort, 'emit'>;

/** Main → worker. */
export type ToWorker =
  | { type: 'call'; id: number; channel: Channel; request: unknown }
  | { type: 'status'; id: number }
  | { type: 'desktop-reply'; id: number; value?: unknown; error?: string }
  | { type: 'close' };

/** Worker → main. */
export type FromWorker =
  | { type: 'stage'; stage: string }
  | { type: 'ready'; status: DataWorkerStatus }
  | { type: 'open-failed'; message: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'status'; id: number; status: DataWorkerStatus }
  | { type: 'desktop'; id: number; method: DesktopMethod; args: unknown[] }
  | { type: 'event'; event: EventChannel; payload: unknown }
  | { type: 'log'; level: 'warn' | 'error'; message: string; details?: Record<string, unknown> }
  | { type: 'closed' };
