/** Recorded decisions as a table: when, who, the outcome (and whether it overrode the model), reason, comment, the score then, the letter. */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatDate, formatPercent } from '../../../../common/format';
import { useLang } from '../../i18n/i18n';
import { recordedOutcome } from './decision-rules';
import { LetterButton } from './letter-button';
import './decision.i18n';

/** One entry of the decision log: a decision, or a contest or review of one. */
export type LogEntry = ResponseOf<'decisions:list'>['decisions'][number];
/** A recorded decision. */
export type DecisionEntry = Extract<LogEntry, { kind: 'decision' }>;

/** Props of DecisionTable. */
export interface DecisionTableProps {
  decisions: readonly LogEntry[];
  /** A client column whose button opens the client (the decision log of every client). */
  onOpenClient?: (clientId: number) => void;
  caption: string;
  testId?: string;
}

/** The table of decisions. */
export function DecisionTable({ decisions, onOpenClient, caption, testId }: DecisionTableProps) {
  const { t } = useTranslation('decision');
  const lang = useLang();
  return (
    <table data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('columns.number')}</th>
          <th scope="col">{t('columns.when')}</th>
          {onOpenClient ? <th scope="col">{t('columns.client')}</th> : null}
          <th scope="col">{t('columns.decision')}</th>
          <th scope="col">{t('columns.reason')}</th>
          <th scope="col">{t('columns.comment')}</th>
          <th scope="col">{t('columns.who')}</th>
          <th scope="col">{t('columns.model')}</th>
          <th scope="col">{t('columns.letter')}</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((entry) => (
          <tr key={entry.decisionId} data-testid={`decision-${entry.decisionId}`}>
            <td>{entry.decisionId}</td>
            <td>{formatDate(entry.recordedAt, lang, 'shortDateTime')}</td>
            {onOpenClient ? (
              <td>
                <button type="button" onClick={() => onOpenClient(entry.clientId)} data-testid={`open-client-${entry.clientId}`}>
                  {entry.clientId}
                </button>
              </td>
            ) : null}
            {entry.kind === 'decision' ? <DecisionCells entry={entry} /> : <FollowUpCells entry={entry} />}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The cells of a decision: outcome (and override), reason, comment, officer, the score then, the letter. */
function DecisionCells({ entry }: { entry: DecisionEntry }) {
  const { t } = useTranslation('decision');
  const lang = useLang();
  const { outcome, override } = recordedOutcome(entry);
  return (
    <>
      <td>
        <span className={`decision ${outcome}`}>
          <span aria-hidden="true">{outcome === 'granted' ? '✔' : '✖'}</span> {t(`words.${outcome}`)}
        </span>
        {override ? <div className="muted">{t(`overrideWord.${override}`)}</div> : null}
      </td>
      <td>{t(`reasons.${entry.reasonCode}`)}</td>
      <td>{entry.comment || '—'}</td>
      <td>{entry.recordedBy}</td>
      <td>
        {t('modelAt', {
          probability: formatPercent(entry.probability, lang),
          threshold: formatPercent(entry.threshold, lang),
          decision: t(`words.${entry.modelDecision}`),
        })}
      </td>
      <td>
        <LetterButton decisionId={entry.decisionId} />
      </td>
    </>
  );
}

/** The cells of a contest or a review: what it refers to, and for a review what now stands. */
function FollowUpCells({ entry }: { entry: Exclude<LogEntry, DecisionEntry> }) {
  const { t } = useTranslation('decision');
  return (
    <>
      <td>
        {entry.kind === 'contest'
          ? t('contest', { number: entry.refersTo })
          : t('review', { number: entry.refersTo, outcome: t(`reviewOutcomes.${entry.outcome}`), decision: t(`words.${entry.decision}`) })}
      </td>
      <td>—</td>
      <td>{entry.comment || '—'}</td>
      <td>{entry.recordedBy}</td>
      <td>—</td>
      <td>—</td>
    </>
  );
}
