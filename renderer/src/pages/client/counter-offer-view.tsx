/** A counter-offer in words: each offer the officer can propose, with its probability, or why there is none. */
import { useTranslation } from 'react-i18next';
import { formatMoney, formatNumber, formatPercent } from '../../../../common/format';
import { useLang } from '../../i18n/i18n';
import { offerLines, type CounterOffer, type ScoredTerms } from './counter-offer-lines';
import './counter-offer.i18n';

/** Props of CounterOfferView. */
export interface CounterOfferViewProps {
  counterOffer: CounterOffer;
  /** When given, each offer has a button that takes its terms (a new application puts them in the form). */
  onUse?: (terms: ScoredTerms) => void;
}

/** The offers of a refused application. */
export function CounterOfferView({ counterOffer, onUse }: CounterOfferViewProps) {
  const { t } = useTranslation('counterOffer');
  const lang = useLang();
  const lines = offerLines(counterOffer);
  return (
    <>
      <p>{t('intro', { threshold: formatPercent(counterOffer.threshold, lang) })}</p>
      <ul className="offers" data-testid="counter-offers">
        {lines.map((line) => {
          if (line.kind === 'none') {
            return (
              <li key={line.axis} className="offer none" data-testid={`offer-${line.axis}-none`}>
                {t(`none.${line.axis}`, { reason: t(`reasons.${line.reason}`) })}
              </li>
            );
          }
          const headline =
            line.kind === 'amount'
              ? t('amount', { credit: formatMoney(line.credit, lang), requested: formatMoney(line.requestedCredit, lang) })
              : t('duration', {
                  months: formatNumber(line.months, lang),
                  requested: line.requestedMonths === null ? '—' : formatNumber(line.requestedMonths, lang, Number.isInteger(line.requestedMonths) ? 0 : 1),
                });
          return (
            <li key={line.kind} className="offer" data-testid={`offer-${line.kind}`}>
              <span className="offer-badge">{t('offerBadge')}</span> <strong>{headline}</strong>
              <br />
              <span className="muted">
                {t('details', {
                  annuity: line.annuity === null ? t('noAnnuity') : formatMoney(line.annuity, lang),
                  probability: formatPercent(line.probability, lang),
                })}
              </span>
              {onUse ? (
                <>
                  {' '}
                  <button type="button" onClick={() => onUse(line.terms)} data-testid={`use-offer-${line.kind}`}>
                    {t('propose')}
                  </button>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
