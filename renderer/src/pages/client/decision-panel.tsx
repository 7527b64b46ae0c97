/**
 * Recording the final decision on a client: follow the model, or override it (grant a client it refuses,
 * refuse one it grants) with a reason from the fixed list and a comment; a confirmation step, since the
 * log is append-only. Below, the decisions already recorded for this client, each with its letter.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import type { IpcError } from '../../../../electron/shared/errors';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { ResultView } from '../../components/result-view';
import { allowedReasons, decisionRequest, initialDraft, overrideDirection, type DecisionDraft, type DraftProblems, type Outcome, type ReasonCode } from './decision-rules';
import { DecisionTable } from './decision-table';
import { FollowUpPanel } from './follow-up-panel';
import './decision.i18n';

/** Props of DecisionPanel. */
export interface DecisionPanelProps {
  clientId: number;
  score: ResponseOf<'scoring:score'>;
}

type Stage = { step: 'edit' } | { step: 'confirm' } | { step: 'busy' } | { step: 'error'; error: IpcError } | { step: 'done' };

/** The decision panel of the client page. */
export function DecisionPanel({ clientId, score }: DecisionPanelProps) {
  const { t } = useTranslation('decision');
  const api = useApi();
  const model: Outcome = score.decision;
  const [draft, setDraft] = useState<DecisionDraft>(() => initialDraft(model));
  const [problems, setProblems] = useState<DraftProblems>({});
  const [stage, setStage] = useState<Stage>({ step: 'edit' });
  const [recorded, setRecorded] = useState(0);
  const history = useResult(() => api.decisions.list({ clientId, offset: 0, limit: 100 }), [clientId, recorded]);

  // Another client, or the same client scored again: start from the model's decision.
  useEffect(() => {
    setDraft(initialDraft(model));
    setProblems({});
    setStage({ step: 'edit' });
  }, [clientId, model]);

  // One decision per client (main refuses a second): once recorded, changes go through contest and review.
  const hasDecision = history.data?.decisions.some((entry) => entry.kind === 'decision') ?? false;
  const direction = draft.outcome ? overrideDirection(model, draft.outcome) : null;
  const reasons = allowedReasons(model, draft.outcome);

  function update(change: Partial<DecisionDraft>) {
    setDraft((previous) => {
      const next = { ...previous, ...change };
      // Switching to an override: "the model's decision" is no reason for it.
      if (next.outcome && overrideDirection(model, next.outcome) && next.reasonCode === 'model-decision') next.reasonCode = '';
      if (next.outcome && !overrideDirection(model, next.outcome) && next.reasonCode === '') next.reasonCode = 'model-decision';
      return next;
    });
    setProblems({});
    if (stage.step !== 'busy') setStage({ step: 'edit' });
  }

  function onReview() {
    const checked = decisionRequest(clientId, model, draft);
    if ('problems' in checked) {
      setProblems(checked.problems);
      const first = (['outcome', 'reasonCode', 'comment'] as const).find((key) => checked.problems[key]);
      if (first) document.getElementById(`decision-${first}`)?.focus();
      return;
    }
    setStage({ step: 'confirm' });
  }

  async function onConfirm() {
    const checked = decisionRequest(clientId, model, draft);
    if ('problems' in checked) return;
    setStage({ step: 'busy' });
    const result = await api.decisions.record(checked.request);
    if (result.ok) {
      setStage({ step: 'done' });
      setDraft(initialDraft(model));
      setRecorded((n) => n + 1);
    } else setStage({ step: 'error', error: result.error });
  }

  const problem = (key: keyof DraftProblems) =>
    problems[key] ? (
      <span id={`decision-${key}-problem`} className="field-error" data-testid={`decision-${key}-problem`}>
        <span aria-hidden="true">⚠ </span>
        {t(`problems.${problems[key]}`)}
      </span>
    ) : null;

  return (
    <section className="panel" aria-labelledby="decision-heading" data-testid="decision-panel">
      <h2 id="decision-heading">{t('heading')}</h2>
      <p>{t('model', { decision: t(`words.${model}`) })}</p>
      {hasDecision ? (
        <>
          {stage.step === 'done' ? (
            <p role="status" data-testid="decision-recorded">
              {t('recorded')}
            </p>
          ) : null}
          <ResultView result={history}>{(data) => <FollowUpPanel entries={data.decisions} onRecorded={() => setRecorded((n) => n + 1)} />}</ResultView>
        </>
      ) : (
      <div className="decision-form">
        <fieldset id="decision-outcome" tabIndex={-1} aria-describedby={problems.outcome ? 'decision-outcome-problem' : undefined}>
          <legend>{t('outcome')}</legend>
          {(['granted', 'refused'] as const).map((outcome) => {
            const overriding = overrideDirection(model, outcome);
            return (
              <label key={outcome} className="choice">
                <input
                  type="radio"
                  name={`decision-outcome-${clientId}`}
                  value={outcome}
                  checked={draft.outcome === outcome}
                  onChange={() => update({ outcome })}
                  data-testid={`decision-outcome-${outcome}`}
                />
                <span>
                  {t(`outcomes.${outcome}`)} <span className="muted">{overriding ? t(`overrides.${overriding}`) : t('follows')}</span>
                </span>
              </label>
            );
          })}
          {problem('outcome')}
        </fieldset>
        <div className="form-field">
          <label htmlFor="decision-reasonCode">{t('reason')}</label>
          <select
            id="decision-reasonCode"
            value={draft.reasonCode}
            onChange={(event) => update({ reasonCode: event.target.value as ReasonCode | '' })}
            aria-invalid={problems.reasonCode ? true : undefined}
            aria-describedby={problems.reasonCode ? 'decision-reasonCode-problem' : undefined}
            data-testid="decision-reason"
          >
            <option value="">{t('choose')}</option>
            {reasons.map((code) => (
              <option key={code} value={code}>
                {t(`reasons.${code}`)}
              </option>
            ))}
          </select>
          {problem('reasonCode')}
        </div>
        <div className="form-field">
          <label htmlFor="decision-comment">{t('comment')}</label>
          <textarea
            id="decision-comment"
            value={draft.comment}
            maxLength={2000}
            onChange={(event) => update({ comment: event.target.value })}
            aria-invalid={problems.comment ? true : undefined}
            aria-describedby={`decision-comment-hint${problems.comment ? ' decision-comment-problem' : ''}`}
            aria-required={direction ? true : undefined}
            data-testid="decision-comment"
          />
          <span id="decision-comment-hint" className="muted field-hint">
            {direction ? t('commentHintOverride') : t('commentHint')}
          </span>
          {problem('comment')}
        </div>
        {stage.step === 'confirm' || stage.step === 'busy' ? (
          <div className="confirm-box" role="group" aria-labelledby="decision-confirm-title" data-testid="decision-confirm">
            <h3 id="decision-confirm-title">{t('confirmTitle')}</h3>
            <p>
              {t('confirmText', {
                outcome: t(`words.${draft.outcome ?? model}`),
                clientId,
                kind: direction ? t('kindOverride') : t('kindFollow'),
                reason: draft.reasonCode ? t(`reasons.${draft.reasonCode}`) : '—',
              })}
            </p>
            <div className="row">
              <button type="button" className="primary" onClick={() => void onConfirm()} disabled={stage.step === 'busy'} data-testid="decision-confirm-button" autoFocus>
                {stage.step === 'busy' ? t('recording') : t('confirm')}
              </button>
              <button type="button" onClick={() => setStage({ step: 'edit' })} disabled={stage.step === 'busy'}>
                {t('cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="row">
            <button type="button" className="primary" onClick={onReview} data-testid="decision-record">
              {t('record')}
            </button>
          </div>
        )}
        <div aria-live="polite">
          {stage.step === 'done' ? (
            <p role="status" data-testid="decision-recorded">
              {t('recorded')}
            </p>
          ) : null}
        </div>
        {stage.step === 'error' ? <ResultView result={{ status: 'error', error: stage.error }}>{() => null}</ResultView> : null}
      </div>
      )}
      <h3>{t('history')}</h3>
      <ResultView result={history}>
        {(data) =>
          data.decisions.length === 0 ? (
            <p data-testid="decision-history-empty">{t('noHistory')}</p>
          ) : (
            <DecisionTable decisions={data.decisions} caption={t('history')} testId="decision-history" />
          )
        }
      </ResultView>
    </section>
  );
}
