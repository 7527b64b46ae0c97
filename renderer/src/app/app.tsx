/** The window: header with the menu and the language switch, then the screen of the current route. */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setLang, useLang } from '../i18n/i18n';
import './app.i18n';
import { ErrorBoundary } from './error-boundary';
import { NavigationContext, type Navigation, type Route } from './navigation';
import { PAGES } from './pages';

const MAX_RECENT = 12;

/** The whole app. */
export function App() {
  const { t } = useTranslation('app');
  const lang = useLang();
  const [history, setHistory] = useState<Route[]>([{ page: 'search' }]);
  const [recentClients, setRecentClients] = useState<number[]>([]);
  const route = history[history.length - 1]!;

  const go = useCallback((next: Route) => {
    setHistory((previous) => [...previous.slice(-49), next]);
    if ('clientId' in next && next.clientId !== undefined) {
      const id = next.clientId;
      setRecentClients((previous) => [id, ...previous.filter((other) => other !== id)].slice(0, MAX_RECENT));
    }
    // Focus the new screen's content: keyboard and screen-reader users land on it.
    requestAnimationFrame(() => document.getElementById('content')?.focus());
  }, []);
  const back = useCallback(() => setHistory((previous) => (previous.length > 1 ? previous.slice(0, -1) : previous)), []);
  const navigation = useMemo<Navigation>(() => ({ route, go, back, recentClients }), [route, go, back, recentClients]);

  const entry = PAGES.find((candidate) => candidate.page === route.page) ?? PAGES[0]!;
  const Screen = entry.component;

  return (
    <NavigationContext.Provider value={navigation}>
      <a className="skip-link" href="#content">
        {t('skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('name')}</span>
          <span className="brand-tagline">{t('tagline')}</span>
        </div>
        <nav aria-label={t('menu.label')}>
          <ul className="menu">
            {PAGES.filter((page) => page.menuKey && page.menuRoute).map((page) => (
              <li key={page.page}>
                <button
                  type="button"
                  className="menu-item"
                  aria-current={route.page === page.page ? 'page' : undefined}
                  onClick={() => go(page.menuRoute!)}
                >
                  {t(`menu.${page.menuKey}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <label className="lang-switch">
            <span>{t('language')}</span>
            <select value={lang} onChange={(event) => setLang(event.target.value === 'en' ? 'en' : 'fr')} data-testid="lang-switch">
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </label>
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        <ErrorBoundary message={t('crashed')} reloadLabel={t('reload')} resetKey={route}>
          <Screen />
        </ErrorBoundary>
      </main>
    </NavigationContext.Provider>
  );
}
