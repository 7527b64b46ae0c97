import type { CsvSink } from './csv-sink.js';
import type { InstallmentsWriter } from './installments-payments.js';
import { quantile } from './marginal.js';
import type { PreviousLoan } from './previous-application.js';
import type { Marginal, SynthProfile } from './profile-types.js';
import type { Random } from './random.js';
import { formattersFor, marginalOf, riskyChance, tiltedUniform, type RiskViews } from './risk.js';

const OLDEST_MONTH = -96;
const DAYS_PER_MONTH = 30.4375;
/** Minimum monthly payment as a share of the balance (AMT_INST_MIN_REGULARITY). */
const MINIMUM_PAYMENT = 0.05;

/**
 * credit_card_balance.csv: monthly rows of an approved revolving loan from its decision month to today.
 * Riskier clients use their cards more (higher utilisation of the limit) and miss payments more; missed
 * months accumulate days past due. Each payment also appears in installments_payments.csv (version 0).
 */
export class CreditCardWriter {
  private readonly f: Record<string, (x: number) => string>;
  private readonly m: Record<string, Marginal>;
  private readonly usedShare: number;
  private readonly drawingsMissing: number;
  private readonly minimumMissing: number;

  constructor(
    profile: SynthProfile,
    private readonly sink: CsvSink,
    private readonly installments: InstallmentsWriter,
  ) {
    const p = profile.creditCardBalance;
    this.f = formattersFor(p, {
      AMT_BALANCE: 3, AMT_DRAWINGS_CURRENT: 3, AMT_INST_MIN_REGULARITY: 3, AMT_PAYMENT_CURRENT: 3,
      AMT_PAYMENT_TOTAL_CURRENT: 3, AMT_RECEIVABLE_PRINCIPAL: 3, AMT_RECIVABLE: 3, AMT_TOTAL_RECEIVABLE: 3,
    });
    this.m = Object.fromEntries(
      ['AMT_CREDIT_LIMIT_ACTUAL', 'AMT_DRAWINGS_ATM_CURRENT', 'AMT_DRAWINGS_POS_CURRENT', 'UTILISATION', 'USED'].map((c) => [c, marginalOf(p, c)]),
    );
    const used = this.m.USED!;
    this.usedShare = 1 - (used.x[0] === 0 ? used.u[0]! : 0);
    this.drawingsMissing = this.m.AMT_DRAWINGS_ATM_CURRENT!.missing;
    this.minimumMissing = marginalOf(p, 'AMT_INST_MIN_REGULARITY').missing;
  }

  /** Writes the card's months (and its payments as instalments). */
  writeCard(rng: Random, clientId: number, loan: PreviousLoan, v: RiskViews): void {
    const h = v.card;
    const f = this.f;
    const m = this.m;
    const start = Math.max(OLDEST_MONTH, Math.floor(loan.decision / DAYS_PER_MONTH));
    const limit = quantile(m.AMT_CREDIT_LIMIT_ACTUAL!, rng.uniform());
    const used = limit > 0 && riskyChance(rng, 0.6, h, 0.5);
    const firstUse = used ? start + rng.geometric(0.3) : 1;
    const utilisation = quantile(m.UTILISATION!, tiltedUniform(rng, h, 0.45));
    const closedFrom = rng.chance(0.1) ? start + rng.int(-start) : 1;
    // A few cards go bad: from then on nothing is paid and the days past due only grow.
    const defaultFrom = used && riskyChance(rng, 0.03, h, 1.2) ? firstUse + rng.int(-firstUse + 1) : 1;
    const prefix = `${loan.id},${clientId},`;
    const limitText = f.AMT_CREDIT_LIMIT_ACTUAL!(limit);
    let missed = 0;
    let paymentNumber = 0;
    for (let month = start; month <= -1; month++) {
      const defaulted = month >= defaultFrom;
      const active = month >= firstUse && (month < closedFrom || defaulted);
      const balance = active ? limit * Math.min(1.2, utilisation * (0.75 + 0.5 * rng.uniform())) : 0;
      const atm = active && !defaulted && rng.chance(0.3) ? quantile(m.AMT_DRAWINGS_ATM_CURRENT!, 0.9 + 0.1 * rng.uniform()) : 0;
      const pos = active && !defaulted && rng.chance(0.35) ? quantile(m.AMT_DRAWINGS_POS_CURRENT!, 0.9 + 0.1 * rng.uniform()) : 0;
      const drawings = atm + pos;
      const atmCount = atm > 0 ? 1 + rng.geometric(0.5) : 0;
      const posCount = pos > 0 ? 1 + rng.geometric(0.3) : 0;
      const minimum = balance * MINIMUM_PAYMENT;
      const pays = balance > 0 && !defaulted && !riskyChance(rng, 0.04, h, 1.0);
      const payment = pays ? Math.max(minimum, balance * (0.05 + 0.95 * rng.uniform() * rng.uniform())) : 0;
      if (balance > 0 && !pays) missed++;
      else missed = 0;
      const mature = used && month >= firstUse ? month - firstUse : 0;
      const dpd = missed > 0 ? 30 * (missed - 1) + rng.int(30) : 0;
      const dpdDef = dpd >= 60 && rng.chance(0.03) ? dpd - 60 : 0;
      // The drawing details and the current payment are missing together in the real file.
      const detail = !rng.chance(this.drawingsMissing);
      const withMinimum = !rng.chance(this.minimumMissing);
      const status = month >= closedFrom && !defaulted ? 'Completed' : 'Active';
      this.sink.row(
        `${prefix}${month},${f.AMT_BALANCE!(balance)},${limitText},${detail ? f.AMT_DRAWINGS_ATM_CURRENT!(atm) : ''},` +
          `${f.AMT_DRAWINGS_CURRENT!(drawings)},${detail ? f.AMT_DRAWINGS_OTHER_CURRENT!(0) : ''},` +
          `${detail ? f.AMT_DRAWINGS_POS_CURRENT!(pos) : ''},${withMinimum ? f.AMT_INST_MIN_REGULARITY!(minimum) : ''},` +
          `${detail ? f.AMT_PAYMENT_CURRENT!(payment) : ''},${f.AMT_PAYMENT_TOTAL_CURRENT!(payment)},` +
          `${f.AMT_RECEIVABLE_PRINCIPAL!(balance * 0.96)},${f.AMT_RECIVABLE!(balance)},${f.AMT_TOTAL_RECEIVABLE!(balance)},` +
          `${detail ? f.CNT_DRAWINGS_ATM_CURRENT!(atmCount) : ''},${f.CNT_DRAWINGS_CURRENT!(atmCount + posCount)},` +
          `${detail ? f.CNT_DRAWINGS_OTHER_CURRENT!(0) : ''},${detail ? f.CNT_DRAWINGS_POS_CURRENT!(posCount) : ''},` +
          `${withMinimum ? f.CNT_INSTALMENT_MATURE_CUM!(mature) : ''},${status},${dpd},${dpdDef}`,
      );
      if (pays) {
        paymentNumber++;
        this.installments.writeCardPayment(rng, clientId, loan.id, paymentNumber, Math.round(month * DAYS_PER_MONTH + 15), minimum, v);
      }
    }
  }
}
