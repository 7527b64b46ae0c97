/** The accounts: who, which role and branch, active or disabled since when; disabling with a confirmation. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useLang } from '../../i18n/i18n';
import { ConfirmAction } from '../../components/confirm-action';
import { sortAccounts, type Account } from './user-form';
import { formatDate } from '../../../../common/format';
import './users.i18n';

/** Props of UsersTable. */
export interface UsersTableProps {
  users: readonly Account[];
  /** The signed-in user's name (no disable button on one's own account), when known. */
  self: string | null;
  /** Called after an account was disabled. */
  onChanged: () => void;
}

/** The table of accounts. */
export function UsersTable({ users, self, onChanged }: UsersTableProps) {
  const { t } = useTranslation('users');
  const { t: tr } = useTranslation('result');
  const api = useApi();
  const lang = useLang();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const disable = async (username: string) => {
    setMessage(null);
    const result = await api.users.disable({ username });
    if (result.ok) {
      setMessage({ kind: 'ok', text: t('list.disabledDone', { username: result.value.username }) });
      onChanged();
    } else {
      setMessage({ kind: 'error', text: `${tr(`codes.${result.error.code}`, { defaultValue: tr('error') })} — ${result.error.message}` });
    }
  };

  if (users.length === 0) return <p>{t('list.empty')}</p>;
  return (
    <>
      <div aria-live="polite">
        {message ? (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-box' : 'ok-box'} data-testid="users-message">
            {message.text}
          </p>
        ) : null}
      </div>
      <table data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t('list.columns.username')}</th>
            <th scope="col">{t('list.columns.displayName')}</th>
            <th scope="col">{t('list.columns.role')}</th>
            <th scope="col">{t('list.columns.branch')}</th>
            <th scope="col">{t('list.columns.created')}</th>
            <th scope="col">{t('list.columns.status')}</th>
            <th scope="col">{t('list.columns.action')}</th>
          </tr>
        </thead>
        <tbody>
          {sortAccounts(users).map((user) => {
            const isSelf = self !== null && self.toLowerCase() === user.username.toLowerCase();
            return (
              <tr key={user.userId} data-testid={`user-row-${user.username}`} className={user.disabledAt ? 'user-disabled' : undefined}>
                <th scope="row">
                  {user.username} {isSelf ? <span className="muted">{t('list.you')}</span> : null}
                </th>
                <td>{user.displayName}</td>
                <td>{t(`roles.${user.role}`)}</td>
                <td>{user.branch || t('list.noBranch')}</td>
                <td>{formatDate(user.createdAt, lang, 'date')}</td>
                <td>
                  {user.disabledAt ? (
                    <>
                      <span aria-hidden="true">✖</span> {t('list.disabled', { date: formatDate(user.disabledAt, lang, 'date') })}
                    </>
                  ) : (
                    <>
                      <span aria-hidden="true">✔</span> {t('list.active')}
                    </>
                  )}
                </td>
                <td>
                  {user.disabledAt || isSelf ? null : (
                    <ConfirmAction
                      label={t('list.disable')}
                      ariaLabel={t('list.disableLabel', { username: user.username })}
                      question={t('list.disableQuestion', { username: user.username, name: user.displayName })}
                      confirmLabel={t('list.disableConfirm')}
                      cancelLabel={t('list.cancel')}
                      onConfirm={() => void disable(user.username)}
                      testId={`disable-${user.username}`}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
