/** The one boot step that registers every implemented handler on the IPC router. */
import type { Channel } from '../shared/contract.js';
import { registerApplicationHandlers } from './handlers/applications-handlers.js';
import { registerAuthHandlers } from './handlers/auth-handlers.js';
import { registerClientHandlers } from './handlers/clients-handlers.js';
import { registerDecisionHandlers } from './handlers/decisions-handlers.js';
import type { HandlerServices } from './handlers/handler-services.js';
import { registerLetterHandlers } from './handlers/letters-handlers.js';
import { registerModelAdminHandlers } from './handlers/models-admin-handlers.js';
import { registerModelHandlers } from './handlers/models-handlers.js';
import { registerMonitoringHandlers } from './handlers/monitoring-handlers.js';
import { registerPolicyHandlers } from './handlers/policy-handlers.js';
import { registerPopulationHandlers } from './handlers/population-handlers.js';
import { registerScoringHandlers } from './handlers/scoring-handlers.js';
import type { IpcRouter } from './ipc-handle.js';

export type { HandlerServices } from './handlers/handler-services.js';

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
] as const satisfies readonly Channel[];

/** Registers every implemented handler on `router`; returns the channels registered. */
export function registerHandlers(router: IpcRouter, services: HandlerServices): Channel[] {
  registerClientHandlers(router, services);
  registerScoringHandlers(router, services);
  registerPopulationHandlers(router, services);
  registerModelHandlers(router, services);
  registerApplicationHandlers(router, services);
  registerAuthHandlers(router, services);
  registerPolicyHandlers(router, services);
  registerDecisionHandlers(router, services);
  registerModelAdminHandlers(router, services);
  registerMonitoringHandlers(router, services);
  registerLetterHandlers(router, services);
  return router.registered();
}
