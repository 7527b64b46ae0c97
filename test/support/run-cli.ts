import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';
import { TEST_DB_KEY_HEX } from './test-database-key.js';

const CLI_ARGS = ['--import', 'tsx', path.join(REPO_ROOT, 'cli', 'octroi.ts')];

/** The environment of a CLI child process in the tests: the test key as OCTROI_DB_KEY, then `env`. */
export function cliEnvironment(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, OCTROI_DB_KEY: TEST_DB_KEY_HEX, ...env };
}

/**
 * Runs `octroi ARGS…` as a user would (a child process through tsx) and returns its exit code and output.
 * The databases of the tests are encrypted with the test key: it is given as OCTROI_DB_KEY unless `env` says otherwise.
 */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
  const result = spawnSync(process.execPath, [...CLI_ARGS, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: cliEnvironment(options.env),
    timeout: options.timeoutMs ?? 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** How a CLI process started by startCli ended. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `octroi ARGS…` in its own process group (a kill of -pid reaches every process of it); does not wait. */
export function startCli(args: string[]): { pid: number; done: Promise<CliRun>; running: () => boolean } {
  const child = spawn(process.execPath, [...CLI_ARGS, ...args], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: cliEnvironment() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { pid: child.pid!, done, running: () => !exited };
}
