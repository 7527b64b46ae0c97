/**
 * "Make this the policy": a manager sets the what-if threshold as the policy, with a required reason
 * (3–500 characters). Main records who and when, and refuses non-managers ('forbidden'), shown in words.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import type { IpcError } from '../../../../electron/shared/errors';
import { useApi } from '../../api/api';
import { formatDate, formatPercent } from '../../../../common/format';
import { useLang } from '../../i18n/i18n';
import { reasonProblem } from './threshold-what-if';

/** Props of PolicyChangeForm. */
export interface PolicyChangeFormProps {
  whatIf: number;
  policyThreshold: number;
  /** Called after a successful change (the page reloads the policy). */
  onChanged: () => void;
}

/** The form to make the what-if threshold the policy. */
export function PolicyChangeForm({ whatIf, policyThreshold, onChanged }: PolicyChangeFormProps) {
  const { t } = useTranslation('threshold');
  const api = useApi();
  const lang = useLang();
  const id = useId();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [done, setDone] = useState<ResponseOf<'policy:setThreshold'> | null>(null);
  const problem = reasonProblem(reason);
  const same = whatIf === policyThreshold;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (problem || same || saving) return;
    setSaving(true);
    setError(null);
    const result = await api.policy.setThreshold({ threshold: whatIf, reason: reason.trim() });
    setSaving(false);
    if (result.ok) {
      setDone(result.value);
      setReason('');
      setTouched(false);
      onChanged();
    } else {
      setError(result.error);
    }
  }

  return (
    <form className="policy-change" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="policy-change">
      <h2 id={`${id}-title`}>{t('change.title')}</h2>
      <p className="muted">{t('change.managerOnly')}</p>
      <label htmlFor={`${id}-reason`}>{t('change.reason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={3}
        maxLength={600}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        onBlur={() => setTouched(true)}
        aria-invalid={touched && problem !== null}
        aria-describedby={`${id}-reason-problem`}
        required
        data-testid="policy-reason"
      />
      <p id={`${id}-reason-problem`} className="field-error" role={touched && problem ? 'alert' : undefined}>
        {touched && problem ? t(`change.problem.${problem}`) : ''}
      </p>
      <div className="row">
        <button type="submit" className="primary" disabled={saving || same} data-testid="policy-submit">
          {saving ? t('change.saving') : t('change.submit', { value: formatPercent(whatIf, lang) })}
        </button>
        {same ? <span className="muted">{t('change.same')}</span> : null}
      </div>
      {error ? (
        <div className="error-box" role="alert" data-testid="policy-error">
          <strong>{error.code === 'forbidden' ? t('change.forbidden') : error.code === 'unauthenticated' ? t('change.unauthenticated') : t('change.failed')}</strong> — {error.message}
        </div>
      ) : null}
      {done ? (
        <p className="success-box" role="status" data-testid="policy-done">
          {t('change.done', { threshold: formatPercent(done.threshold, lang), previous: formatPercent(done.previous, lang), who: done.changedBy, when: formatDate(done.changedAt, lang, 'longDateTime') })}
        </p>
      ) : null}
    </form>
  );
}
