/** Recorded decisions as a table: when, who, the outcome (and whether it overrode the model), reason, comment, the score then, the letter. */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../electron/shared/contract';
import type { ReactNode } from 'react';
import { formatDate, formatPercent, MISSING } from '../../../../common/format';
import { DataTable } from '../../components/data-table';
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
  // A contest or a review has no reason, score or letter of its own: those cells read "—".
  const ofDecision = (cell: (entry: DecisionEntry) => ReactNode) => (entry: LogEntry) => (entry.kind === 'decision' ? cell(entry) : MISSING);
  return (
    <DataTable
      testId={testId}
      caption={caption}
      rows={decisions}
      rowKey={(entry) => entry.decisionId}
      rowTestId={(entry) => `decision-${entry.decisionId}`}
      columns={[
        { key: 'number', header: t('columns.number'), cell: (entry) => entry.decisionId },
        { key: 'when', header: t('columns.when'), cell: (entry) => formatDate(entry.recordedAt, lang, 'shortDateTime') },
        onOpenClient !== undefined && {
          key: 'client',
          header: t('columns.client'),
          cell: (entry) => (
            <button type="button" onClick={() => onOpenClient(entry.clientId)} data-testid={`open-client-${entry.clientId}`}>
              {entry.clientId}
            </button>
          ),
        },
        { key: 'decision', header: t('columns.decision'), cell: (entry) => (entry.kind === 'decision' ? <DecisionOutcome entry={entry} /> : <FollowUpText entry={entry} />) },
        { key: 'reason', header: t('columns.reason'), cell: ofDecision((entry) => t(`reasons.${entry.reasonCode}`)) },
        { key: 'comment', header: t('columns.comment'), cell: (entry) => entry.comment || MISSING },
        { key: 'who', header: t('columns.who'), cell: (entry) => entry.recordedBy },
        {
          key: 'model',
          header: t('columns.model'),
          cell: ofDecision((entry) =>
            t('modelAt', {
              probability: formatPercent(entry.probability, lang),
              threshold: formatPercent(entry.threshold, lang),
              decision: t(`words.${entry.modelDecision}`),
            }),
          ),
        },
        { key: 'letter', header: t('columns.letter'), cell: ofDecision((entry) => <LetterButton decisionId={entry.decisionId} />) },
      ]}
    />
  );
}

/** The outcome of a decision (and whether it overrode the model). */
function DecisionOutcome({ entry }: { entry: DecisionEntry }) {
  const { t } = useTranslation('decision');
  const { outcome, override } = recordedOutcome(entry);
  return (
    <>
      <span className={`decision ${outcome}`}>
        <span aria-hidden="true">{outcome === 'granted' ? '✔' : '✖'}</span> {t(`words.${outcome}`)}
      </span>
      {override ? <div className="muted">{t(`overrideWord.${override}`)}</div> : null}
    </>
  );
}

/** What a contest or a review refers to, and for a review what now stands. */
function FollowUpText({ entry }: { entry: Exclude<LogEntry, DecisionEntry> }) {
  const { t } = useTranslation('decision');
  return entry.kind === 'contest'
    ? t('contest', { number: entry.refersTo })
    : t('review', { number: entry.refersTo, outcome: t(`reviewOutcomes.${entry.outcome}`), decision: t(`words.${entry.decision}`) });
}
