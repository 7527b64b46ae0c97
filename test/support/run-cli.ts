import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';
import { TEST_DB_KEY_HEX } from './test-database-key.js';

const CLI_ARGS = ['--import', 'tsx', path.join(REPO_ROOT, 'cli', 'octroi.ts')];

/** The environment of a CLI child process in the tests: the test key as OCTROI_DB_KEY, then `env`. */
export function cliEnvironment(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, OCTROI_DB_KEY: TEST_DB_KEY_HEX, ...env };
}

/** Runs `octroi ARGS…` as a user would (a child process through tsx) and returns its exit code and output. */
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

/** Collects a child's output until it ends. */
function collect(child: ChildProcessWithoutNullStreams | ReturnType<typeof spawn>, onExit: () => void = () => undefined): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      onExit();
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Starts `octroi ARGS…` in its own process group (a kill of -pid reaches every process of it); does not wait. */
export function startCli(args: string[]): { pid: number; done: Promise<CliRun>; running: () => boolean } {
  const child = spawn(process.execPath, [...CLI_ARGS, ...args], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: cliEnvironment() });
  let exited = false;
  const done = collect(child, () => (exited = true));
  return { pid: child.pid!, done, running: () => !exited };
}

/**
 * runCli without blocking the test worker while the command runs: a test that runs many commands (each a
 * tsx start-up, slow on a loaded machine) keeps vitest's worker answering its runner.
 */
export async function runCliAsync(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...CLI_ARGS, ...args], { cwd: REPO_ROOT, env: cliEnvironment(options.env), timeout: options.timeoutMs ?? 300_000 });
  const run = await collect(child);
  return { status: run.code, stdout: run.stdout, stderr: run.stderr };
}
