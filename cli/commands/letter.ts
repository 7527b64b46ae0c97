import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Db } from '../../db/open-database.js';
import { clientExists } from '../../db/queries/clients.js';
import { buildDecisionLetterHtml, finalOutcome } from '../../model/governance/letters/decision-letter.js';
import { decisionLetterInput, latestDecisionId, LetterError, recordedDecision } from '../../model/governance/letters/letter-data.js';
import { LANGS, type Lang } from '../../common/lang.js';
import { thresholdInForce } from '../../model/governance/policy.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { chromiumPath, renderPdfWithChromium } from '../../model/governance/letters/chromium-pdf.js';
import { CliError } from '../cli-error.js';
import { KEY_FILE_OPTION } from '../database-key-for-cli.js';
import { parsePositiveInteger } from '../parse-options.js';
import { DEFAULT_MODEL_PATH, openEngine } from './score.js';
import { openExistingDatabase } from '../open-database-for-cli.js';

interface LetterOptions {
  db: string;
  keyFile?: string;
  client: number;
  out: string;
  lang: Lang;
  decision?: number;
  draft: boolean;
  model: string;
}

/** Which letter: a recorded decision of this client (named, or the latest), or a draft when asked for. */
function chooseDecision(db: Db, options: LetterOptions): number | null {
  if (options.decision !== undefined) {
    if (options.draft) throw new CliError('--draft and --decision exclude each other: a draft has no recorded decision');
    let clientId: number;
    try {
      clientId = recordedDecision(db, options.decision).clientId;
    } catch (error) {
      if (error instanceof LetterError) throw new CliError(error.message);
      throw error;
    }
    if (clientId !== options.client) throw new CliError(`decision no. ${options.decision} is about client ${clientId}, not ${options.client}`);
    return options.decision;
  }
  if (options.draft) return null;
  const latest = latestDecisionId(db, options.client);
  if (latest === null) {
    // A letter tells the client what a person decided: without a recorded decision there is nothing to state.
    throw new CliError(
      `client ${options.client} has no recorded decision in ${options.db}: a letter states a decision taken by a loan officer. ` +
        'Record the decision in the app first, or print a DRAFT of the scoring tool’s assessment with --draft.',
    );
  }
  return latest;
}

/**
 * `octroi letter --db FILE --client ID --out FILE.pdf [--lang fr|en] [--decision ID | --draft]`: the
 * client's decision letter as a PDF, printed by headless Chromium.
 */
export function registerLetter(program: Command): void {
  program
    .command('letter')
    .description('Print the decision letter of a client (PDF): decision, reasons, counter-offer, right to human review.')
    .requiredOption('--db <file>', 'database file')
    .option(...KEY_FILE_OPTION)
    .requiredOption('--client <id>', 'SK_ID_CURR of the client', parsePositiveInteger('--client'))
    .requiredOption('--out <file>', 'PDF file to write')
    .addOption(new Option('--lang <lang>', 'language of the letter').choices(LANGS).default('fr'))
    .option('--decision <id>', 'the recorded decision to state (default: the client’s latest)', parsePositiveInteger('--decision'))
    .option('--draft', 'no recorded decision: a DRAFT stating the scoring tool’s assessment', false)
    .option('--model <file>', 'signed model file', DEFAULT_MODEL_PATH)
    .action(async (options: LetterOptions) => {
      const out = path.resolve(options.out);
      if (!fs.existsSync(path.dirname(out))) throw new CliError(`the folder of ${options.out} does not exist: ${path.dirname(out)}`);
      if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new CliError(`cannot write ${options.out}: it is a folder`);
      let executablePath: string;
      try {
        executablePath = chromiumPath();
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      const db = await openExistingDatabase(options.db, { keyFile: options.keyFile });
      let engine: ScoringEngine | undefined;
      try {
        if (!clientExists(db, options.client)) {
          throw new CliError(`no client with SK_ID_CURR ${options.client} in ${options.db}`);
        }
        const decisionId = chooseDecision(db, options);
        engine = await openEngine(options.model);
        const input = await decisionLetterInput(
          db,
          engine,
          decisionId === null
            ? { lang: options.lang, draft: { clientId: options.client, threshold: thresholdInForce(db, engine) } }
            : { lang: options.lang, decisionId },
        );
        const bytes = await renderPdfWithChromium(buildDecisionLetterHtml(input), { executablePath });
        const partial = `${out}.partial`;
        try {
          fs.writeFileSync(partial, bytes);
          fs.renameSync(partial, out);
        } catch (error) {
          fs.rmSync(partial, { force: true });
          throw new CliError(`cannot write ${options.out}: ${(error as Error).message}`);
        }
        const what = decisionId === null ? `DRAFT, ${finalOutcome(input.decision)} by the scoring tool` : `decision no. ${decisionId}, ${finalOutcome(input.decision)}`;
        process.stdout.write(`Letter to client ${options.client} (${what}, ${options.lang}) → ${options.out} (${bytes.length.toLocaleString('en-US')} bytes)\n`);
      } catch (error) {
        if (error instanceof LetterError) throw new CliError(error.message);
        if (error instanceof Error && /no such table/.test(error.message)) throw new CliError(`${options.db} is not an Octroi database (${error.message})`);
        throw error;
      } finally {
        await engine?.close();
        db.close();
      }
    });
}
