/**
 * Renders a call's state: a loading line (the previous content stays visible, dimmed), the error with its
 * message and a retry button, or the content. Every screen shows its data through this, so no IPC error
 * is ever swallowed and no screen is ever blank.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultState } from '../api/use-result';
import './result-view.i18n';


/** Props of ResultView. */
export interface ResultViewProps<T> {
  result: ResultState<T> & { reload?: () => void };
  children: (data: T) => ReactNode;
  /** What is being loaded, for the loading line (e.g. "score"). */
  what?: string;
}

/** Loading, error or content of one call. */
export function ResultView<T>({ result, children, what }: ResultViewProps<T>) {
  const { t } = useTranslation('result');
  if (result.status === 'error') {
    return (
      <div className="error-box" role="alert">
        <strong>{t(`codes.${result.error.code}`, { defaultValue: t('error') })}</strong> — {result.error.message}
        {result.error.issues?.length ? (
          <ul>
            {result.error.issues.map((issue, index) => (
              <li key={index}>
                {issue.path}: {issue.message}
              </li>
            ))}
          </ul>
        ) : null}
        {result.reload ? (
          <button type="button" onClick={result.reload}>
            {t('retry')}
          </button>
        ) : null}
      </div>
    );
  }
  if (result.data === undefined) {
    return (
      <p className="loading" role="status" aria-live="polite">
        {t('loading')} {what ?? ''}
      </p>
    );
  }
  return (
    <div className={result.status === 'loading' ? 'stale' : undefined} aria-busy={result.status === 'loading'}>
      {children(result.data)}
    </div>
  );
}
