/**
 * Handlers of model installation (managers only): install a verified model file, roll back to the one
 * before, list the history. The new engine is opened (which verifies the file again) before anything is
 * recorded or switched; the old engine keeps serving the population's figures until the new one's scores
 * are stored (population-cache.ts), then it is closed.
 */
import path from 'node:path';
import { ModelVerificationError } from '../../../model/model-file/model-signature.js';
import { installCandidate, ModelInstallConflict, modelInstallHistory, recordModelInstall, requireRollbackTarget, rollbackTarget } from '../../../model/governance/model-install.js';
import { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { trustedPublicKeys } from '../../../model/keys/trusted-keys.js';
import { DomainError } from '../../shared/errors.js';
import type { IpcRouter } from '../ipc-handle.js';
import { requireUser, type HandlerServices, type ModelStore, type SessionUser } from './handler-services.js';
import { handOverPopulation, progressToWindow } from './population-cache.js';

/** The model store, or 'internal' where none is configured. */
function storeOf(services: HandlerServices): ModelStore {
  if (!services.models) throw new DomainError('internal', 'Model installation is not available in this window.');
  return services.models;
}

/** A refused model as the contract's error, naming the check that failed; a conflict with the records as 'conflict'. */
function refused(error: unknown): never {
  if (error instanceof ModelVerificationError) throw new DomainError('model-refused', error.message);
  if (error instanceof ModelInstallConflict) throw new DomainError('conflict', error.message);
  throw error;
}

/** The handover of the population to the last model put in service (tests wait for it). */
const handovers = new WeakMap<HandlerServices, Promise<void>>();

/**
 * Puts `next` in service in place of the current engine: handlers read services.engine at each call, so
 * the next request is scored by it. The new model's scores of the stored population are computed in the
 * background (progress on population:progress) while the old model keeps serving the population's figures;
 * the old engine is closed when they are stored. Not awaited: the install answers at once.
 */
export function swapEngine(services: HandlerServices, next: ScoringEngine): void {
  const old = services.engine;
  services.engine = next;
  handovers.set(services, handOverPopulation(services.db, old, next, { onError: () => undefined, report: progressToWindow(services) }));
}

/** Resolves when the new model's scores are stored after the last install or rollback (at once when none ran). */
export function populationHandedOver(services: HandlerServices): Promise<void> {
  return handovers.get(services) ?? Promise.resolve();
}

/** Opens the engine of a model file, verified; 'model-refused' naming the failed check otherwise. */
async function openEngine(file: string, store: ModelStore): Promise<ScoringEngine> {
  try {
    return await ScoringEngine.open(file, store.trustedKeys ?? trustedPublicKeys());
  } catch (error) {
    return refused(error);
  }
}

/** Installs a model file (already chosen): verify, copy, open, record, switch; the current model stays on any refusal. */
export async function installModel(services: HandlerServices, user: SessionUser, candidate: string) {
  const store = storeOf(services);
  const keys = store.trustedKeys ?? trustedPublicKeys();
  const current = services.engine;
  let installed;
  try {
    installed = installCandidate(candidate, store.dir, keys, { version: current.modelVersion, sha256: current.model.signature.sha256 });
  } catch (error) {
    return refused(error);
  }
  const next = await openEngine(installed.path, store);
  recordModelInstall(services.db, {
    action: 'install',
    version: installed.version,
    sha256: installed.sha256,
    path: installed.path,
    previousVersion: current.modelVersion,
    user,
  });
  swapEngine(services, next);
  return { modelVersion: installed.version, previousVersion: current.modelVersion, sha256: installed.sha256, warnings: installed.warnings.slice(0, 20) };
}

/** Returns to the model in use before the last install. */
export async function rollbackModel(services: HandlerServices, user: SessionUser) {
  const store = storeOf(services);
  let target;
  try {
    target = requireRollbackTarget(services.db, store.basePath);
  } catch (error) {
    return refused(error);
  }
  // Before the new engine opens: while scoring is disabled this refuses, and nothing is left open.
  const current = services.engine;
  const next = await openEngine(target, store);
  recordModelInstall(services.db, {
    action: 'rollback',
    version: next.modelVersion,
    sha256: next.model.signature.sha256,
    path: target,
    previousVersion: current.modelVersion,
    user,
  });
  swapEngine(services, next);
  return { modelVersion: next.modelVersion, previousVersion: current.modelVersion, sha256: next.model.signature.sha256, warnings: next.model.warnings.slice(0, 20) };
}

/** Registers models:install, models:rollback and models:history. */
export function registerModelAdminHandlers(router: IpcRouter, services: HandlerServices): void {
  router.handle('models:install', async () => {
    const user = requireUser(services, 'manager');
    if (!services.desktop) throw new DomainError('internal', 'No file dialog in this window.');
    const [file] = await services.desktop.chooseFilesToOpen({ title: 'Install a model file (model.onnx, with model.onnx.sig beside it)', extensions: ['onnx'] });
    if (!file) throw new DomainError('cancelled', 'No model file chosen.');
    return installModel(services, user, path.resolve(file));
  });
  router.handle('models:rollback', () => rollbackModel(services, requireUser(services, 'manager')));
  router.handle('models:history', () => {
    requireUser(services);
    const canRollBack = services.models ? rollbackTarget(services.db, services.models.basePath) !== null : false;
    return {
      active: { modelVersion: services.engine.modelVersion, sha256: services.engine.model.signature.sha256 },
      installs: modelInstallHistory(services.db).map(({ path: _path, ...install }) => install),
      canRollBack,
    };
  });
}
