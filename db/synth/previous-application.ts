import { HOME_CREDIT_COLUMNS } from '../home-credit-columns.js';
import type { CsvSink } from './csv-sink.js';
import { csvText, roundTo } from './format.js';
import { pick, quantile } from './marginal.js';
import type { Categorical, Marginal, SynthProfile } from './profile-types.js';
import type { Random } from './random.js';
import { formattersFor, tiltedUniform } from './risk.js';

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
    let c = 0;
    this.countCum = p.countDistribution.map((share) => (c += share));
    const star = p.cells['*']!.numeric;
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
  write(rng: Random, clientId: number, id: number, h: number): PreviousLoan {
    const u = tiltedUniform(rng, h, 0.4);
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

    const application = q('AMT_APPLICATION');
    const ratio = q('CREDIT_RATIO');
    const credit = application > 0 ? roundTo(application * (ratio === ratio ? ratio : 1), this.decimals.AMT_CREDIT ?? 2) : q('AMT_CREDIT');
    // Longer terms carry more interest: the annuity factor is drawn with the term's own uniform.
    const termU = rng.uniform();
    const payments = rng.chance(m.CNT_PAYMENT!.missing) ? NaN : quantile(m.CNT_PAYMENT!, termU);
    let annuity = NaN;
    if (payments === payments) {
      const factor = m.ANNUITY_FACTOR!.missing >= 1 ? NaN : quantile(m.ANNUITY_FACTOR!, termU);
      annuity = payments > 0 && credit > 0 && factor === factor ? (credit * factor) / payments : q('AMT_ANNUITY');
      if (annuity !== annuity) annuity = quantile(m.AMT_ANNUITY!, rng.uniform());
    }
    const goods = rng.chance(m.AMT_GOODS_PRICE!.missing) ? NaN : application;
    const downShare = q('DOWN_PAYMENT_SHARE');
    const downU = rng.uniform();
    const down = downShare === downShare && application > 0 ? application * quantile(m.DOWN_PAYMENT_SHARE!, downU) : NaN;
    const downRate = down === down ? quantile(m.RATE_DOWN_PAYMENT!, downU) : NaN;
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
