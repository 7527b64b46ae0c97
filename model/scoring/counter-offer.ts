/**
 * Counter-offer for a refused application: the largest credit amount, and separately the shortest
 * longer term, at which the same client would be granted, every other fact unchanged. Each candidate is
 * recomputed through the same feature code (computeFeatures on the modified records) and scored by the
 * same engine, so an offer is granted exactly as if it had been typed in as a new application.
 *
 * Loan terms, as the data defines them: AMT_CREDIT the amount lent, AMT_ANNUITY the instalment, their
 * ratio the number of instalments ("term", interest ignored, as the CREDIT_TERM feature reads it),
 * AMT_GOODS_PRICE the price of what is bought.
 * - Amount offer: AMT_CREDIT lowered, AMT_ANNUITY scaled in proportion (same term), AMT_GOODS_PRICE kept
 *   but capped at the new credit amount (the client still buys the same goods and pays the difference
 *   in cash; the loan never finances more than it lends). Bounds: at least `minCreditShare` of the amount
 *   asked and at least `minCredit` (the smallest credit in the data set); amounts in steps of about 1 % of
 *   the request (a round figure).
 * - Term offer: AMT_CREDIT kept, AMT_ANNUITY = AMT_CREDIT / n for a whole number of instalments n longer
 *   than the request, up to `maxTerm` (360 monthly instalments: 30 years, the annuity floor).
 * The model is piecewise constant in these amounts, and not necessarily monotonic: the search scans a
 * grid of candidates in one batch, then every candidate between the last refused and the first granted
 * grid point in a second batch. The result is a boundary: the offer is granted and the candidate next to
 * it, one step closer to the request, is refused (`refusedNext`). "none" when no grid point within the
 * bounds is granted.
 */
import { computeFeatures } from '../features/compute-features.js';
import type { ApplicationRow, ClientRecords } from '../features/client-records.js';
import type { ScoringEngine } from './scoring-engine.js';

/** The loan terms of an application. */
export interface LoanTerms {
  /** AMT_CREDIT. */
  credit: number;
  /** AMT_ANNUITY (null when the application has none). */
  annuity: number | null;
  /** AMT_GOODS_PRICE (null when the application has none). */
  goodsPrice: number | null;
  /** Number of instalments: credit / annuity (null without an annuity). */
  term: number | null;
}

/** Loan terms with the probability of default the model gives them. */
export interface ScoredTerms extends LoanTerms {
  probability: number;
}

/**
 * Why there is no offer: no candidate within the bounds is granted; the request is already at the
 * smallest amount or the longest term offered; the application has no credit amount or no instalment.
 */
export type NoOfferReason = 'not-granted-within-bounds' | 'at-smallest-amount' | 'at-longest-term' | 'no-credit-amount' | 'no-instalment';

/** The outcome of one search: an offer with its refused neighbour, or none within the bounds. */
export type OfferSearch =
  | { status: 'offer'; offer: ScoredTerms; refusedNext: ScoredTerms }
  | { status: 'none'; reason: NoOfferReason };

/** The two counter-offers for a refused application. */
export interface CounterOffer {
  threshold: number;
  requested: ScoredTerms;
  /** The largest amount granted at the same term. */
  amount: OfferSearch;
  /** The shortest longer term granted for the same amount. */
  duration: OfferSearch;
}

/** Bounds and resolution of the search. */
export interface CounterOfferOptions {
  /** Decision threshold (default: the model's policy). */
  threshold?: number;
  /** Smallest amount offered, as a share of the amount asked (default 0.25). */
  minCreditShare?: number;
  /** Smallest amount offered, absolute (default 45,000: the smallest credit in the Home Credit data). */
  minCredit?: number;
  /** Longest term offered, in instalments (default 360: 30 years of monthly instalments). */
  maxTerm?: number;
  /** Candidates in the first scan (default 100). */
  gridPoints?: number;
}

const DEFAULTS = { minCreditShare: 0.25, minCredit: 45_000, maxTerm: 360, gridPoints: 100 };

const cents = (x: number) => Math.round(x * 100) / 100;
const termOf = (credit: number, annuity: number | null) => (annuity === null || annuity === 0 ? null : credit / annuity);

/** The application with other loan terms (every other field unchanged). */
export function applicationWithTerms(application: ApplicationRow, terms: LoanTerms): ApplicationRow {
  return { ...application, AMT_CREDIT: terms.credit, AMT_ANNUITY: terms.annuity, AMT_GOODS_PRICE: terms.goodsPrice };
}

/** The loan terms of an application (null when it has no credit amount). */
export function loanTermsOf(application: ApplicationRow): LoanTerms | null {
  const credit = application.AMT_CREDIT;
  if (typeof credit !== 'number' || !(credit > 0)) return null;
  const annuity = typeof application.AMT_ANNUITY === 'number' ? application.AMT_ANNUITY : null;
  const goodsPrice = typeof application.AMT_GOODS_PRICE === 'number' ? application.AMT_GOODS_PRICE : null;
  return { credit, annuity, goodsPrice, term: termOf(credit, annuity) };
}

/**
 * The step of the amounts offered: a round figure of about 1 % (0.1 %–1 %) of the amount asked
 * (100 for 45,000; 1,000 for 500,000).
 */
export function amountStep(requested: number): number {
  return Math.max(1, 10 ** (Math.floor(Math.log10(requested)) - 2));
}

/**
 * One search axis: candidates 1..count ordered from the nearest to the request to the farthest
 * (0 is the request itself, refused).
 */
interface Axis {
  count: number;
  terms(i: number): LoanTerms;
}

/** Grid positions 1..count: at most `points`, both ends included. */
function grid(count: number, points: number): number[] {
  if (count <= points) return Array.from({ length: count }, (_, i) => i + 1);
  const positions = new Set<number>();
  for (let g = 0; g < points; g++) positions.add(1 + Math.round((g * (count - 1)) / (points - 1)));
  return [...positions].sort((a, b) => a - b);
}

/** Which candidate indices to evaluate in the second batch, given the first scan's probabilities. */
function refinement(positions: number[], granted: boolean[]): { first: number; previous: number; between: number[] } | null {
  const m = granted.indexOf(true);
  if (m < 0) return null;
  const previous = m === 0 ? 0 : positions[m - 1]!;
  const first = positions[m]!;
  return { first, previous, between: Array.from({ length: first - previous - 1 }, (_, i) => previous + 1 + i) };
}

function scored(terms: LoanTerms, probability: number): ScoredTerms {
  return { ...terms, probability };
}

/**
 * The counter-offers for an application (its records: application row and history), or null when the
 * application is granted as it is (nothing to offer).
 */
export async function counterOffer(engine: ScoringEngine, records: ClientRecords, options: CounterOfferOptions = {}): Promise<CounterOffer | null> {
  const o = { ...DEFAULTS, ...options };
  const threshold = options.threshold ?? engine.threshold;
  const isGranted = (p: number) => engine.judge(p, threshold).decision === 'granted';
  const requested = loanTermsOf(records.application);
  const score = async (terms: LoanTerms[]) =>
    engine.probabilities(terms.map((t) => computeFeatures({ ...records, application: applicationWithTerms(records.application, t) })));
  if (!requested) {
    const [p] = await engine.probabilities([computeFeatures(records)]);
    if (isGranted(p!)) return null;
    const none: OfferSearch = { status: 'none', reason: 'no-credit-amount' };
    return { threshold, requested: { credit: NaN, annuity: null, goodsPrice: null, term: null, probability: p! }, amount: none, duration: none };
  }

  const axes: Array<Axis | NoOfferReason> = [amountAxis(requested, o), durationAxis(requested, o)];
  const grids = axes.map((axis) => (typeof axis === 'string' ? [] : grid(axis.count, o.gridPoints)));
  const first = await score([requested, ...axes.flatMap((axis, a) => (typeof axis === 'string' ? [] : grids[a]!.map((i) => axis.terms(i))))]);
  const requestedP = first[0]!;
  if (isGranted(requestedP)) return null;

  // Second batch: every candidate between the last refused and the first granted grid point, per axis.
  let at = 1;
  const plans = axes.map((axis, a) => {
    if (typeof axis === 'string') return null;
    const probabilities = Array.from(first.subarray(at, at + grids[a]!.length));
    at += grids[a]!.length;
    const plan = refinement(grids[a]!, probabilities.map(isGranted));
    return plan && { ...plan, axis, gridP: new Map(grids[a]!.map((i, k) => [i, probabilities[k]!])) };
  });
  const second = await score(plans.flatMap((plan) => (plan ? plan.between.map((i) => plan.axis.terms(i)) : [])));

  at = 0;
  const results = axes.map((axis, a): OfferSearch => {
    if (typeof axis === 'string') return { status: 'none', reason: axis };
    const plan = plans[a];
    if (!plan) return { status: 'none', reason: 'not-granted-within-bounds' };
    const p = new Map(plan.gridP);
    p.set(0, requestedP);
    plan.between.forEach((i, k) => p.set(i, second[at + k]!));
    at += plan.between.length;
    // The first granted candidate from the request's side; its neighbour on that side is refused.
    let offer = plan.first;
    for (const i of plan.between) {
      if (isGranted(p.get(i)!)) {
        offer = i;
        break;
      }
    }
    const next = offer - 1;
    const termsOf = (i: number) => (i === 0 ? requested : plan.axis.terms(i));
    return { status: 'offer', offer: scored(termsOf(offer), p.get(offer)!), refusedNext: scored(termsOf(next), p.get(next)!) };
  });
  return { threshold, requested: scored(requested, requestedP), amount: results[0]!, duration: results[1]! };
}

/** Lower amounts, same term: candidate i is the i-th step below the request. */
function amountAxis(requested: LoanTerms, o: typeof DEFAULTS): Axis | NoOfferReason {
  const step = amountStep(requested.credit);
  const kHigh = Math.ceil(requested.credit / step) - 1;
  const kLow = Math.ceil(Math.max(o.minCreditShare * requested.credit, o.minCredit) / step);
  if (kHigh < kLow) return 'at-smallest-amount';
  return {
    count: kHigh - kLow + 1,
    terms(i) {
      const credit = (kHigh + 1 - i) * step;
      const annuity = requested.annuity === null ? null : cents((requested.annuity * credit) / requested.credit);
      const goodsPrice = requested.goodsPrice === null ? null : Math.min(requested.goodsPrice, credit);
      return { credit, annuity, goodsPrice, term: termOf(credit, annuity) };
    },
  };
}

/** Longer terms, same amount: candidate i is the i-th whole number of instalments above the request. */
function durationAxis(requested: LoanTerms, o: typeof DEFAULTS): Axis | NoOfferReason {
  if (requested.annuity === null || requested.term === null) return 'no-instalment';
  const n0 = Math.floor(requested.term) + 1;
  // A candidate must lower the instalment once rounded to cents (a term just below a whole number).
  const start = cents(requested.credit / n0) < requested.annuity ? n0 : n0 + 1;
  if (start > o.maxTerm) return 'at-longest-term';
  return {
    count: o.maxTerm - start + 1,
    terms(i) {
      const annuity = cents(requested.credit / (start + i - 1));
      return { credit: requested.credit, annuity, goodsPrice: requested.goodsPrice, term: termOf(requested.credit, annuity) };
    },
  };
}
