/**
 * Which channels of the contract this build implements, and which answer with nobody signed in. Apart
 * from the handlers so that main, which only routes requests to the data worker, can list them without
 * loading the handlers (and the database and model code behind them).
 */
import type { Channel } from '../shared/contract.js';

/** The channels registerHandlers implements; the rest of the contract answers 'unknown-channel' until built. */
export const IMPLEMENTED_CHANNELS = [
  'clients:search',
  'clients:list',
  'clients:get',
  'scoring:score',
  'scoring:explain',
  'scoring:reasons',
  'scoring:counterOffer',
  'scoring:similar',
  'population:distribution',
  'population:pairs',
  'population:importance',
  'population:status',
  'models:card',
  'applications:fields',
  'applications:validate',
  'applications:score',
  'applications:save',
  'auth:status',
  'auth:signIn',
  'auth:signOut',
  'auth:lock',
  'users:list',
  'users:create',
  'users:disable',
  'policy:get',
  'policy:setThreshold',
  'decisions:record',
  'decisions:list',
  'decisions:contest',
  'decisions:review',
  'audit:status',
  'models:install',
  'models:rollback',
  'models:history',
  'monitoring:drift',
  'monitoring:activity',
  'fairness:report',
  'letters:exportPdf',
  'import:start',
] as const satisfies readonly Channel[];

/** The channels that answer with nobody signed in: signing in itself. Every other verb reads client data or acts. */
export const PUBLIC_CHANNELS = ['auth:status', 'auth:signIn', 'auth:signOut', 'auth:lock'] as const satisfies readonly Channel[];

