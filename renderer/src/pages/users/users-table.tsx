/** The accounts: who, which role and branch, active or disabled since when; disabling with a confirmation. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useLang } from '../../i18n/i18n';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable } from '../../components/data-table';
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
  const isSelf = (user: Account) => self !== null && self.toLowerCase() === user.username.toLowerCase();
  return (
    <>
      <div aria-live="polite">
        {message ? (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-box' : 'ok-box'} data-testid="users-message">
            {message.text}
          </p>
        ) : null}
      </div>
      <DataTable
        testId="users-table"
        rows={sortAccounts(users)}
        rowKey={(user) => user.userId}
        rowTestId={(user) => `user-row-${user.username}`}
        rowClassName={(user) => (user.disabledAt ? 'user-disabled' : undefined)}
        columns={[
          {
            key: 'username',
            header: t('list.columns.username'),
            rowHeader: true,
            cell: (user) => (
              <>
                {user.username} {isSelf(user) ? <span className="muted">{t('list.you')}</span> : null}
              </>
            ),
          },
          { key: 'displayName', header: t('list.columns.displayName'), cell: (user) => user.displayName },
          { key: 'role', header: t('list.columns.role'), cell: (user) => t(`roles.${user.role}`) },
          { key: 'branch', header: t('list.columns.branch'), cell: (user) => user.branch || t('list.noBranch') },
          { key: 'created', header: t('list.columns.created'), cell: (user) => formatDate(user.createdAt, lang, 'date') },
          {
            key: 'status',
            header: t('list.columns.status'),
            cell: (user) =>
              user.disabledAt ? (
                <>
                  <span aria-hidden="true">✖</span> {t('list.disabled', { date: formatDate(user.disabledAt, lang, 'date') })}
                </>
              ) : (
                <>
                  <span aria-hidden="true">✔</span> {t('list.active')}
                </>
              ),
          },
          {
            key: 'action',
            header: t('list.columns.action'),
            cell: (user) =>
              user.disabledAt || isSelf(user) ? null : (
                <ConfirmAction
                  label={t('list.disable')}
                  ariaLabel={t('list.disableLabel', { username: user.username })}
                  question={t('list.disableQuestion', { username: user.username, name: user.displayName })}
                  confirmLabel={t('list.disableConfirm')}
                  cancelLabel={t('list.cancel')}
                  onConfirm={() => void disable(user.username)}
                  testId={`disable-${user.username}`}
                />
              ),
          },
        ]}
      />
    </>
  );
}
