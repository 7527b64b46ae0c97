/**
 * Installing a new model file: verified (hash, Ed25519 signature by a trusted key, metadata, every feature
 * computable) before anything changes, copied into the models folder (the previous ones stay there for
 * rollback), and every install and rollback recorded in model_install. Which model is active is the
 * replay of those records: an install pushes a model, a rollback pops back to the one before.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open-database.js';
import { insertModelInstall, modelInstallRows } from '../../db/queries/model-installs.js';
import { loadModel, type LoadedModel } from '../model-file/load-model.js';
import { signaturePath } from '../model-file/model-signature.js';

/** A model file copied into the models folder, verified there. */
export interface InstalledModelFile {
  path: string;
  version: string;
  sha256: string;
  warnings: string[];
}

/** One row of model_install. */
export interface ModelInstallRecord {
  installId: number;
  action: 'install' | 'rollback';
  modelVersion: string;
  sha256: string;
  path: string;
  previousVersion: string | null;
  username: string;
  installedAt: string;
}

/** A folder name for a model version: its characters kept to letters, digits, '.', '-', '_'. */
function folderName(model: LoadedModel): string {
  const version = model.metadata.model_version.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return `${version}-${model.signature.sha256.slice(0, 12)}`;
}

/**
 * Verifies a candidate model file (loadModel: throws ModelVerificationError naming the failed check) and
 * only then copies it and its signature into `modelsDir/<version>-<sha>/`, verifies the copy again (what
 * will be loaded is what was checked), and returns where it is. Nothing is replaced: the caller switches.
 */
export function installModelFile(candidatePath: string, modelsDir: string, trustedKeys: readonly string[]): InstalledModelFile {
  const candidate = loadModel(candidatePath, trustedKeys);
  const dir = path.join(modelsDir, folderName(candidate));
  const target = path.join(dir, 'model.onnx');
  if (!fs.existsSync(target)) {
    // Copied under a temporary folder name and renamed: a crash never leaves a half-copied model in place.
    const staging = `${dir}.installing-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    fs.writeFileSync(path.join(staging, 'model.onnx'), candidate.bytes);
    fs.copyFileSync(signaturePath(candidatePath), signaturePath(path.join(staging, 'model.onnx')));
    fs.renameSync(staging, dir);
  }
  const copy = loadModel(target, trustedKeys);
  return { path: target, version: copy.metadata.model_version, sha256: copy.signature.sha256, warnings: copy.warnings };
}

/** An install or rollback that the records forbid (not a verification failure): the same words in the CLI and the app. */
export class ModelInstallConflict extends Error {
  override readonly name = 'ModelInstallConflict';
}

/** The model in use, as an install compares a candidate with it. */
export interface ModelInUse {
  version: string;
  sha256: string;
}

/**
 * installModelFile, then the checks against the model in use: the same file again, or another file under the
 * version in use (versions must be unique: every decision names one), is a ModelInstallConflict.
 */
export function installCandidate(candidatePath: string, modelsDir: string, trustedKeys: readonly string[], inUse: ModelInUse): InstalledModelFile {
  const installed = installModelFile(candidatePath, modelsDir, trustedKeys);
  if (installed.sha256 === inUse.sha256) throw new ModelInstallConflict(`The model ${installed.version} is already the one in use.`);
  if (installed.version === inUse.version) {
    throw new ModelInstallConflict(`A different file with the version of the model in use (${installed.version}) cannot be installed: versions must be unique.`);
  }
  return installed;
}

/** The model a rollback returns to; a ModelInstallConflict when the model in use is the shipped one. */
export function requireRollbackTarget(db: Db, basePath: string): string {
  const target = rollbackTarget(db, basePath);
  if (!target) throw new ModelInstallConflict('No earlier model to return to: the model in use is the one shipped with this version.');
  return target;
}

/** Records an install or a rollback. */
export function recordModelInstall(
  db: Db,
  entry: { action: 'install' | 'rollback'; version: string; sha256: string; path: string; previousVersion: string | null; user: { userId: number | null; username: string } },
  now = new Date(),
): ModelInstallRecord {
  const { user, ...install } = entry;
  const installId = insertModelInstall(db, { ...install, userId: user.userId, username: user.username, installedAt: now.toISOString() });
  return modelInstallHistory(db).find((r) => r.installId === installId)!;
}

/** Every install and rollback, newest first. */
export function modelInstallHistory(db: Db): ModelInstallRecord[] {
  return modelInstallRows(db).map((r) => ({
    installId: r.install_id,
    action: r.action,
    modelVersion: r.model_version,
    sha256: r.sha256,
    path: r.path,
    previousVersion: r.previous_version,
    username: r.username,
    installedAt: r.installed_at,
  }));
}

/**
 * The models in use, oldest first, from the records: `basePath` (the model shipped with the build) at the
 * bottom, each install pushing its file, each rollback popping back to the one before. The last is active.
 */
export function modelStack(db: Db, basePath: string): string[] {
  const stack = [basePath];
  for (const record of modelInstallHistory(db).reverse()) {
    if (record.action === 'install') stack.push(record.path);
    else if (stack.length > 1) stack.pop();
  }
  return stack;
}

/** The model file to load: the last one installed and not rolled back, else the shipped one. */
export function activeModelPath(db: Db, basePath: string): string {
  return modelStack(db, basePath).at(-1)!;
}

/** The model a rollback returns to (the one active before the current one), or null when there is none. */
export function rollbackTarget(db: Db, basePath: string): string | null {
  const stack = modelStack(db, basePath);
  return stack.length > 1 ? stack[stack.length - 2]! : null;
}
