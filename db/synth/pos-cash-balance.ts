import type { CsvSink } from './csv-sink.js';
import { DATE_SENTINEL, type PreviousLoan } from './previous-application.js';
import type { SynthProfile } from './profile-types.js';
import type { Random } from './random.js';
import { formattersFor, riskyChance, type RiskViews } from './risk.js';

const OLDEST_MONTH = -96;
const DAYS_PER_MONTH = 30.4375;

/**
 * POS_CASH_balance.csv: monthly rows of a cash or consumer loan from its decision month until it is
 * completed or today, counting the instalments left. Riskier clients' loans fall into arrears more often
 * (SK_DPD grows a month at a time, then is caught up).
 */
export class PosCashWriter {
  private readonly f: Record<string, (x: number) => string>;

  constructor(
    profile: SynthProfile,
    private readonly sink: CsvSink,
  ) {
    this.f = formattersFor(profile.posCashBalance);
  }

  /** Writes the loan's months. */
  writeLoan(rng: Random, clientId: number, loan: PreviousLoan, v: RiskViews): void {
    const h = v.arrears;
    const { payments } = loan;
    if (!(loan.firstDue === loan.firstDue && loan.firstDue !== DATE_SENTINEL && payments > 0)) return;
    const f = this.f;
    const start = Math.floor(loan.decision / DAYS_PER_MONTH);
    const endMonth = loan.lastDue === loan.lastDue && loan.lastDue !== DATE_SENTINEL ? Math.floor(loan.lastDue / DAYS_PER_MONTH) : Infinity;
    // Arrears: a stretch of months past due, caught up — or, for some, never (the loan runs on past its end).
    const arrearsFrom = riskyChance(rng, 0.08, h, 1.0) ? start + 1 + rng.int(payments) : Infinity;
    const written = arrearsFrom !== Infinity && riskyChance(rng, 0.15, h, 0.8);
    const arrearsMonths = written ? Infinity : 1 + rng.geometric(0.35);
    const last = written ? payments + 12 + rng.int(36) : payments;
    const prefix = `${loan.id},${clientId},`;
    const count = f.CNT_INSTALMENT!(payments);
    const signed = rng.chance(0.08);
    for (let i = 0; i <= last; i++) {
      const m = start + i;
      if (m > -1) break;
      const done = written ? i === last : i === payments || m >= endMonth;
      if (m >= OLDEST_MONTH) {
        const late = m >= arrearsFrom && m < arrearsFrom + arrearsMonths ? m - arrearsFrom + 1 : 0;
        const dpd = late ? 30 * (late - 1) + 1 + rng.int(30) : 0;
        const status = done ? 'Completed' : i === 0 && signed ? 'Signed' : 'Active';
        this.sink.row(`${prefix}${m},${count},${f.CNT_INSTALMENT_FUTURE!(done ? 0 : Math.max(0, payments - i))},${status},${dpd},${dpd > 30 && rng.chance(0.15) ? dpd - 30 : 0}`);
      }
      if (done) break;
    }
  }
}
