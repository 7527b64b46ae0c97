/** Runs `octroi ARGS` in a pseudo-terminal (test/support/run-in-pty.py), answering each prompt as `steps` says. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The CLI as a command line (node with tsx, as `npm run octroi` runs it). */
export const OCTROI_COMMAND = [process.execPath, '--import', 'tsx', path.join(REPO_ROOT, 'cli', 'octroi.ts')];

/** What the terminal showed, how the command ended, and the prompt never shown (null: every one was). */
export interface TerminalRun {
  status: number | null;
  output: string;
  timedOut: boolean;
  unmet: string | null;
}

/** Runs `octroi ARGS` at a real terminal with `env` added; each step waits for its text, then types its answer. */
export function runOctroiInTerminal(args: string[], steps: Array<[expect: string, send: string]>, env: Record<string, string> = {}): TerminalRun {
  const spec = { command: [...OCTROI_COMMAND, ...args], cwd: REPO_ROOT, env: { TERM: 'xterm-256color', ...env }, timeout: 60, steps };
  const result = spawnSync('/usr/bin/python3', [path.join(REPO_ROOT, 'test', 'support', 'run-in-pty.py'), JSON.stringify(spec)], { encoding: 'utf8', timeout: 90_000 });
  if (result.status !== 0) throw new Error(`run-in-pty.py failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as TerminalRun;
}
