/**
 * The client's file: the application in labelled fields, the history summary in sentences, and every
 * model input with the client's value and its effect (collapsed: the detail is there for who asks).
 */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { DataTable } from '../../components/data-table';
import { ResultView } from '../../components/result-view';
import '../new-application/new-application.i18n';
import { displayApplication } from './application-display';
import { formatMoney, formatPoints } from '../../../../common/format';
import { useLang } from '../../i18n/i18n';
import './client.i18n';

/** Props of ClientFile. */
export interface ClientFileProps {
  file: ResponseOf<'clients:get'>;
  /** The score's explanation (the model inputs with their effect); null while there is none (scoring disabled, or loading). */
  explanation: ResponseOf<'scoring:score'>['explanation'] | null;
}

/** The file panel. */
export function ClientFile({ file, explanation }: ClientFileProps) {
  const { t } = useTranslation('client');
  const { t: formWords } = useTranslation('newApplication');
  const lang = useLang();
  const { client, history } = file;
  const facts: Array<[string, string]> = [
    [t('file.contract'), client.contractType ?? '—'],
    [t('file.incomeType'), client.incomeType ?? '—'],
    [t('file.age'), client.ageYears === null ? '—' : t('file.years', { count: Math.floor(client.ageYears) })],
    [t('file.income'), formatMoney(client.income, lang)],
    [t('file.credit'), formatMoney(client.credit, lang)],
    [t('file.annuity'), formatMoney(client.annuity, lang)],
    [t('file.outcome'), t(`file.outcomes.${client.outcome ?? 'unknown'}`)],
  ];
  const lines: Array<[string, string]> = [
    [
      t('file.bureau'),
      t('file.bureauLine', {
        credits: history.bureau.credits,
        active: history.bureau.active,
        closed: history.bureau.closed,
        overdue: history.bureau.overdueCredits,
        debt: formatMoney(history.bureau.totalDebt, lang),
      }),
    ],
    [t('file.previous'), t('file.previousLine', history.previousApplications)],
    [t('file.instalments'), t('file.instalmentsLine', history.instalments)],
    [t('file.cards'), t('file.cardsLine', { months: history.creditCards.months, max: formatMoney(history.creditCards.maxBalance, lang) })],
    [t('file.pos'), t('file.posLine', { months: history.posCash.months, overdue: history.posCash.monthsOverdue })],
  ];
  const api = useApi();
  const definition = useResult(() => api.applications.fields({ lang }), [lang]);
  const words = {
    yes: t('file.yes'),
    no: t('file.no'),
    none: t('file.none'),
    missing: t('file.missing'),
    years: (count: number) => t('file.years', { count }),
  };
  const inputs = explanation ? [...explanation.contributions].sort((a, b) => Math.abs(b.probability) - Math.abs(a.probability)) : null;
  return (
    <section className="panel" aria-labelledby="file-heading" data-testid="client-file">
      <h2 id="file-heading">{t('file.heading')}</h2>
      <div className="grid-2">
        <div>
          <h3>{t('file.summary')}</h3>
          <table>
            <tbody>
              {facts.map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>{t('file.history')}</h3>
          <dl className="history">
            {lines.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      <details data-testid="application-details">
        <summary>{t('file.application')}</summary>
        <ResultView result={definition}>
          {(data) =>
            displayApplication(data.fields, file.application, lang, words).map(({ section, fields }) => (
              <table key={section} className="application-section">
                <caption>{formWords(`sections.${section}`)}</caption>
                <tbody>
                  {fields.map((field) => (
                    <tr key={field.name}>
                      <th scope="row">
                        {field.label}
                        {field.usedByModel ? null : <span className="muted"> ({t('file.notUsed')})</span>}
                      </th>
                      <td>{field.text}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))
          }
        </ResultView>
      </details>
      {inputs ? (
        <details>
          <summary>{t('file.inputs')}</summary>
          <p className="muted">{t('file.inputsHint')}</p>
          <DataTable
            testId="model-inputs"
            rows={inputs}
            rowKey={(input) => input.input}
            columns={[
              { key: 'label', header: t('file.columns.label'), cell: (input) => input.label },
              { key: 'value', header: t('file.columns.value'), cell: (input) => input.valueText },
              { key: 'effect', header: t('file.columns.effect'), align: 'number', cell: (input) => formatPoints(input.probability, lang, 2) },
            ]}
          />
        </details>
      ) : null}
    </section>
  );
}
