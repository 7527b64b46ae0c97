/**
 * Reads a password for the CLI without it ever being an argument (the process list shows arguments to
 * every user of the machine): from standard input when it is piped (first line), else typed at a prompt
 * with echo off, twice.
 *
 * Echo off with readline's documented API only: the interface writes to a Writable of ours that passes
 * the prompt to the terminal and drops everything readline echoes while the password is typed (the
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

/** Asks for one line at the terminal (prompt on standard error) without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
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
    // Ctrl+C and Ctrl+D at the prompt end the command with a message, never a hang or a half-created account.
    rl.on('SIGINT', () => finish(new CliError('cancelled at the password prompt; nothing was created')));
    rl.on('close', () => finish(new CliError('no password typed (end of input); nothing was created')));
    process.stderr.write(question);
    output.muted = true;
    rl.question('', (answer) => finish(null, answer));
  });
}

/** The new password for `username`: piped, or typed twice at a prompt (CliError when the two differ). */
export async function readNewPassword(username: string): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await promptHidden(`Password for ${username} (at least 10 characters): `);
  const second = await promptHidden('The same password again: ');
  if (first !== second) throw new CliError('the two passwords differ; nothing was created');
  return first;
}
