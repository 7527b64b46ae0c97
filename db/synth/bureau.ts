import type { CsvSink } from './csv-sink.js';
import { csvText } from './format.js';
import { pick, quantile } from './marginal.js';
import type { Categorical, ChildTableProfile, Marginal, SynthProfile } from './profile-types.js';
import type { Random } from './random.js';
import { draw, formattersFor, marginalOf, riskyChance, tiltedUniform, type RiskViews } from './risk.js';

/** A credit written to bureau.csv, as bureau_balance.csv needs it. */
export interface BureauCredit {
  id: number;
  daysCredit: number;
  /** DAYS_ENDDATE_FACT (NaN for credits still open). */
  factEnd: number;
  active: boolean;
}

interface Cell {
  type: Categorical;
  currency: Categorical;
  m: Record<string, Marginal>;
}

const CELL_COLUMNS = [
  'DAYS_CREDIT', 'CREDIT_DAY_OVERDUE', 'AMT_CREDIT_MAX_OVERDUE', 'CNT_CREDIT_PROLONG', 'AMT_CREDIT_SUM', 'AMT_CREDIT_SUM_LIMIT',
  'AMT_CREDIT_SUM_OVERDUE', 'AMT_ANNUITY', 'DAYS_CREDIT_UPDATE', 'DURATION', 'FACT_FRACTION', 'UPDATE_LAG', 'DEBT_RATIO',
];

/**
 * bureau.csv: a client's credits at other lenders. Riskier clients hold more active credits, and draw from
 * the high end of the overdue columns (days overdue, amount overdue, maximum overdue) and of debt/credit.
 */
export class BureauWriter {
  private readonly cells: Record<string, Cell> = {};
  private readonly activeShare: number;
  private readonly soldShare: number;
  private readonly f: Record<string, (x: number) => string>;
  readonly clientShare: number;
  readonly meanCount: number;

  constructor(
    profile: SynthProfile,
    private readonly sink: CsvSink,
  ) {
    const p: ChildTableProfile = profile.bureau;
    for (const key of ['Closed', 'Active', 'Sold']) {
      const cell = p.cells[key] ? key : '*';
      this.cells[key] = {
        type: p.cells[cell]!.categorical.CREDIT_TYPE!,
        currency: p.cells[cell]!.categorical.CREDIT_CURRENCY!,
        m: Object.fromEntries(CELL_COLUMNS.map((c) => [c, marginalOf(p, c, cell)])),
      };
    }
    const status = p.cells['*']!.categorical.CREDIT_ACTIVE!;
    const share = (v: string): number => {
      const i = status.values.indexOf(v);
      return i < 0 ? 0 : status.cum[i]! - (i ? status.cum[i - 1]! : 0);
    };
    this.activeShare = share('Active');
    this.soldShare = share('Sold');
    this.f = formattersFor(p, { AMT_CREDIT_SUM_DEBT: 3 });
    this.clientShare = profile.bureau.clientShare;
    this.meanCount = profile.bureau.meanCount;
  }

  /** Writes one client's bureau credits (none for a share of clients), appending them to `credits`. */
  write(rng: Random, clientId: number, v: RiskViews, nextId: () => number, credits: BureauCredit[]): void {
    if (!rng.chance(this.clientShare)) return;
    const count = 1 + rng.negativeBinomial(this.meanCount - 1, 1.3);
    const f = this.f;
    for (let k = 0; k < count; k++) {
      const active = riskyChance(rng, this.activeShare, v.bureau, 0.35);
      const status = active ? 'Active' : rng.chance(this.soldShare / (1 - this.activeShare)) ? 'Sold' : 'Closed';
      const cell = this.cells[status]!;
      const m = cell.m;
      const id = nextId();
      const daysCredit = quantile(m.DAYS_CREDIT!, rng.uniform());
      const duration = draw(rng, m.DURATION!);
      const endDate = Math.round(daysCredit + duration);
      const fraction = draw(rng, m.FACT_FRACTION!);
      const factEnd = fraction === fraction ? Math.min(0, Math.round(daysCredit - fraction * daysCredit)) : NaN;
      const lag = draw(rng, m.UPDATE_LAG!);
      let update = factEnd === factEnd && lag === lag ? factEnd + lag : quantile(m.DAYS_CREDIT_UPDATE!, rng.uniform());
      update = Math.min(0, Math.max(update, daysCredit));
      const sum = quantile(m.AMT_CREDIT_SUM!, rng.uniform());
      const debtRatio = m.DEBT_RATIO!.missing > 0 && rng.chance(m.DEBT_RATIO!.missing) ? NaN : Math.min(1.5, quantile(m.DEBT_RATIO!, tiltedUniform(rng, v.bureau, 0.25)));
      const maxOverdue = rng.chance(m.AMT_CREDIT_MAX_OVERDUE!.missing) ? NaN : quantile(m.AMT_CREDIT_MAX_OVERDUE!, tiltedUniform(rng, v.overdue, 0.35));
      this.sink.row(
        `${clientId},${id},${status},${csvText(pick(cell.currency, rng.uniform()))},${f.DAYS_CREDIT!(daysCredit)},` +
          `${f.CREDIT_DAY_OVERDUE!(quantile(m.CREDIT_DAY_OVERDUE!, tiltedUniform(rng, v.overdue, 0.4)))},` +
          `${f.DAYS_CREDIT_ENDDATE!(endDate)},${f.DAYS_ENDDATE_FACT!(factEnd)},${f.AMT_CREDIT_MAX_OVERDUE!(maxOverdue)},` +
          `${f.CNT_CREDIT_PROLONG!(quantile(m.CNT_CREDIT_PROLONG!, rng.uniform()))},${f.AMT_CREDIT_SUM!(sum)},` +
          `${f.AMT_CREDIT_SUM_DEBT!(sum * debtRatio)},${f.AMT_CREDIT_SUM_LIMIT!(draw(rng, m.AMT_CREDIT_SUM_LIMIT!))},` +
          `${f.AMT_CREDIT_SUM_OVERDUE!(quantile(m.AMT_CREDIT_SUM_OVERDUE!, tiltedUniform(rng, v.overdue, 0.4)))},` +
          `${csvText(pick(cell.type, rng.uniform()))},${f.DAYS_CREDIT_UPDATE!(update)},${f.AMT_ANNUITY!(draw(rng, m.AMT_ANNUITY!))}`,
      );
      credits.push({ id, daysCredit, factEnd, active });
    }
  }
}
