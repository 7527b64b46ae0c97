/**
 * Reads a secret for the CLI without it ever being an argument (the process list shows arguments to
 * every user of the machine): a new password from standard input when it is piped (first line), else
 * typed at a prompt with echo off, twice; an existing secret (a database's key) typed once.
 *
 * Echo off with readline's documented API only: the interface writes to a Writable of ours that passes
 * the prompt to the terminal and drops everything readline echoes while the secret is typed (the
 * approach of npm's own `read`/`mute-stream`, whose current versions need Node 22).
 * https://nodejs.org/api/readline.html#readlinecreateinterfaceoptions
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './cli-error.js';

/** The first line of piped standard input. */
async function firstLineOfStdin(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new CliError('no password on standard input (pipe it in, or run the command in a terminal to be asked for it)');
}

/** A stream to `target` that can be muted: what is written while muted is dropped. */
class MutableOutput extends Writable {
  muted = false;
  constructor(private readonly target: NodeJS.WritableStream) {
    super();
  }
  // Strings arrive as Buffers (decodeStrings is on by default).
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.muted) this.target.write(chunk);
    callback();
  }
}

/** What a prompt's Ctrl+C and end of input say (nothing was done: name what). */
interface PromptOutcomes {
  cancelled: string;
  noInput: string;
}

const NEW_PASSWORD: PromptOutcomes = {
  cancelled: 'cancelled at the password prompt; nothing was created',
  noInput: 'no password typed (end of input); nothing was created',
};

/** Asks for one line at the terminal (prompt on standard error) without echoing what is typed. */
function promptHidden(question: string, outcomes: PromptOutcomes): Promise<string> {
  return new Promise((resolve, reject) => {
    const output = new MutableOutput(process.stderr);
    const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
    let answered = false;
    const finish = (error: CliError | null, answer = '') => {
      if (answered) return;
      answered = true;
      rl.close();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    // Ctrl+C and Ctrl+D at the prompt end the command with a message, never a hang or a half-done change.
    rl.on('SIGINT', () => finish(new CliError(outcomes.cancelled)));
    rl.on('close', () => finish(new CliError(outcomes.noInput)));
    process.stderr.write(question);
    output.muted = true;
    rl.question('', (answer) => finish(null, answer));
  });
}

/** The new password for `username`: piped, or typed twice at a prompt (CliError when the two differ). */
export async function readNewPassword(username: string): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await promptHidden(`Password for ${username} (at least 10 characters): `, NEW_PASSWORD);
  const second = await promptHidden('The same password again: ', NEW_PASSWORD);
  if (first !== second) throw new CliError('the two passwords differ; nothing was created');
  return first;
}

/**
 * An existing secret typed once at the terminal (only a new secret is asked twice, against typos: a
 * mistyped existing one is simply refused by what it opens). `what` names it in the prompt and messages.
 */
export function readExistingSecret(what: string): Promise<string> {
  return promptHidden(`${what}: `, {
    cancelled: `cancelled at the prompt for ${what}; nothing was opened`,
    noInput: `nothing typed for ${what} (end of input); nothing was opened`,
  });
}
