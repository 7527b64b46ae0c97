/** The new-account form: labelled fields with hints, errors under each field (the form's own and main's), focus on the first error. */
import { useRef, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api';
import { createRequest, emptyUserForm, hasErrors, issuesByField, localProblems, MIN_PASSWORD_LENGTH, USER_FIELDS, type FieldErrors, type UserField, type UserFormValues } from './user-form';
import './users.i18n';

/** Props of UserCreateForm. */
export interface UserCreateFormProps {
  /** Called with the new account's user name once main created it. */
  onCreated: (username: string) => void;
}

/** The form. */
export function UserCreateForm({ onCreated }: UserCreateFormProps) {
  const { t } = useTranslation('users');
  const { t: tr } = useTranslation('result');
  const api = useApi();
  const [values, setValues] = useState<UserFormValues>(emptyUserForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const refs = useRef<Partial<Record<UserField, HTMLInputElement | HTMLSelectElement | null>>>({});

  const set = (field: UserField, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    // An error goes away as soon as its field is touched; it comes back at the next submit if still true.
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const focusFirst = (found: FieldErrors) => {
    const first = USER_FIELDS.find((field) => found[field]);
    if (first) refs.current[first]?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const local = localProblems(values, t);
    if (hasErrors(local)) {
      setErrors(local);
      focusFirst(local);
      return;
    }
    setBusy(true);
    const result = await api.users.create(createRequest(values));
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setValues(emptyUserForm());
      setDone(t('form.created', { username: result.value.username, role: t(`roles.${result.value.role}`) }));
      onCreated(result.value.username);
      return;
    }
    const { error } = result;
    const found =
      error.code === 'validation' || error.code === 'invalid-request' || error.code === 'conflict'
        ? issuesByField(error.issues, error.message)
        : { '': `${tr(`codes.${error.code}`, { defaultValue: tr('error') })} — ${error.message}` };
    setErrors(found);
    focusFirst(found);
  };

  const field = (name: UserField, label: string, input: (common: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactElement, hint?: string) => {
    const id = `user-${name}`;
    const described = [hint ? `${id}-hint` : null, errors[name] ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div className="form-field">
        <label htmlFor={id}>{label}</label>
        {input({ id, 'aria-invalid': Boolean(errors[name]), 'aria-describedby': described })}
        {hint ? (
          <span id={`${id}-hint`} className="muted field-hint">
            {hint}
          </span>
        ) : null}
        {errors[name] ? (
          <span id={`${id}-error`} className="field-error" data-testid={`${id}-error`}>
            {errors[name]}
          </span>
        ) : null}
      </div>
    );
  };

  const text = (name: Exclude<UserField, 'role'>, type: 'text' | 'password', autoComplete: string) => (common: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => (
    <input
      {...common}
      ref={(element) => {
        refs.current[name] = element;
      }}
      type={type}
      autoComplete={autoComplete}
      value={values[name]}
      onChange={(event) => set(name, event.target.value)}
      data-testid={`user-${name}`}
    />
  );

  return (
    <section className="panel user-form-panel" aria-labelledby="user-form-heading">
      <h2 id="user-form-heading">{t('form.heading')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="user-form">
        <div className="user-form-grid">
          {field('username', t('form.username'), text('username', 'text', 'off'), t('form.usernameHint'))}
          {field('displayName', t('form.displayName'), text('displayName', 'text', 'off'))}
          {field('role', t('form.role'), (common) => (
            <select
              {...common}
              ref={(element) => {
                refs.current.role = element;
              }}
              value={values.role}
              onChange={(event) => set('role', event.target.value)}
              data-testid="user-role"
            >
              <option value="officer">{t('roles.officer')}</option>
              <option value="manager">{t('roles.manager')}</option>
            </select>
          ))}
          {field('branch', t('form.branch'), text('branch', 'text', 'off'), t('form.branchHint'))}
          {field('password', t('form.password'), text('password', 'password', 'new-password'), t('form.passwordHint', { min: MIN_PASSWORD_LENGTH }))}
          {field('confirmation', t('form.confirmation'), text('confirmation', 'password', 'new-password'))}
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={busy} data-testid="user-submit">
            {busy ? t('form.submitting') : t('form.submit')}
          </button>
        </div>
        <div aria-live="polite">
          {hasErrors(errors) ? (
            <p className="field-error" role="alert" data-testid="user-form-error">
              {errors[''] ?? t('form.problems')}
            </p>
          ) : null}
          {done ? (
            <p role="status" className="ok-box" data-testid="user-created">
              <span aria-hidden="true">✔</span> {done}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
