/**
 * Installing a model file (main opens the dialog and verifies the file) and rolling back with a
 * confirmation; the outcome in words: what changed, or the refusal naming the failed check.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import type { IpcError, Result } from '../../../../electron/shared/errors';
import { useApi } from '../../api/api';
import { ConfirmAction } from '../../components/confirm-action';
import { rollbackTarget, shortHash, type ModelHistory } from './model-card-facts';
import './model.i18n';

type Switch = ResponseOf<'models:install'>;

type Outcome =
  | { state: 'idle' }
  | { state: 'running'; action: 'install' | 'rollback' }
  | { state: 'done'; action: 'install' | 'rollback'; value: Switch }
  | { state: 'failed'; error: IpcError };

/** Props of ModelActions. */
export interface ModelActionsProps {
  history: ModelHistory;
  /** Called after a model switch, so the card and the history are read again. */
  onChanged: () => void;
}

/** The install and rollback actions (managers). */
export function ModelActions({ history, onChanged }: ModelActionsProps) {
  const { t } = useTranslation('model');
  const api = useApi();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const running = outcome.state === 'running';
  const target = rollbackTarget(history);

  const run = async (action: 'install' | 'rollback') => {
    setOutcome({ state: 'running', action });
    let result: Result<Switch>;
    try {
      result = action === 'install' ? await api.models.install({}) : await api.models.rollback({});
    } catch (error) {
      result = { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
    if (result.ok) {
      setOutcome({ state: 'done', action, value: result.value });
      onChanged();
    } else {
      setOutcome({ state: 'failed', error: result.error });
    }
  };

  return (
    <section className="panel" aria-labelledby="actions-heading" data-testid="model-actions">
      <h2 id="actions-heading">{t('actions.heading')}</h2>
      <p>{t('actions.intro')}</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => void run('install')} disabled={running} data-testid="model-install">
          {t('actions.install')}
        </button>
        <ConfirmAction
          label={t('actions.rollback')}
          question={target ? t('actions.rollbackQuestion', { target, current: history.active.modelVersion }) : t('actions.rollbackQuestionUnknown', { current: history.active.modelVersion })}
          confirmLabel={t('actions.rollbackConfirm')}
          cancelLabel={t('actions.cancel')}
          onConfirm={() => void run('rollback')}
          disabled={running || !history.canRollBack}
          testId="model-rollback"
        />
      </div>
      {!history.canRollBack ? <p className="muted">{t('actions.noRollback')}</p> : null}
      <OutcomeView outcome={outcome} />
    </section>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('model');
  const { t: tr } = useTranslation('result');
  if (outcome.state === 'idle') return null;
  if (outcome.state === 'running') {
    return (
      <p role="status" className="loading">
        {t(outcome.action === 'install' ? 'actions.installing' : 'actions.rollingBack')}
      </p>
    );
  }
  if (outcome.state === 'done') {
    const { value } = outcome;
    return (
      <div role="status" className="ok-box" data-testid="model-outcome">
        <p>
          <span aria-hidden="true">✔</span>{' '}
          {t(outcome.action === 'install' ? 'actions.installed' : 'actions.rolledBack', { version: value.modelVersion, previous: value.previousVersion, hash: shortHash(value.sha256) })}
        </p>
        {value.warnings.length > 0 ? (
          <>
            <p>{t('actions.warnings')}</p>
            <ul>
              {value.warnings.map((warning, index) => (
                <li key={index}>{warning}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    );
  }
  const { error } = outcome;
  if (error.code === 'cancelled') {
    return (
      <p role="status" data-testid="model-outcome">
        {t('actions.cancelled')}
      </p>
    );
  }
  const lead = error.code === 'model-refused' ? t('actions.refused') : error.code === 'forbidden' ? t('actions.managersOnly') : t('actions.failed');
  return (
    <div role="alert" className="error-box" data-testid="model-outcome">
      <p>
        <strong>{tr(`codes.${error.code}`, { defaultValue: tr('error') })}</strong> — {lead}
      </p>
      <p className="error-detail">{error.message}</p>
    </div>
  );
}
