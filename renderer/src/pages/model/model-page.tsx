/** The model screen: the card of the model in use, its install history, and (for managers) install and rollback. */
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { SessionContext } from '../../app/session';
import { ResultView } from '../../components/result-view';
import { useLang } from '../../i18n/i18n';
import { InstallHistory } from './install-history';
import { ModelActions } from './model-actions';
import { ModelCardView } from './model-card-view';
import './model.i18n';

/** The model screen (route {page:'model'}). */
export function ModelPage() {
  const { t } = useTranslation('model');
  const api = useApi();
  const lang = useLang();
  // Officers see the card and the history; the actions are for managers (main refuses them to officers anyway).
  const session = useContext(SessionContext);
  const isManager = session ? session.user.role === 'manager' : true;
  const card = useResult(() => api.models.card({ lang }), [lang]);
  const history = useResult(() => api.models.history({}), []);
  const changed = () => {
    card.reload();
    history.reload();
  };
  return (
    <article aria-labelledby="model-title" data-testid="model-page">
      <h1 id="model-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <ResultView result={card}>{(data) => <ModelCardView card={data} />}</ResultView>
      <ResultView result={history}>
        {(data) => (
          <>
            {isManager ? <ModelActions history={data} onChanged={changed} /> : <p className="muted">{t('actions.managersOnly')}</p>}
            <InstallHistory history={data} />
          </>
        )}
      </ResultView>
    </article>
  );
}
