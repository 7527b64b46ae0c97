/**
 * The banner a window shows while this workstation refuses to score (main's auth:status says why): in
 * the user's language, from the typed catalogue main words its refusals with (common/messages
 * scoringDisabled.*), so IT reads on screen what every refused verb answers. Shown on every screen.
 */
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../electron/shared/contract';

/** Why scoring is refused (null: it is not). */
export type ScoringDisabled = ResponseOf<'auth:status'>['scoringDisabled'];

/** The persistent banner, or nothing while scoring works. */
export function ScoringDisabledBanner({ disabled }: { disabled: ScoringDisabled }) {
  const { t } = useTranslation('common');
  if (!disabled) return null;
  return (
    <p className="error-box scoring-disabled" role="alert" data-testid="scoring-disabled">
      {t(`scoringDisabled.${disabled.reason}`, { folder: disabled.folder, keyId: disabled.keyId ?? '' })}
    </p>
  );
}
