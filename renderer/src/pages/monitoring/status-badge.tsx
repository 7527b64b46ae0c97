/** A drift status as a badge: symbol and word together, coloured as a third cue only. */
import { useTranslation } from 'react-i18next';
import type { DriftStatus } from './monitoring-format';
import { STATUS_SYMBOLS } from './monitoring-format';
import './monitoring.i18n';

/** Props of StatusBadge. */
export interface StatusBadgeProps {
  status: DriftStatus;
}

/** "✓ stable", "⚠ watch", "✖ significant drift", "∅ not enough applications". */
export function StatusBadge({ status }: StatusBadgeProps) {
  const { t } = useTranslation('monitoring');
  return (
    <span className={`drift-status drift-${status}`}>
      <span aria-hidden="true">{STATUS_SYMBOLS[status]}</span> {t(`status.${status}`)}
    </span>
  );
}
