/**
 * A new application: the form main defines (applications:fields), checked field by field as the officer
 * types (the form's own checks, then main's on leaving a field), scored on the spot and explained the same
 * way as a client's score (with the counter-offer of a refusal), then saved as a new client whose file opens.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import type { IpcError } from '../../../../electron/shared/errors';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { useNavigation } from '../../app/navigation';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import { CounterOfferView } from '../client/counter-offer-view';
import type { ScoredTerms } from '../client/counter-offer-lines';
import { ExplanationPanel } from '../client/explanation-panel';
import { ReasonsList } from '../client/reasons-list';
import { ScoreSummary } from '../client/score-summary';
import { formRecord, initialValues, serverProblems, textOf, visibleProblems, type FieldProblems, type FormField, type FormValues } from './application-form';
import { ApplicationFormView } from './application-form-view';
import { describeProblem, formatLimit, inputId } from './field-input';
import './new-application.i18n';

type Score = ResponseOf<'applications:score'>;
type Outcome<T> = { status: 'idle' } | { status: 'busy' } | { status: 'ok'; value: T; key: string } | { status: 'error'; error: IpcError };

/** The new-application screen (route {page:'new-application'}). */
export function NewApplicationPage() {
  const { t } = useTranslation('newApplication');
  const api = useApi();
  const lang = useLang();
  const fields = useResult(() => api.applications.fields({ lang }), [lang]);
  return (
    <section aria-labelledby="new-application-title" data-testid="new-application-page">
      <h1 id="new-application-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <ResultView result={fields}>{(data) => <NewApplicationForm fields={data.fields} />}</ResultView>
    </section>
  );
}

/** The form, its checks, the score and the save. */
function NewApplicationForm({ fields }: { fields: readonly FormField[] }) {
  const { t } = useTranslation('newApplication');
  const api = useApi();
  const lang = useLang();
  const { go } = useNavigation();
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [fromMain, setFromMain] = useState<FieldProblems>({});
  const [score, setScore] = useState<Outcome<Score>>({ status: 'idle' });
  const [save, setSave] = useState<Outcome<{ clientId: number }>>({ status: 'idle' });
  const validation = useRef(0);

  const { record, problems: local } = formRecord(fields, values, lang);
  const problems = visibleProblems(local, fromMain, submitted ? 'all' : touched);
  const recordKey = JSON.stringify(record) + lang;

  const onChange = useCallback((name: string, value: string) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    // Main's word on the old value no longer holds.
    setFromMain((previous) => {
      if (!(name in previous)) return previous;
      const { [name]: _gone, ...rest } = previous;
      return rest;
    });
  }, []);

  // Main checks the record when the officer leaves a field: its issues show for fields already visited.
  const [blurred, setBlurred] = useState(0);
  const onBlur = useCallback((name: string) => {
    setTouched((previous) => (previous.has(name) ? previous : new Set(previous).add(name)));
    setBlurred((n) => n + 1);
  }, []);
  useEffect(() => {
    if (blurred === 0) return;
    const mine = ++validation.current;
    void api.applications.validate({ record }).then((result) => {
      if (mine !== validation.current || !result.ok) return;
      setFromMain(serverProblems(result.value.issues));
    });
    // Only a blur asks main again; the record is read as it is at that moment.
  }, [blurred]);

  /** The record when the form has nothing to correct; otherwise shows every problem and focuses the first. */
  function checkedRecord() {
    setSubmitted(true);
    // Only the form's own problems stop the call: main checks again and answers with its issues.
    const first = fields.find((field) => local[field.name]);
    if (!first) return record;
    requestAnimationFrame(() => document.getElementById(inputId(first.name))?.focus());
    return null;
  }

  function onFailure(error: IpcError) {
    if (error.code === 'validation' && error.issues) setFromMain(serverProblems(error.issues));
  }

  async function onScore() {
    const checked = checkedRecord();
    if (!checked) return;
    setScore({ status: 'busy' });
    const result = await api.applications.score({ record: checked, lang, counterOffer: true });
    if (result.ok) setScore({ status: 'ok', value: result.value, key: recordKey });
    else {
      onFailure(result.error);
      setScore({ status: 'error', error: result.error });
    }
  }

  async function onSave() {
    const checked = checkedRecord();
    if (!checked) return;
    setSave({ status: 'busy' });
    const result = await api.applications.save({ record: checked });
    if (result.ok) go({ page: 'client', clientId: result.value.clientId });
    else {
      onFailure(result.error);
      setSave({ status: 'error', error: result.error });
    }
  }

  /** Puts the terms of a counter-offer in the form (credit, instalment, goods price within the credit). */
  function applyOffer(terms: ScoredTerms) {
    const byName = new Map(fields.map((field) => [field.name, field]));
    const set = (name: string, value: number | null) => {
      const field = byName.get(name);
      if (field) onChange(name, textOf(field, value === null ? null : Math.round(value * 100) / 100));
    };
    set('AMT_CREDIT', terms.credit);
    set('AMT_ANNUITY', terms.annuity);
    if (terms.goodsPrice !== null) set('AMT_GOODS_PRICE', terms.goodsPrice);
    document.getElementById(inputId('AMT_CREDIT'))?.scrollIntoView({ block: 'center' });
  }

  const problemList = Object.entries(problems);
  const labels = new Map(fields.map((field) => [field.name, field.label]));
  const format = (n: number) => formatLimit(n, lang);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onScore();
      }}
      data-testid="application-form"
    >
      {submitted && problemList.length ? (
        <div className="error-box" role="alert" data-testid="form-problems">
          <p>{t('summary', { count: problemList.length })}</p>
          <ul>
            {problemList.map(([name, problem]) => (
              <li key={name}>
                <a
                  href={`#${inputId(name)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(inputId(name))?.focus();
                  }}
                >
                  {labels.get(name) ?? name}
                </a>
                : {describeProblem(problem, t, format)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ApplicationFormView fields={fields} values={values} problems={problems} onChange={onChange} onBlur={onBlur} />
      <div className="row form-actions">
        <button type="submit" className="primary" disabled={score.status === 'busy'} data-testid="score-application">
          {score.status === 'busy' ? t('scoring') : t('score')}
        </button>
        <button type="button" onClick={() => void onSave()} disabled={save.status === 'busy'} data-testid="save-application">
          {save.status === 'busy' ? t('saving') : t('save')}
        </button>
        <span className="muted">{t('saveHint')}</span>
      </div>
      {save.status === 'error' && save.error.code !== 'validation' ? <OutcomeError error={save.error} /> : null}
      <div aria-live="polite">
        {score.status === 'busy' ? (
          <p className="loading" role="status">
            {t('scoring')}
          </p>
        ) : null}
        {score.status === 'error' && score.error.code !== 'validation' ? <OutcomeError error={score.error} /> : null}
        {score.status === 'ok' ? (
          <ScoreResult score={score.value} stale={score.key !== recordKey} onUseOffer={applyOffer} />
        ) : null}
      </div>
    </form>
  );
}

/** An error of main (not a field problem), shown as ResultView shows errors. */
function OutcomeError({ error }: { error: IpcError }) {
  return <ResultView result={{ status: 'error', error }}>{() => null}</ResultView>;
}

/** The score of the unsaved application, explained as a client's score is. */
function ScoreResult({ score, stale, onUseOffer }: { score: Score; stale: boolean; onUseOffer: (terms: ScoredTerms) => void }) {
  const { t } = useTranslation('newApplication');
  const { t: tOffer } = useTranslation('counterOffer');
  return (
    <section aria-labelledby="application-result-heading" data-testid="application-result" className={stale ? 'stale' : undefined}>
      <h2 id="application-result-heading">{t('resultHeading')}</h2>
      {stale ? (
        <p className="field-error" role="status">
          {t('changed')}
        </p>
      ) : null}
      <div className="grid-2">
        <ScoreSummary score={score} />
        <ReasonsList reasons={score.reasons} />
      </div>
      {score.counterOffer ? (
        <section className="panel" aria-labelledby="application-offer-heading" data-testid="counter-offer-panel">
          <h2 id="application-offer-heading">{tOffer('heading')}</h2>
          <CounterOfferView counterOffer={score.counterOffer} onUse={onUseOffer} />
        </section>
      ) : null}
      <ExplanationPanel score={score} />
    </section>
  );
}
