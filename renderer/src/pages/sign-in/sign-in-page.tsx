/** The sign-in screen: shown at start, after a sign-out, and when the session was locked for inactivity. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../../electron/shared/errors';
import { useApi } from '../../api/api';
import type { SessionUser } from '../../app/session';
import './sign-in.i18n';

/** Props of SignInPage. */
export interface SignInPageProps {
  onSignedIn(user: SessionUser): void;
  locked: boolean;
  hasUsers: boolean;
}

/** The sign-in form. */
export function SignInPage({ onSignedIn, locked, hasUsers }: SignInPageProps) {
  const { t } = useTranslation('signIn');
  const api = useApi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError({ code: 'validation', message: t('required') });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api.auth.signIn({ username: username.trim(), password });
    setBusy(false);
    setPassword('');
    if (result.ok) onSignedIn(result.value);
    else setError(result.error);
  }

  return (
    <section className="sign-in panel" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('title')}</h1>
      {locked ? (
        <p role="status" className="notice">
          {t('locked')}
        </p>
      ) : null}
      <p>{t('intro')}</p>
      {!hasUsers ? <p className="notice">{t('noUsers')}</p> : null}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="sign-in-username">{t('username')}</label>
          <input id="sign-in-username" data-testid="sign-in-username" autoComplete="username" autoFocus value={username} onChange={(event) => setUsername(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">{t('password')}</label>
          <input id="sign-in-password" data-testid="sign-in-password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
        {error ? (
          <div className="error-box" role="alert" data-testid="sign-in-error">
            {error.code === 'unauthenticated' ? <p>{t('refused')}</p> : null}
            <p>{error.message}</p>
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={busy} data-testid="sign-in-submit">
          {busy ? t('signingIn') : t('submit')}
        </button>
      </form>
    </section>
  );
}
