/**
 * The new-account form's state and checks: what can be said before asking main (required fields, the
 * user name's alphabet, the password's length, the confirmation), and main's answer spread over the fields
 * (its 'validation' and 'invalid-request' issues name them by path). Pure: test/renderer/user-form.test.ts.
 */
import type { RequestOf, ResponseOf } from '../../../../electron/shared/contract';
import type { Issue } from '../../../../electron/shared/errors';
import type { Translate as AnyTranslate } from '../../i18n/i18n';

/** The form's fields. */
export const USER_FIELDS = ['username', 'displayName', 'role', 'branch', 'password', 'confirmation'] as const;
/** One field of the form. */
export type UserField = (typeof USER_FIELDS)[number];
/** What is typed. */
export type UserFormValues = Record<UserField, string>;
/** A message per field; '' holds what belongs to no field. */
export type FieldErrors = Partial<Record<UserField | '', string>>;
/** An account as 'users:list' gives it. */
export type Account = ResponseOf<'users:list'>['users'][number];

/** Translates a key of the users namespace. */
export type Translate = AnyTranslate<'users'>;

/** The shortest password main accepts (db/password-hash.ts MIN_PASSWORD_LENGTH): said before the round trip. */
export const MIN_PASSWORD_LENGTH = 10;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/i;

/** A blank form (new accounts are officers by default: the common case). */
export function emptyUserForm(): UserFormValues {
  return { username: '', displayName: '', role: 'officer', branch: '', password: '', confirmation: '' };
}

/** The problems the form can see by itself, field by field, in words. */
export function localProblems(values: UserFormValues, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  const username = values.username.trim();
  if (username === '') errors.username = t('form.errors.required');
  else if (!USERNAME.test(username)) errors.username = t('form.errors.username');
  if (values.displayName.trim() === '') errors.displayName = t('form.errors.required');
  if (values.role !== 'officer' && values.role !== 'manager') errors.role = t('form.errors.role');
  if (values.branch.trim().length > 100) errors.branch = t('form.errors.branch');
  if (values.password === '') errors.password = t('form.errors.required');
  else if (values.password.length < MIN_PASSWORD_LENGTH) errors.password = t('form.errors.passwordLength', { min: MIN_PASSWORD_LENGTH, length: values.password.length });
  if (values.confirmation !== values.password) errors.confirmation = t('form.errors.confirmation');
  return errors;
}

/** True when there is no error at all. */
export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined && message !== '');
}

/** Main's issues on their fields (first message of each field kept); paths that name no field go to ''. */
export function issuesByField(issues: readonly Issue[] | undefined, fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) {
    const field = issue.path.split('.')[0] as UserField;
    const key: UserField | '' = (USER_FIELDS as readonly string[]).includes(field) ? field : '';
    if (!errors[key]) errors[key] = issue.message;
  }
  if (!hasErrors(errors)) errors[''] = fallback;
  return errors;
}

/** The request of 'users:create' (the confirmation stays in the form). */
export function createRequest(values: UserFormValues): RequestOf<'users:create'> {
  return {
    username: values.username.trim(),
    displayName: values.displayName.trim(),
    role: values.role === 'manager' ? 'manager' : 'officer',
    branch: values.branch.trim(),
    password: values.password,
  };
}

/** The accounts, the active ones first, each group by user name. */
export function sortAccounts(users: readonly Account[]): Account[] {
  return [...users].sort((a, b) => Number(a.disabledAt !== null) - Number(b.disabledAt !== null) || a.username.localeCompare(b.username));
}
