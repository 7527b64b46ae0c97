/** The top reasons of a score in plain words, each with the client's value and its direction. */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import './client.i18n';

type Reason = ResponseOf<'scoring:score'>['reasons'][number];

/** Props of ReasonsList. */
export interface ReasonsListProps {
  reasons: readonly Reason[];
}

/** The reasons panel: those raising the risk first, then those lowering it. */
export function ReasonsList({ reasons }: ReasonsListProps) {
  const { t } = useTranslation('client');
  const against = reasons.filter((reason) => reason.direction === 'against');
  const forClient = reasons.filter((reason) => reason.direction === 'for');
  return (
    <section className="panel" aria-labelledby="reasons-heading" data-testid="reasons">
      <h2 id="reasons-heading">{t('reasons.heading')}</h2>
      {reasons.length === 0 ? <p>{t('reasons.none')}</p> : null}
      {[
        { list: against, key: 'against' as const },
        { list: forClient, key: 'for' as const },
      ].map(({ list, key }) =>
        list.length ? (
          <div key={key}>
            <h3>{t(`reasons.${key}`)}</h3>
            <ul className="reasons">
              {list.map((reason) => (
                <li key={reason.input}>
                  <span className={`reason-mark ${key}`} aria-hidden="true">
                    {key === 'against' ? '▲' : '▼'}
                  </span>
                  <span>{reason.text}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
    </section>
  );
}
