/** The model card: identity and signature, training data, the decision's threshold and costs, metrics, calibration, excluded and sensitive inputs. */
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, formatPercent } from '../../../../common/format';
import { useLang } from '../../i18n/i18n';
import { DataTable } from '../../components/data-table';
import { costSentence, metricRows, type MetricRow, type ModelCard } from './model-card-facts';
import './model.i18n';

/** Props of ModelCardView. */
export interface ModelCardViewProps {
  card: ModelCard;
}

function MetricTable({ rows, caption, testId }: { rows: readonly MetricRow[]; caption: string; testId: string }) {
  const { t } = useTranslation('model');
  return (
    <DataTable
      testId={testId}
      caption={caption}
      rows={rows}
      rowKey={(row) => row.key}
      columns={[
        { key: 'metric', header: t('card.columns.metric'), rowHeader: true, cell: (row) => row.label },
        { key: 'value', header: t('card.columns.value'), align: 'number', cell: (row) => row.valueText },
        { key: 'meaning', header: t('card.columns.meaning'), cell: (row) => row.meaning },
      ]}
    />
  );
}

/** Inputs of the model with a note on each (written in English by the training pipeline). */
function InputNotes({ inputs, headers, testId }: { inputs: readonly { column: string; note: string }[]; headers: [string, string]; testId: string }) {
  return (
    <DataTable
      testId={testId}
      rows={inputs}
      rowKey={(input) => input.column}
      columns={[
        { key: 'column', header: headers[0], rowHeader: true, cell: (input) => <code>{input.column}</code> },
        { key: 'note', header: headers[1], lang: 'en', cell: (input) => input.note },
      ]}
    />
  );
}

/** The card. */
export function ModelCardView({ card }: ModelCardViewProps) {
  const { t } = useTranslation('model');
  const lang = useLang();
  const metrics = metricRows(card.metrics, lang, t);
  const performance = metrics.filter((row) => !row.calibration);
  const calibration = metrics.filter((row) => row.calibration);
  return (
    <section className="panel" aria-labelledby="card-heading" data-testid="model-card">
      <h2 id="card-heading">{t('card.heading')}</h2>
      <div className="grid-2">
        <dl className="facts">
          <dt>{t('card.version')}</dt>
          <dd data-testid="model-version">{card.modelVersion}</dd>
          <dt>{t('card.created')}</dt>
          <dd>{formatDate(card.createdAt, lang, 'longDateTime')}</dd>
          <dt>{t('card.featureSet')}</dt>
          <dd>{card.featureSetVersion}</dd>
          <dt>{t('card.inputs')}</dt>
          <dd>{t('card.inputsValue', { n: formatNumber(card.inputs, lang) })}</dd>
          <dt>{t('card.signature')}</dt>
          <dd data-testid="model-signed">
            <span aria-hidden="true">{card.signed ? '✔' : '✖'}</span> {t(card.signed ? 'card.signed' : 'card.unsigned')}
          </dd>
        </dl>
        <div>
          <h3>{t('card.dataHeading')}</h3>
          <dl className="facts">
            <dt>{t('card.source')}</dt>
            <dd>{card.training.source}</dd>
            <dt>{t('card.rows')}</dt>
            <dd>{formatNumber(card.training.rows, lang)}</dd>
            <dt>{t('card.defaultRate')}</dt>
            <dd>{formatPercent(card.training.defaultRate, lang)}</dd>
            <dt>{t('card.training')}</dt>
            <dd>{t('card.trainingValue', { version: card.training.xgboostVersion, rounds: formatNumber(card.training.rounds, lang), seed: card.training.seed })}</dd>
          </dl>
        </div>
      </div>

      <h3>{t('card.policyHeading')}</h3>
      <dl className="facts">
        <dt>{t('card.threshold')}</dt>
        <dd>
          <strong data-testid="model-threshold">{formatPercent(card.threshold, lang)}</strong> <span className="muted">{t('card.thresholdNote')}</span>
        </dd>
        <dt>{t('card.cost')}</dt>
        <dd>{costSentence(card.cost, lang, t)}</dd>
      </dl>

      <div className="grid-2">
        <div>
          <h3>{t('card.metricsHeading')}</h3>
          <MetricTable rows={performance} caption={t('card.metricsHeading')} testId="model-metrics" />
        </div>
        <div>
          <h3>{t('card.calibrationHeading')}</h3>
          <p className="muted">{t('card.calibrationNote')}</p>
          {calibration.length > 0 ? <MetricTable rows={calibration} caption={t('card.calibrationHeading')} testId="model-calibration" /> : <p>{t('card.none')}</p>}
        </div>
      </div>

      <h3>{t('card.excludedHeading')}</h3>
      <p>
        {t('card.excludedIntro')} <span className="muted">{t('card.technicalNote')}</span>
      </p>
      {card.excludedInputs.length === 0 ? (
        <p>{t('card.none')}</p>
      ) : (
        // Long (every building statistic is listed): folded, one click away; the count is on the fold.
        <details className="excluded-inputs">
          <summary>{t('card.excludedShow', { n: card.excludedInputs.length })}</summary>
          <InputNotes
            testId="model-excluded"
            inputs={card.excludedInputs.map((input) => ({ column: input.column, note: input.reason }))}
            headers={[t('card.columnsExcluded.column'), t('card.columnsExcluded.reason')]}
          />
        </details>
      )}

      <h3>{t('card.sensitiveHeading')}</h3>
      {card.sensitiveInputs.length === 0 ? (
        <p>{t('card.none')}</p>
      ) : (
        <InputNotes testId="model-sensitive" inputs={card.sensitiveInputs} headers={[t('card.columnsSensitive.column'), t('card.columnsSensitive.note')]} />
      )}
    </section>
  );
}
