/**
 * "Letter (PDF)" for one recorded decision: main writes the letter where the officer chooses
 * (letters:exportPdf opens the save dialog). Its answer or its error is shown; a closed dialog
 * ('cancelled') is no error and shows nothing.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../../electron/shared/errors';
import { useApi } from '../../api/api';
import { formatNumber } from '../../../../common/format';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import './decision.i18n';

type State = { status: 'idle' } | { status: 'busy' } | { status: 'done'; path: string; bytes: number } | { status: 'error'; error: IpcError };

/** The letter button of one decision, with its outcome beside it. */
export function LetterButton({ decisionId }: { decisionId: number }) {
  const { t } = useTranslation('decision');
  const api = useApi();
  const lang = useLang();
  const [state, setState] = useState<State>({ status: 'idle' });
  async function onClick() {
    setState({ status: 'busy' });
    const result = await api.letters.exportPdf({ decisionId, lang });
    if (result.ok) setState({ status: 'done', path: result.value.path, bytes: result.value.bytes });
    else if (result.error.code === 'cancelled') setState({ status: 'idle' });
    else setState({ status: 'error', error: result.error });
  }
  return (
    <div className="letter">
      <button type="button" onClick={() => void onClick()} disabled={state.status === 'busy'} data-testid={`letter-${decisionId}`}>
        {state.status === 'busy' ? t('letterBusy') : t('letter')}
      </button>
      <span aria-live="polite">
        {state.status === 'done' ? (
          <span className="muted" role="status" data-testid={`letter-${decisionId}-done`}>
            {' '}
            {t('letterDone', { path: state.path, size: formatNumber(state.bytes / 1024, lang, 0) })}
          </span>
        ) : null}
      </span>
      {state.status === 'error' ? <ResultView result={{ status: 'error', error: state.error }}>{() => null}</ResultView> : null}
    </div>
  );
}
