/**
 * A counter-offer as the lines an officer reads out: the amount that would be granted at the same term,
 * and the longer term that would be granted for the same amount, each with the probability it gets, or
 * why there is none. Pure, so the words are tested without a browser.
 */
import type { ResponseOf } from '../../../../electron/shared/contract';

/** The counter-offer of a refused client (model/scoring/counter-offer.ts CounterOffer). */
export type CounterOffer = NonNullable<ResponseOf<'scoring:counterOffer'>['counterOffer']>;
/** Loan terms with their probability. */
export type ScoredTerms = CounterOffer['requested'];
/** Why a search found no offer. */
export type NoOfferReason = Extract<CounterOffer['amount'], { status: 'none' }>['reason'];

/** One line of the counter-offer. */
export type OfferLine =
  | { kind: 'amount'; credit: number; requestedCredit: number; annuity: number | null; probability: number; terms: ScoredTerms }
  | { kind: 'duration'; months: number; requestedMonths: number | null; annuity: number | null; probability: number; terms: ScoredTerms }
  | { kind: 'none'; axis: 'amount' | 'duration'; reason: NoOfferReason };

/** The two lines of a counter-offer: amount first (a smaller loan is the usual proposal), then duration. */
export function offerLines(counterOffer: CounterOffer): OfferLine[] {
  const { requested, amount, duration } = counterOffer;
  const lines: OfferLine[] = [];
  if (amount.status === 'offer') {
    const offer = amount.offer;
    lines.push({ kind: 'amount', credit: offer.credit, requestedCredit: requested.credit, annuity: offer.annuity, probability: offer.probability, terms: offer });
  } else lines.push({ kind: 'none', axis: 'amount', reason: amount.reason });
  if (duration.status === 'offer') {
    const offer = duration.offer;
    lines.push({
      kind: 'duration',
      // Terms are numbers of monthly instalments; the offered one is whole, the requested one may not be.
      months: Math.round(offer.term ?? 0),
      requestedMonths: requested.term,
      annuity: offer.annuity,
      probability: offer.probability,
      terms: offer,
    });
  } else lines.push({ kind: 'none', axis: 'duration', reason: duration.reason });
  return lines;
}

/** True when at least one line is an offer the officer can propose. */
export function hasOffer(lines: readonly OfferLine[]): boolean {
  return lines.some((line) => line.kind !== 'none');
}
