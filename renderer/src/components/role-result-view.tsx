/**
 * ResultView for the manager's screens: a 'forbidden' answer (an officer opened a manager's screen, or the
 * role changed) is said in words — whose screen it is and what to do — before main's own message.
 */
import { useTranslation } from 'react-i18next';
import { ResultView, type ResultViewProps } from './result-view';
import './result-view.i18n';

/** Loading, error (forbidden in plain words) or content of one call. */
export function RoleResultView<T>(props: ResultViewProps<T>) {
  const { t } = useTranslation('result');
  const { result } = props;
  if (result.status === 'error' && result.error.code === 'forbidden') {
    return (
      <div className="error-box" role="alert" data-testid="forbidden">
        <p>
          <strong>{t('forbidden.title')}</strong> — {t('forbidden.text')}
        </p>
        <p className="error-detail">{result.error.message}</p>
      </div>
    );
  }
  return <ResultView {...props} />;
}
