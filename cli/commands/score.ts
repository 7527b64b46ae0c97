import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Db } from '../../db/open-database.js';
import { SHIPPED_MODEL_PATH } from '../../model/model-file/shipped-model-path.js';
import { scoreAllClients, scoreClient, UnknownClientError, type ClientScore } from '../../model/scoring/client-scoring.js';
import type { OfferSearch } from '../../model/scoring/counter-offer.js';
import { formatMoney, formatNumber, formatPercent, formatPoints } from '../../common/format.js';
import { LANGS, type Lang } from '../../common/lang.js';
import { messages } from '../../common/messages/catalogue.js';
import { ModelVerificationError } from '../../model/model-file/model-signature.js';
import { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { CliError } from '../cli-error.js';
import { KEY_FILE_OPTION } from '../database-key-for-cli.js';
import { parseInteger, parsePositiveInteger } from '../parse-options.js';
import { openExistingDatabase } from '../open-database-for-cli.js';

/** The shipped model, found from this file (not from the working directory). */
/** The model `score` uses unless told otherwise: the shipped one. */
export const DEFAULT_MODEL_PATH = SHIPPED_MODEL_PATH;

interface ScoreCommandOptions {
  db: string;
  keyFile?: string;
  client?: number;
  all: boolean;
  out?: string;
  json: boolean;
  lang: Lang;
  model: string;
  reasons: number;
}

/** The scoring engine for a model file, its refusal turned into a one-line CLI error. */
export async function openEngine(modelPath: string): Promise<ScoringEngine> {
  if (!fs.existsSync(modelPath)) {
    throw new CliError(`no model file at ${modelPath} (train one with \`npm run train\`, or name one with --model)`);
  }
  try {
    return await ScoringEngine.open(modelPath);
  } catch (error) {
    if (error instanceof ModelVerificationError) throw new CliError(error.message);
    throw error;
  }
}

function offerLine(search: OfferSearch, kind: 'amount' | 'term', lang: Lang): string {
  const w = messages(lang).score;
  const name = `${kind === 'amount' ? w.amount : w.term}${w.colon}`;
  if (search.status === 'none') return `  ${name} ${w.noOffer} (${w.noOfferReasons[search.reason]})`;
  const o = search.offer;
  const annuity = o.annuity === null ? '' : formatMoney(o.annuity, lang);
  const detail =
    kind === 'amount'
      ? `${formatMoney(o.credit, lang)} (${w.instalment} ${annuity}, ${w.sameTerm})`
      : `${formatNumber(o.term ?? NaN, lang, 0)} ${w.instalments} ${annuity} (${w.sameAmount})`;
  return `  ${name} ${detail} → ${formatPercent(o.probability, lang)}`;
}

/** The score of one client as people read it. */
export function humanReport(score: ClientScore, lang: Lang): string {
  const w = messages(lang).score;
  const lines = [
    `${w.client} ${score.clientId}`,
    `  ${w.probability}${w.colon} ${formatPercent(score.probability, lang)} (${w.threshold} ${formatPercent(score.threshold, lang)})`,
    `  ${w.decision}${w.colon} ${w[score.decision]} (${w.band} ${score.band})`,
    `  ${w.model}${w.colon} ${score.modelVersion}`,
  ];
  for (const direction of ['against', 'for'] as const) {
    const reasons = score.reasons.filter((r) => r.direction === direction);
    lines.push(w[direction], ...(reasons.length ? reasons.map((r) => `  ${formatPoints(r.contribution, lang).padStart(10)}  ${r.text}`) : [w.none]));
  }
  if (score.counterOffer) {
    lines.push(w.counterOffer, offerLine(score.counterOffer.amount, 'amount', lang), offerLine(score.counterOffer.duration, 'term', lang));
  }
  return `${lines.join('\n')}\n`;
}

/** The score of one client as the JSON object of the CLI's contract. */
function jsonReport(score: ClientScore): object {
  return {
    clientId: score.clientId,
    probability: score.probability,
    threshold: score.threshold,
    decision: score.decision,
    band: score.band,
    modelVersion: score.modelVersion,
    reasons: score.reasons.map(({ input, label, value, contribution }) => ({ input, label, value, contribution })),
    ...(score.counterOffer ? { counterOffer: score.counterOffer } : {}),
  };
}

/** Writes every client's score to a CSV file, replaced only once complete. */
async function scoreAll(db: Db, dbPath: string, engine: ScoringEngine, out: string): Promise<{ clients: number; refused: number; seconds: number }> {
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir)) throw new CliError(`the folder of ${out} does not exist: ${dir}`);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new CliError(`cannot write ${out}: it is a folder`);
  const partial = `${out}.partial`;
  const started = performance.now();
  let clients = 0;
  let refused = 0;
  let fd: number;
  try {
    fd = fs.openSync(partial, 'w');
  } catch (error) {
    throw new CliError(`cannot write ${out}: ${(error as Error).message}`);
  }
  try {
    fs.writeSync(fd, 'SK_ID_CURR,probability,decision\n');
    for await (const chunk of scoreAllClients(db, engine, { dbPath })) {
      let text = '';
      chunk.ids.forEach((id, i) => {
        const probability = chunk.probabilities[i]!;
        const decision = engine.judge(probability).decision;
        if (decision === 'refused') refused++;
        // 9 significant digits read back as the same float32 the model returned.
        text += `${id},${Number(probability.toPrecision(9))},${decision}\n`;
      });
      fs.writeSync(fd, text);
      clients += chunk.ids.length;
    }
    fs.closeSync(fd);
    fs.renameSync(partial, out);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { clients, refused, seconds: (performance.now() - started) / 1000 };
}

/**
 * `octroi score --db FILE --client ID [--json] [--lang fr|en] [--model PATH]`: one client's score, reasons
 * and counter-offer; `octroi score --db FILE --all --out FILE.csv`: every client's probability and decision.
 */
export function registerScore(program: Command): void {
  program
    .command('score')
    .description('Score one client (probability, decision, band, reasons, counter-offer) or every client of a database.')
    .requiredOption('--db <file>', 'database file (as written by octroi import)')
    .option(...KEY_FILE_OPTION)
    .option('--client <id>', 'SK_ID_CURR of the client to score', parseInteger('--client'))
    .option('--all', 'score every client (with --out)', false)
    .option('--out <file>', 'CSV file written by --all: SK_ID_CURR,probability,decision')
    .option('--json', 'print one JSON object', false)
    .addOption(new Option('--lang <lang>', 'language of the reasons').choices(LANGS).default('en'))
    .option('--model <file>', 'signed model file', DEFAULT_MODEL_PATH)
    .option('--reasons <n>', 'reasons shown per direction', parsePositiveInteger('--reasons'), 5)
    .action(async (options: ScoreCommandOptions) => {
      if ((options.client === undefined) === !options.all) throw new CliError('give either --client ID or --all');
      if (options.all && !options.out) throw new CliError('--all needs --out FILE.csv');
      if (!options.all && options.out) throw new CliError('--out goes with --all');
      const db = await openExistingDatabase(options.db, { keyFile: options.keyFile });
      let engine: ScoringEngine | undefined;
      try {
        engine = await openEngine(options.model);
        for (const warning of engine.model.warnings) process.stderr.write(`octroi: warning: ${warning}\n`);
        if (options.all) {
          const summary = await scoreAll(db, options.db, engine, options.out!);
          const perSecond = summary.clients / summary.seconds;
          process.stdout.write(
            options.json
              ? `${JSON.stringify({ out: options.out, ...summary, clientsPerSecond: perSecond, modelVersion: engine.modelVersion })}\n`
              : `${summary.clients.toLocaleString('en-US')} clients scored (${summary.refused.toLocaleString('en-US')} refused) → ` +
                  `${options.out} in ${summary.seconds.toFixed(2)} s (${Math.round(perSecond).toLocaleString('en-US')} clients/s)\n`,
          );
        } else {
          const score = await scoreClient(db, engine, options.client!, { lang: options.lang, reasons: options.reasons, counterOffer: true });
          process.stdout.write(options.json ? `${JSON.stringify(jsonReport(score), null, 2)}\n` : humanReport(score, options.lang));
        }
      } catch (error) {
        if (error instanceof UnknownClientError) throw new CliError(`${error.message.replace(/\.$/, '')} ${options.db}.`);
        if (error instanceof Error && /no such table/.test(error.message)) {
          throw new CliError(`${options.db} is not an Octroi database (${error.message})`);
        }
        throw error;
      } finally {
        await engine?.close();
        db.close();
      }
    });
}
