/**
 * The window: the sign-in gate (nothing but the sign-in screen until main says who is signed in), then
 * the header with the menu, the user and the language switch, a banner while this workstation refuses to
 * score, a warning when the decision log's chain is broken, and the screen of the current route.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api';
import { onSessionExpired } from '../api/session-expired';
import { useResult } from '../api/use-result';
import { preloadPlotlyWhenIdle } from '../components/plot';
import { PopulationProgress } from '../components/population-progress';
import { ResultView } from '../components/result-view';
import { setLang, useLang } from '../i18n/i18n';
import { SignInPage } from '../pages/sign-in/sign-in-page';
import './app.i18n';
import { ErrorBoundary } from './error-boundary';
import { useInactivity } from './inactivity';
import { NavigationContext, type Navigation, type Route } from './navigation';
import { PAGES } from './pages';
import { ScoringDisabledBanner, type ScoringDisabled } from './scoring-disabled-banner';
import { SessionContext, type SessionState, type SessionUser } from './session';

const MAX_RECENT = 12;

/** The whole app: who is signed in decides what is shown. */
export function App() {
  const { t } = useTranslation('app');
  const api = useApi();
  const status = useResult(() => api.auth.status({}), []);
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [locked, setLocked] = useState(false);

  const initialUser = status.status === 'ok' ? status.data.user : undefined;
  useEffect(() => {
    if (initialUser !== undefined) setUser(initialUser);
  }, [initialUser]);
  // Main said nobody is signed in (locked, or signed out elsewhere): back to the sign-in screen.
  useEffect(() => onSessionExpired(() => setUser((previous) => (previous ? null : previous))), []);

  const signOut = useCallback(() => {
    void api.auth.signOut({}).then(() => setUser(null));
  }, [api]);
  const lock = useCallback(() => {
    void api.auth.lock({}).then(() => {
      setLocked(true);
      setUser(null);
    });
  }, [api]);

  return (
    <ResultView result={status} what={t('checking')}>
      {(data) =>
        user ? (
          <Workspace user={user} signOut={signOut} lock={lock} lockAfterMinutes={data.lockAfterMinutes} demoKeyTrusted={data.demoKeyTrusted} scoringDisabled={data.scoringDisabled} />
        ) : (
          <>
            <Header demoKeyTrusted={data.demoKeyTrusted} />
            <ScoringDisabledBanner disabled={data.scoringDisabled} />
            <main id="content" tabIndex={-1}>
              <SignInPage
                locked={locked}
                hasUsers={data.hasUsers}
                onSignedIn={(signedIn) => {
                  setLocked(false);
                  setUser(signedIn);
                }}
              />
            </main>
          </>
        )
      }
    </ResultView>
  );
}

/**
 * The header bar: brand (and "DEMO key trusted" when models signed with the public DEMO key are accepted:
 * never in an installed app), the menu (children), then the user's tools and the language switch.
 */
function Header({ children, tools, demoKeyTrusted }: { children?: ReactNode; tools?: ReactNode; demoKeyTrusted: boolean }) {
  const { t } = useTranslation('app');
  const lang = useLang();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('name')}</span>
        <span className="brand-tagline">{t('tagline')}</span>
        {demoKeyTrusted ? (
          <span className="demo-key-badge" title={t('demoKeyTrustedDetail')} data-testid="demo-key-trusted">
            {t('demoKeyTrusted')}
          </span>
        ) : null}
      </div>
      {children}
      <div className="header-tools">
        {tools}
        <label className="lang-switch">
          <span>{t('language')}</span>
          <select value={lang} onChange={(event) => setLang(event.target.value === 'en' ? 'en' : 'fr')} data-testid="lang-switch">
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
      </div>
    </header>
  );
}

interface WorkspaceProps {
  user: SessionUser;
  signOut(): void;
  lock(): void;
  lockAfterMinutes: number;
  demoKeyTrusted: boolean;
  scoringDisabled: ScoringDisabled;
}

/** Everything a signed-in user sees. */
function Workspace({ user, signOut, lock, lockAfterMinutes, demoKeyTrusted, scoringDisabled }: WorkspaceProps) {
  const { t } = useTranslation('app');
  const api = useApi();
  const [history, setHistory] = useState<Route[]>([{ page: 'search' }]);
  const [recentClients, setRecentClients] = useState<number[]>([]);
  const route = history[history.length - 1]!;
  const audit = useResult(() => api.audit.status({}), []);
  useInactivity(lockAfterMinutes, lock);
  // Signed in: the screens with plots come next.
  useEffect(() => preloadPlotlyWhenIdle(), []);

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
  const session = useMemo<SessionState>(() => ({ user, signOut }), [user, signOut]);

  const visible = PAGES.filter((page) => !page.managerOnly || user.role === 'manager');
  const entry = visible.find((candidate) => candidate.page === route.page) ?? visible[0]!;
  const Screen = entry.component;

  return (
    <SessionContext.Provider value={session}>
      <NavigationContext.Provider value={navigation}>
        <a className="skip-link" href="#content">
          {t('skip')}
        </a>
        <Header
          demoKeyTrusted={demoKeyTrusted}
          tools={
            <>
              <div className="user-badge" data-testid="signed-in-user">
                <span>{user.displayName}</span>
                <span>{t(`roles.${user.role}`)}</span>
              </div>
              <button type="button" onClick={signOut} data-testid="sign-out">
                {t('signOut')}
              </button>
            </>
          }
        >
          <nav aria-label={t('menu.label')}>
            <ul className="menu">
              {visible
                .flatMap((page) => (page.menuKey && page.menuRoute ? [{ ...page, menuKey: page.menuKey, menuRoute: page.menuRoute }] : []))
                .map((page) => (
                  <li key={page.page}>
                    <button type="button" className="menu-item" aria-current={route.page === page.page ? 'page' : undefined} onClick={() => go(page.menuRoute)}>
                      {t(`menu.${page.menuKey}`)}
                    </button>
                  </li>
                ))}
            </ul>
          </nav>
        </Header>
        <ScoringDisabledBanner disabled={scoringDisabled} />
        {audit.status === 'ok' && !audit.data.ok && audit.data.firstBad ? (
          <p className="error-box audit-warning" role="alert" data-testid="audit-warning">
            {t('auditBroken', { seq: audit.data.firstBad.seq, problem: audit.data.firstBad.message })}
          </p>
        ) : null}
        <PopulationProgress />
        <main id="content" tabIndex={-1}>
          <ErrorBoundary message={t('crashed')} reloadLabel={t('reload')} resetKey={route}>
            <Screen />
          </ErrorBoundary>
        </main>
      </NavigationContext.Provider>
    </SessionContext.Provider>
  );
}
