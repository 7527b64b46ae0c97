/** The accounts screen (managers): the list with disabling, and the form to create an account. */
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { useResult } from '../../api/use-result';
import { SessionContext } from '../../app/session';
import { RoleResultView } from '../../components/role-result-view';
import { UserCreateForm } from './user-create-form';
import { UsersTable } from './users-table';
import './users.i18n';

/** The users screen (route {page:'users'}). */
export function UsersPage() {
  const { t } = useTranslation('users');
  const api = useApi();
  const session = useContext(SessionContext);
  const users = useResult(() => api.users.list({}), []);
  return (
    <article aria-labelledby="users-title" data-testid="users-page">
      <h1 id="users-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <RoleResultView result={users}>
        {(data) => (
          <>
            <section aria-labelledby="users-list-heading">
              <h2 id="users-list-heading">{t('list.heading')}</h2>
              <UsersTable users={data.users} self={session?.user.username ?? null} onChanged={users.reload} />
            </section>
            <UserCreateForm onCreated={users.reload} />
          </>
        )}
      </RoleResultView>
    </article>
  );
}
