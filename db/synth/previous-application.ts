import { HOME_CREDIT_COLUMNS } from '../home-credit-columns.js';
import type { CsvSink } from './csv-sink.js';
import { csvText, roundTo } from './format.js';
import { pick, quantile, shareAtMost } from './marginal.js';
import type { Categorical, Marginal, SynthProfile } from './profile-types.js';
import { normalCdf, type Random } from './random.js';
import { formattersFor, tiltedUniform, type RiskViews } from './risk.js';

/** The value of the real files' "no such date" for previous loans (DAYS_FIRST_DRAWING, DAYS_LAST_DUE, …). */
export const DATE_SENTINEL = 365243;

/** A previous application, as its monthly tables (POS, instalments, credit card) need it. */
export interface PreviousLoan {
  id: number;
  type: string;
  approved: boolean;
  credit: number;
  annuity: number;
  /** CNT_PAYMENT (NaN when missing; 0 for revolving loans). */
  payments: number;
  decision: number;
  /** DAYS_FIRST_DUE, DAYS_LAST_DUE_1ST_VERSION, DAYS_LAST_DUE (NaN when missing, 365243 when not set). */
  firstDue: number;
  lastDueFirstVersion: number;
  lastDue: number;
}

interface Kind {
  type: string;
  status: string;
  m: Record<string, Marginal>;
  text: Array<[string, Categorical]>;
}

const TEXT_COLUMNS = HOME_CREDIT_COLUMNS.previous_application
  .filter(([c, k]) => k === 'text' && c !== 'NAME_CONTRACT_TYPE' && c !== 'NAME_CONTRACT_STATUS')
  .map(([c]) => c);

/** Days between instalments in DAYS_LAST_DUE_1ST_VERSION − DAYS_FIRST_DUE = 30 × (CNT_PAYMENT − 1) (real files). */
const DAYS_BETWEEN_INSTALMENTS = 30;

/**
 * previous_application.csv: the client's earlier applications at Home Credit. The contract type × status
 * is drawn from the real shares with refusals tilted toward risky clients; every other column follows the
 * real marginals of its (type, status) cell, so refused cash loans carry XNA goods and no schedule as in
 * the real file; amounts and dates are tied together (credit ≈ application × ratio, annuity ≈ credit ×
 * factor / CNT_PAYMENT, due dates every 30 days from the first).
 */
export class PreviousApplicationWriter {
  private readonly kinds: Kind[];
  private readonly kindCum: number[];
  private readonly countCum: number[];
  private readonly f: Record<string, (x: number) => string>;
  private readonly decimals: Record<string, number | null>;
  private readonly amounts: SynthProfile['previousApplication']['amounts'];
  private readonly star: Record<string, Marginal>;

  constructor(
    profile: SynthProfile,
    private readonly sink: CsvSink,
  ) {
    const p = profile.previousApplication;
    const all = p.kinds.values.map((v, i) => ({ value: v, share: p.kinds.cum[i]! - (i ? p.kinds.cum[i - 1]! : 0) }));
    // Kinds with a measured cell only; refused ones last so that a risk-tilted uniform lands on them.
    const usable = all.filter((k) => p.cells[k.value]);
    usable.sort((a, b) => Number(a.value.endsWith('|Refused')) - Number(b.value.endsWith('|Refused')));
    const total = usable.reduce((a, k) => a + k.share, 0);
    let acc = 0;
    this.kindCum = usable.map((k) => (acc += k.share / total));
    this.kinds = usable.map(({ value }) => {
      const cell = p.cells[value]!;
      const [type, status] = value.split('|') as [string, string];
      return { type, status, m: cell.numeric, text: TEXT_COLUMNS.map((c) => [c, cell.categorical[c]!] as [string, Categorical]) };
    });
    this.amounts = p.amounts;
    let c = 0;
    this.countCum = p.countDistribution.map((share) => (c += share));
    const star = p.cells['*']!.numeric;
    this.star = star;
    this.decimals = Object.fromEntries(Object.entries(star).map(([k, m]) => [k, m.decimals]));
    this.f = formattersFor(p, {
      AMT_ANNUITY: star.AMT_ANNUITY!.decimals ?? 3,
      AMT_CREDIT: star.AMT_CREDIT!.decimals ?? 2,
      AMT_DOWN_PAYMENT: star.AMT_DOWN_PAYMENT!.decimals ?? 2,
    });
  }

  /** How many previous applications a client has (real per-client distribution). */
  count(rng: Random): number {
    const u = rng.uniform();
    const cum = this.countCum;
    for (let i = 0; i < cum.length; i++) if (u < cum[i]!) return i;
    return cum.length - 1;
  }

  /** Writes one previous application and returns what its monthly tables need. */
  write(rng: Random, clientId: number, id: number, v: RiskViews): PreviousLoan {
    const u = tiltedUniform(rng, v.refusal, 0.4);
    let k = 0;
    while (k < this.kindCum.length - 1 && u >= this.kindCum[k]!) k++;
    const kind = this.kinds[k]!;
    const m = kind.m;
    const f = this.f;
    const q = (column: string): number => {
      const marginal = m[column]!;
      return marginal.missing > 0 && rng.uniform() < marginal.missing ? NaN : quantile(marginal, rng.uniform());
    };
    const text: Record<string, string> = {};
    for (const [column, table] of kind.text) text[column] = csvText(pick(table, rng.uniform()));

    // Amounts: credit ≈ application × ratio; longer terms carry more interest, so the annuity factor is
    // drawn with the term's own uniform; an application of 0 has no goods price nor down payment.
    const rule = this.amounts[`${kind.type}|${kind.status}`] ?? this.amounts['*']!;
    // Value shapes come from the cell, or from all rows when the cell never shows the column.
    const shape = (column: string): Marginal => (m[column]!.missing >= 0.999 ? this.star[column]! : m[column]!);
    // Bigger loans run longer (rank correlation ≈ 0.5–0.7 in the real sample): the term's uniform follows the amount's.
    const amountZ = rng.normal();
    const application = quantile(m.AMT_APPLICATION!, normalCdf(amountZ));
    const termU = normalCdf(0.65 * amountZ + 0.76 * rng.normal());
    let credit: number;
    let payments: number;
    let goods = NaN;
    let down = NaN;
    let downRate = NaN;
    if (application === 0) {
      const empty = rng.chance(rule.zeroCreditGivenZeroApplication);
      const zeroShare = shareAtMost(shape('AMT_CREDIT'), 0);
      credit = empty ? 0 : quantile(shape('AMT_CREDIT'), zeroShare + (1 - zeroShare) * rng.uniform());
      payments = empty ? NaN : 0;
    } else {
      const ratio = quantile(shape('CREDIT_RATIO'), rng.uniform());
      credit = roundTo(application * (ratio === ratio ? ratio : 1), this.decimals.AMT_CREDIT ?? 2);
      payments = rng.chance(rule.paymentsMissingGivenPositive) ? NaN : quantile(shape('CNT_PAYMENT'), termU);
      goods = application;
      if (!rng.chance(rule.downPaymentMissingGivenPositive)) {
        const downU = rng.uniform();
        down = application * quantile(shape('DOWN_PAYMENT_SHARE'), downU);
        downRate = quantile(shape('RATE_DOWN_PAYMENT'), downU);
      }
    }
    let annuity = NaN;
    if (payments === payments) {
      const factor = quantile(shape('ANNUITY_FACTOR'), termU);
      annuity = payments > 0 && credit > 0 ? (credit * factor) / payments : quantile(shape('AMT_ANNUITY'), rng.uniform());
    }
    const decision = quantile(m.DAYS_DECISION!, rng.uniform());

    // Schedule: present for approved loans (as a block), dates chained from the decision.
    let firstDrawing = NaN;
    let firstDue = NaN;
    let lastDueFirstVersion = NaN;
    let lastDue = NaN;
    let termination = NaN;
    let insured = NaN;
    if (!rng.chance(m.DAYS_FIRST_DUE!.missing)) {
      const drawingSentinel = quantile(m.DAYS_FIRST_DRAWING!, rng.uniform()) === DATE_SENTINEL;
      const offset = (name: string): number => {
        const v = q(name);
        return v === v ? v : 0;
      };
      firstDrawing = drawingSentinel ? DATE_SENTINEL : Math.min(0, decision + Math.max(0, offset('FIRST_DRAWING_OFFSET')));
      const dueSentinel = quantile(m.DAYS_FIRST_DUE!, rng.uniform()) === DATE_SENTINEL;
      firstDue = dueSentinel ? DATE_SENTINEL : Math.min(0, decision + Math.max(0, offset('FIRST_DUE_OFFSET')));
      if (!dueSentinel && payments > 0) lastDueFirstVersion = firstDue + DAYS_BETWEEN_INSTALMENTS * (payments - 1);
      else lastDueFirstVersion = quantile(m.DAYS_LAST_DUE_1ST_VERSION!, rng.uniform());
      if (dueSentinel || lastDueFirstVersion === DATE_SENTINEL) lastDue = DATE_SENTINEL;
      else {
        // Two loans in five are repaid early; the others end on schedule, or are still running.
        const end = rng.chance(0.4) ? firstDue + rng.uniform() * (lastDueFirstVersion - firstDue) : lastDueFirstVersion;
        lastDue = end < 0 ? Math.round(end) : DATE_SENTINEL;
      }
      termination = lastDue === DATE_SENTINEL ? DATE_SENTINEL : Math.min(0, lastDue + Math.max(0, offset('TERMINATION_LAG')));
      insured = quantile(m.NFLAG_INSURED_ON_APPROVAL!, rng.uniform());
    }

    this.sink.row(
      `${id},${clientId},${kind.type},${f.AMT_ANNUITY!(annuity)},${f.AMT_APPLICATION!(application)},${f.AMT_CREDIT!(credit)},` +
        `${f.AMT_DOWN_PAYMENT!(down)},${f.AMT_GOODS_PRICE!(goods)},${text.WEEKDAY_APPR_PROCESS_START},` +
        `${f.HOUR_APPR_PROCESS_START!(q('HOUR_APPR_PROCESS_START'))},${text.FLAG_LAST_APPL_PER_CONTRACT},` +
        `${f.NFLAG_LAST_APPL_IN_DAY!(q('NFLAG_LAST_APPL_IN_DAY'))},${f.RATE_DOWN_PAYMENT!(downRate)},` +
        `${f.RATE_INTEREST_PRIMARY!(q('RATE_INTEREST_PRIMARY'))},${f.RATE_INTEREST_PRIVILEGED!(q('RATE_INTEREST_PRIVILEGED'))},` +
        `${text.NAME_CASH_LOAN_PURPOSE},${kind.status},${f.DAYS_DECISION!(decision)},${text.NAME_PAYMENT_TYPE},` +
        `${text.CODE_REJECT_REASON},${text.NAME_TYPE_SUITE},${text.NAME_CLIENT_TYPE},${text.NAME_GOODS_CATEGORY},` +
        `${text.NAME_PORTFOLIO},${text.NAME_PRODUCT_TYPE},${text.CHANNEL_TYPE},${f.SELLERPLACE_AREA!(q('SELLERPLACE_AREA'))},` +
        `${text.NAME_SELLER_INDUSTRY},${f.CNT_PAYMENT!(payments)},${text.NAME_YIELD_GROUP},${text.PRODUCT_COMBINATION},` +
        `${f.DAYS_FIRST_DRAWING!(firstDrawing)},${f.DAYS_FIRST_DUE!(firstDue)},${f.DAYS_LAST_DUE_1ST_VERSION!(lastDueFirstVersion)},` +
        `${f.DAYS_LAST_DUE!(lastDue)},${f.DAYS_TERMINATION!(termination)},${f.NFLAG_INSURED_ON_APPROVAL!(insured)}`,
    );
    return {
      id,
      type: kind.type,
      approved: kind.status === 'Approved',
      credit,
      annuity,
      payments,
      decision,
      firstDue,
      lastDueFirstVersion,
      lastDue,
    };
  }
}
