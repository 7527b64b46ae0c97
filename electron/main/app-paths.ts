/**
 * Where the desktop app finds its database, its model and its renderer, from Electron's facts (packaged
 * or not, userData, resourcesPath) passed in: pure, so tests check every case in plain Node.
 */
import path from 'node:path';

/** The database file name in the user-data folder. */
export const DB_FILE = 'octroi.db';

/** What Electron says about this run (app.getPath('userData'), process.resourcesPath, …). */
export interface AppFacts {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  /** app.getPath('userData'). */
  userData: string;
  /** process.resourcesPath: where extraResources land in a packaged build. */
  resourcesPath: string;
  /** The folder holding dist-electron/ and renderer/ (the repository in development, the asar when packaged). */
  appRoot: string;
}

/** The resolved locations. */
export interface AppPaths {
  dbPath: string;
  /** Where the database path came from, for the log. */
  dbSource: '--db' | 'OCTROI_DB' | 'userData';
  modelPath: string;
  /** The built renderer served on app://octroi/. */
  rendererDir: string;
  /** The bundled preload script. */
  preloadPath: string;
}

/**
 * The value of `--NAME <value>` or `--NAME=<value>` in argv, or undefined; the option without a value is
 * an error saying it needs `what`, e.g. `example`.
 */
export function argumentValue(argv: readonly string[], name: string, what: string, example: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith(`${name}=`)) {
      const value = arg.slice(name.length + 1);
      if (value === '') throw new Error(`${name}= needs ${what}, e.g. ${name}=${example}`);
      return value;
    }
    if (arg === name) {
      const value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('--')) throw new Error(`${name} needs ${what}, e.g. ${name} ${example}`);
      return value;
    }
  }
  return undefined;
}

/** The value of `--db <path>` or `--db=<path>` in argv, or undefined; a `--db` without a value is an error. */
export function dbArgument(argv: readonly string[]): string | undefined {
  return argumentValue(argv, '--db', 'a path to a database file', 'C:\\Octroi\\branch.db');
}

/** `--export-db-key <file>`: IT's copy of the app's database key (database-key-store.ts), then the app quits. */
export function exportKeyArgument(argv: readonly string[]): string | undefined {
  return argumentValue(argv, '--export-db-key', 'the key file to write', 'D:\\vault\\octroi-branch.key');
}

/**
 * The database: `--db` on the command line, else OCTROI_DB, else <userData>/octroi.db (built from the
 * demo data on first start). The model: OCTROI_MODEL, else the one shipped in the installer's resources
 * (extraResources → <resources>/model/model.onnx), or model/artifacts/model.onnx in development. Its
 * signature is checked by the scoring engine either way.
 */
export function resolveAppPaths(facts: AppFacts): AppPaths {
  const fromArg = dbArgument(facts.argv);
  const fromEnv = facts.env.OCTROI_DB?.trim() || undefined;
  const dbSource = fromArg !== undefined ? '--db' : fromEnv !== undefined ? 'OCTROI_DB' : 'userData';
  const dbPath = path.resolve(fromArg ?? fromEnv ?? path.join(facts.userData, DB_FILE));
  const shippedModel = facts.isPackaged
    ? path.join(facts.resourcesPath, 'model', 'model.onnx')
    : path.join(facts.appRoot, 'model', 'artifacts', 'model.onnx');
  const modelPath = path.resolve(facts.env.OCTROI_MODEL?.trim() || shippedModel);
  return {
    dbPath,
    dbSource,
    modelPath,
    rendererDir: path.join(facts.appRoot, 'renderer', 'dist'),
    preloadPath: path.join(facts.appRoot, 'dist-electron', 'preload.cjs'),
  };
}
