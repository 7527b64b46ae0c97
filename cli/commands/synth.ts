import path from 'node:path';
import type { Command } from 'commander';
import { ensureWritableFolder, generateSynthetic, validateSynthOptions } from '../../db/synth/generate.js';
import { CliError } from '../cli-error.js';
import { parseInteger, parsePositiveInteger } from '../parse-options.js';

/** `octroi synth`: writes a synthetic Home Credit data set (the seven CSV files and the glossary). */
export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('Write a synthetic Home Credit data set: the seven CSV files of the real one, same columns and formats.')
    .requiredOption('--clients <n>', 'number of clients (train + test; the real set has 356,255)', parsePositiveInteger('--clients'))
    .option('--seed <s>', 'random seed: the same seed gives the same bytes', parseInteger('--seed'), 1)
    .requiredOption('--out <dir>', 'folder to write the files into (created if needed)')
    .option('--quiet', 'no progress on stderr', false)
    .action(async (options: { clients: number; seed: number; out: string; quiet: boolean }) => {
      const outDir = path.resolve(options.out);
      try {
        validateSynthOptions({ clients: options.clients, seed: options.seed, outDir });
        ensureWritableFolder(outDir);
      } catch (error) {
        const reason = error instanceof Error ? error.message.replace(/^E[A-Z]+: /, '') : String(error);
        throw new CliError(`--out ${options.out}: cannot write there (${reason})`, 2);
      }
      const started = performance.now();
      let lastReport = 0;
      const summary = await generateSynthetic({
        clients: options.clients,
        seed: options.seed,
        outDir,
        onProgress: (p) => {
          const now = performance.now();
          if (options.quiet || (now - lastReport < 1000 && p.clientsDone < p.clients)) return;
          lastReport = now;
          const seconds = (now - started) / 1000;
          process.stderr.write(
            `synth: ${p.clientsDone.toLocaleString('en-US')}/${p.clients.toLocaleString('en-US')} clients, ` +
              `${p.rows.toLocaleString('en-US')} rows, ${(p.bytes / 1e6).toFixed(0)} MB, ${seconds.toFixed(1)} s\n`,
          );
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const width = Math.max(...Object.keys(summary.files).map((f) => f.length));
      let rows = 0;
      for (const [file, { rows: n, bytes }] of Object.entries(summary.files)) {
        rows += n;
        process.stdout.write(`  ${file.padEnd(width)}  ${n.toLocaleString('en-US').padStart(12)} rows  ${(bytes / 1e6).toFixed(1).padStart(8)} MB\n`);
      }
      process.stdout.write(
        `Wrote ${rows.toLocaleString('en-US')} rows for ${options.clients.toLocaleString('en-US')} clients (seed ${options.seed}) ` +
          `to ${outDir} in ${seconds.toFixed(1)} s\n`,
      );
    });
}
