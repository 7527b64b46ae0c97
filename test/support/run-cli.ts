import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';
import { TEST_DB_KEY_HEX } from './test-database-key.js';

/** The environment of a CLI child process in the tests: the test key as OCTROI_DB_KEY, then `env`. */
export function cliEnvironment(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, OCTROI_DB_KEY: TEST_DB_KEY_HEX, ...env };
}

/**
 * Runs `octroi ARGS…` as a user would (a child process through tsx) and returns its exit code and output.
 * The databases of the tests are encrypted with the test key: it is given as OCTROI_DB_KEY unless `env` says otherwise.
 */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'cli', 'octroi.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: cliEnvironment(options.env),
    timeout: options.timeoutMs ?? 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
