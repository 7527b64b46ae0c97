/**
 * After the decision: the client's contest (any signed-in user records it) and a manager's review
 * (another manager than the decider; main checks it again). Each is appended to the decision log.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../../electron/shared/errors';
import { useApi } from '../../api/api';
import { useSession } from '../../app/session';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import type { LogEntry } from './decision-table';
import { formatDate } from '../../../../common/format';
import { followUpState } from './follow-up-state';
import './follow-up.i18n';

/** Props of FollowUpPanel. */
export interface FollowUpPanelProps {
  entries: readonly LogEntry[];
  /** Called once something was recorded (the log is read again). */
  onRecorded(): void;
}

const MIN_COMMENT = 10;

/** The contest and review part of the decision panel (renders nothing before a decision exists). */
export function FollowUpPanel({ entries, onRecorded }: FollowUpPanelProps) {
  const { t } = useTranslation('followUp');
  const lang = useLang();
  const api = useApi();
  const { user } = useSession();
  const state = followUpState(entries, user);
  const [contesting, setContesting] = useState(false);
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<'upheld' | 'changed'>('upheld');
  const [tooShort, setTooShort] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!state) return null;

  const other = state.standing === 'granted' ? 'refused' : 'granted';

  async function submit(event: FormEvent, kind: 'contest' | 'review') {
    event.preventDefault();
    if (!state) return;
    if (comment.trim().length < MIN_COMMENT) {
      setTooShort(true);
      document.getElementById('follow-up-comment')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result =
      kind === 'contest'
        ? await api.decisions.contest({ decisionId: state.decision.decisionId, comment: comment.trim() })
        : await api.decisions.review({ decisionId: state.decision.decisionId, outcome, comment: comment.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDone(t(kind === 'contest' ? 'contest.done' : 'review.done'));
    setComment('');
    setContesting(false);
    setTooShort(false);
    onRecorded();
  }

  const commentField = (label: string) => (
    <div className="form-field">
      <label htmlFor="follow-up-comment">{label}</label>
      <textarea
        id="follow-up-comment"
        value={comment}
        maxLength={2000}
        onChange={(event) => {
          setComment(event.target.value);
          setTooShort(false);
        }}
        aria-invalid={tooShort || undefined}
        aria-describedby={tooShort ? 'follow-up-comment-problem' : undefined}
        data-testid="follow-up-comment"
      />
      {tooShort ? (
        <span id="follow-up-comment-problem" className="field-error">
          <span aria-hidden="true">⚠ </span>
          {t('tooShort')}
        </span>
      ) : null}
    </div>
  );

  return (
    <section aria-labelledby="follow-up-heading" data-testid="follow-up">
      <h3 id="follow-up-heading">{t('heading')}</h3>
      <p data-testid="follow-up-standing">
        {t('standing', { decision: t(`words.${state.standing}`), number: state.decision.decisionId, reviewed: state.lastReview ? t('reviewedSuffix') : '' })}
      </p>
      <p className="muted">{t('locked')}</p>
      {state.openContest ? (
        <p className="notice" data-testid="follow-up-pending">
          {t('pending', { number: state.openContest.decisionId, when: formatDate(state.openContest.recordedAt, lang, 'shortDateTime') })}
          {state.reviewBlocked ? <> {t(`blocked.${state.reviewBlocked}`)}</> : null}
        </p>
      ) : null}

      {state.canContest && !contesting ? (
        <button type="button" onClick={() => setContesting(true)} data-testid="follow-up-contest-open">
          {t('contest.open')}
        </button>
      ) : null}
      {state.canContest && contesting ? (
        <form onSubmit={(event) => void submit(event, 'contest')} noValidate>
          {commentField(t('contest.label'))}
          <div className="row">
            <button type="submit" className="primary" disabled={busy} data-testid="follow-up-contest-submit">
              {t('contest.submit')}
            </button>
            <button type="button" onClick={() => setContesting(false)} disabled={busy}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}

      {state.canReview ? (
        <form onSubmit={(event) => void submit(event, 'review')} noValidate>
          <fieldset>
            <legend>{t('review.legend')}</legend>
            {(['upheld', 'changed'] as const).map((choice) => (
              <label key={choice} className="choice">
                <input type="radio" name="follow-up-outcome" value={choice} checked={outcome === choice} onChange={() => setOutcome(choice)} data-testid={`follow-up-review-${choice}`} />
                <span>{choice === 'upheld' ? t('review.upheld') : t('review.changed', { other: t(`words.${other}`) })}</span>
              </label>
            ))}
          </fieldset>
          {commentField(t('review.label'))}
          <button type="submit" className="primary" disabled={busy} data-testid="follow-up-review-submit">
            {t('review.submit')}
          </button>
        </form>
      ) : null}

      <div aria-live="polite">{done ? <p role="status">{done}</p> : null}</div>
      {error ? <ResultView result={{ status: 'error', error }}>{() => null}</ResultView> : null}
    </section>
  );
}
