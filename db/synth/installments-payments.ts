import type { CsvSink } from './csv-sink.js';
import { quantile } from './marginal.js';
import { DATE_SENTINEL, type PreviousLoan } from './previous-application.js';
import type { Marginal, SynthProfile } from './profile-types.js';
import type { Random } from './random.js';
import { formattersFor, marginalOf, riskyChance, tiltedUniform, type RiskViews } from './risk.js';

/** Instalments older than this are outside the real file's window (DAYS_INSTALMENT ≥ −2922, eight years). */
const OLDEST_DAY = -2922;
const DAYS_BETWEEN_INSTALMENTS = 30;

/**
 * installments_payments.csv: one row per instalment paid (two when a short payment is completed later).
 * Riskier clients pay late (and later) and short more often; credit-card payments appear with version 0.
 */
export class InstallmentsWriter {
  private readonly f: Record<string, (x: number) => string>;
  private readonly late: Marginal;
  private readonly early: Marginal;
  private readonly shortFraction: Marginal;
  private readonly lateShare: number;
  private readonly shortShare: number;

  constructor(
    profile: SynthProfile,
    private readonly sink: CsvSink,
  ) {
    const p = profile.installmentsPayments;
    this.f = formattersFor(p, { AMT_INSTALMENT: 3, AMT_PAYMENT: 3 });
    this.late = marginalOf(p, 'LATE_DAYS');
    this.early = marginalOf(p, 'EARLY_DAYS');
    this.shortFraction = marginalOf(p, 'SHORT_FRACTION');
    this.lateShare = 1 - this.late.missing;
    this.shortShare = 1 - this.shortFraction.missing;
  }

  private payment(rng: Random, prevId: number, clientId: number, version: number, n: number, day: number, due: number, v: RiskViews): void {
    const f = this.f;
    const prefix = `${prevId},${clientId},${f.NUM_INSTALMENT_VERSION!(version)},${n},${f.DAYS_INSTALMENT!(day)},`;
    const late = riskyChance(rng, this.lateShare, v.late, 0.9);
    const entry = late
      ? day + quantile(this.late, tiltedUniform(rng, v.late, 0.3))
      : Math.max(OLDEST_DAY - 19, day - quantile(this.early, rng.uniform()));
    if (entry > -1) {
      // Due but not paid yet at the application date: the real file leaves the payment empty.
      this.sink.row(`${prefix},${f.AMT_INSTALMENT!(due)},`);
      return;
    }
    if (riskyChance(rng, this.shortShare, v.short, 0.7)) {
      const paid = due * quantile(this.shortFraction, rng.uniform());
      this.sink.row(`${prefix}${f.DAYS_ENTRY_PAYMENT!(entry)},${f.AMT_INSTALMENT!(due)},${f.AMT_PAYMENT!(paid)}`);
      const rest = entry + 1 + rng.int(40);
      if (rng.chance(0.6) && rest <= -1) this.sink.row(`${prefix}${f.DAYS_ENTRY_PAYMENT!(rest)},${f.AMT_INSTALMENT!(due)},${f.AMT_PAYMENT!(due - paid)}`);
      return;
    }
    this.sink.row(`${prefix}${f.DAYS_ENTRY_PAYMENT!(entry)},${f.AMT_INSTALMENT!(due)},${f.AMT_PAYMENT!(due)}`);
  }

  /** The instalments of a cash or consumer loan, from the first due date every 30 days until it ended or today. */
  writeLoan(rng: Random, clientId: number, loan: PreviousLoan, v: RiskViews): void {
    const { firstDue, payments, annuity } = loan;
    if (!(firstDue === firstDue && firstDue !== DATE_SENTINEL && payments > 0 && annuity > 0)) return;
    const end = loan.lastDue === loan.lastDue && loan.lastDue !== DATE_SENTINEL ? loan.lastDue : Infinity;
    const restructuredAt = rng.chance(0.12) ? 1 + rng.int(payments) : Infinity;
    for (let n = 1; n <= payments; n++) {
      const day = firstDue + DAYS_BETWEEN_INSTALMENTS * (n - 1);
      if (day > -1 || day > end) break;
      if (day < OLDEST_DAY) continue;
      // The last instalment before an early end repays what is left.
      const due = day + DAYS_BETWEEN_INSTALMENTS > end ? annuity * (payments - n + 1) : annuity;
      this.payment(rng, loan.id, clientId, n >= restructuredAt ? 2 : 1, n, day, due, v);
    }
  }

  /** One credit-card payment (instalment version 0, as in the real file). */
  writeCardPayment(rng: Random, clientId: number, prevId: number, n: number, day: number, due: number, v: RiskViews): void {
    if (day < OLDEST_DAY || day > -1) return;
    this.payment(rng, prevId, clientId, 0, n, day, due, v);
  }
}
