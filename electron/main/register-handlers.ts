/** The one boot step that registers every implemented handler on the IPC router. */
import type { Channel } from '../shared/contract.js';
import { PUBLIC_CHANNELS } from './channels.js';
import { registerApplicationHandlers } from './handlers/applications-handlers.js';
import { registerAuthHandlers } from './handlers/auth-handlers.js';
import { registerClientHandlers } from './handlers/clients-handlers.js';
import { registerDecisionHandlers } from './handlers/decisions-handlers.js';
import { requireUser, type HandlerServices } from './handlers/handler-services.js';
import { registerImportHandlers } from './handlers/import-handlers.js';
import { registerLetterHandlers } from './handlers/letters-handlers.js';
import { registerModelAdminHandlers } from './handlers/models-admin-handlers.js';
import { registerModelHandlers } from './handlers/models-handlers.js';
import { registerMonitoringHandlers } from './handlers/monitoring-handlers.js';
import { registerPolicyHandlers } from './handlers/policy-handlers.js';
import { registerPopulationHandlers } from './handlers/population-handlers.js';
import { registerScoringHandlers } from './handlers/scoring-handlers.js';
import type { IpcRouter } from './ipc-handle.js';

export type { HandlerServices } from './handlers/handler-services.js';
export { IMPLEMENTED_CHANNELS, PUBLIC_CHANNELS } from './channels.js';

/**
 * The router as handlers see it: each handler of a non-public channel runs only for a signed-in user
 * (requireUser: 'unauthenticated' otherwise, and the idle lock applies), so no handler can forget it and
 * no client data leaves main before sign-in. Role checks stay in the handlers that need a role.
 */
function signedInOnly(router: IpcRouter, services: HandlerServices): IpcRouter {
  const isPublic = (channel: Channel) => (PUBLIC_CHANNELS as readonly Channel[]).includes(channel);
  return {
    ...router,
    handle(channel, handler) {
      router.handle(
        channel,
        isPublic(channel)
          ? handler
          : (request, context) => {
              requireUser(services);
              return handler(request, context);
            },
      );
    },
  };
}

/** Registers every implemented handler on `router`; returns the channels registered. */
export function registerHandlers(baseRouter: IpcRouter, services: HandlerServices): Channel[] {
  const router = signedInOnly(baseRouter, services);
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
  registerImportHandlers(router, services);
  return router.registered();
}
