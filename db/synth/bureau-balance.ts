import type { BureauCredit } from './bureau.js';
import type { CsvSink } from './csv-sink.js';
import type { Random } from './random.js';

/** Oldest month of bureau_balance.csv (MONTHS_BALANCE runs from −96 to 0 in the real file). */
const OLDEST_MONTH = -96;
const DAYS_PER_MONTH = 30.4375;
const MONTH_TEXT = Array.from({ length: -OLDEST_MONTH + 1 }, (_, i) => (i === 0 ? '0' : `-${i}`));
const STATUS_TEXT = ['0', '1', '2', '3', '4', '5', 'C', 'X'];
const CLOSED = 6;
const UNKNOWN = 7;

/**
 * bureau_balance.csv: one row per month of a bureau credit's life, newest month first as in the real file.
 * STATUS is C after the credit closed, X where the bureau did not report, else the DPD bucket 0–5; riskier
 * clients enter arrears more often. Only part of the clients' credits are covered, as in the real data.
 */
export class BureauBalanceWriter {
  private readonly status = new Uint8Array(-OLDEST_MONTH + 1);

  constructor(private readonly sink: CsvSink) {}

  /**
   * Share of clients whose bureau credits have monthly rows, and of their open credits that do (closed
   * credits always do): tuned to ~16 rows per bureau credit and to the real C / 0 / X shares.
   */
  static readonly CLIENT_COVERAGE = 0.5;
  static readonly OPEN_CREDIT_COVERAGE = 0.5;

  /** Writes the monthly rows of one credit. */
  write(rng: Random, credit: BureauCredit, h: number): void {
    const open = Math.max(OLDEST_MONTH, Math.floor(credit.daysCredit / DAYS_PER_MONTH));
    const closed = credit.factEnd === credit.factEnd ? Math.floor(credit.factEnd / DAYS_PER_MONTH) : 1;
    const span = -open + 1;
    const s = this.status;
    // Unreported stretches: a whole credit, or its oldest months.
    const unknownAll = rng.chance(0.1);
    const unknownUntil = !unknownAll && rng.chance(0.2) ? open + rng.int(span) : open - 1;
    const arrears = Math.min(0.5, 0.02 * Math.exp(1.1 * h - 0.605));
    let bucket = 0;
    for (let m = open; m <= 0; m++) {
      let v: number;
      if (unknownAll || m <= unknownUntil || rng.chance(0.015)) v = UNKNOWN;
      else if (m > closed) v = CLOSED;
      else {
        if (bucket === 0) bucket = rng.chance(arrears) ? 1 : 0;
        else if (bucket < 5) bucket = rng.chance(0.45) ? bucket + 1 : rng.chance(0.75) ? 0 : bucket;
        else bucket = rng.chance(0.9) ? 5 : 0;
        v = bucket;
      }
      s[-m] = v;
    }
    const prefix = `${credit.id},`;
    for (let m = 0; m >= open; m--) this.sink.row(`${prefix}${MONTH_TEXT[-m]},${STATUS_TEXT[s[-m]!]}`);
  }
}
