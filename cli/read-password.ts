/**
 * Reads a password for the CLI without it ever being an argument (the process list shows arguments to
 * every user of the machine): from standard input when it is piped (first line), else typed at a prompt
 * with echo off, twice.
 */
import readline from 'node:readline';
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

/** Asks for one line at the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    let asked = false;
    // readline echoes each keystroke through _writeToOutput: show the question once, then nothing.
    output._writeToOutput = (text: string) => {
      if (!asked) {
        process.stderr.write(text);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
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
