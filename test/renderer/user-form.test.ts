// @vitest-environment jsdom
/** The new-account form's checks: its own, in the interface language, and main's issues placed on their fields. */
import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../electron/shared/contract';
import { i18next } from '../../renderer/src/i18n/i18n';
import '../../renderer/src/pages/users/users.i18n';
import { createRequest, emptyUserForm, hasErrors, issuesByField, localProblems, sortAccounts } from '../../renderer/src/pages/users/user-form';

const en = i18next.getFixedT('en', 'users') as unknown as (key: string, options?: Record<string, unknown>) => string;
const fr = i18next.getFixedT('fr', 'users') as unknown as (key: string, options?: Record<string, unknown>) => string;
const good = { username: 'c.martin', displayName: 'Claire Martin', role: 'officer', branch: 'Lyon', password: 'long-enough-pass', confirmation: 'long-enough-pass' };

describe('new account form', () => {
  it('accepts a complete form and builds a request main accepts', () => {
    expect(hasErrors(localProblems(good, en))).toBe(false);
    const request = createRequest({ ...good, username: '  c.martin ', branch: ' Lyon ' });
    expect(request).toEqual({ username: 'c.martin', displayName: 'Claire Martin', role: 'officer', branch: 'Lyon', password: 'long-enough-pass' });
    expect(CONTRACT['users:create'].request.safeParse(request).success).toBe(true);
  });

  it('names each missing or wrong field in words, in the interface language', () => {
    const empty = localProblems(emptyUserForm(), en);
    expect(empty).toEqual({ username: 'Required.', displayName: 'Required.', password: 'Required.' });
    const bad = localProblems({ ...good, username: 'a b', password: 'short', confirmation: 'other' }, fr);
    expect(bad.username).toMatch(/^Lettres, chiffres/);
    expect(bad.password).toBe('Au moins 10 caractères (il en a 5).');
    expect(bad.confirmation).toBe('Les deux mots de passe ne sont pas identiques.');
    expect(localProblems({ ...good, confirmation: 'long-enough-pasS' }, en).confirmation).toBe('The two passwords differ.');
    expect(localProblems({ ...good, role: 'admin' }, en).role).toBe('Choose a role.');
  });

  it('puts main’s issues on their fields, and what names no field on the form', () => {
    expect(issuesByField([{ path: 'password', message: 'The password must not contain the user name.' }], 'refused')).toEqual({
      password: 'The password must not contain the user name.',
    });
    expect(issuesByField([{ path: 'username', message: 'taken' }, { path: 'username', message: 'second' }, { path: 'role', message: 'bad role' }], 'x')).toEqual({
      username: 'taken',
      role: 'bad role',
    });
    expect(issuesByField([{ path: '', message: 'whole request' }], 'x')).toEqual({ '': 'whole request' });
    expect(issuesByField(undefined, 'The user name c.martin is already taken.')).toEqual({ '': 'The user name c.martin is already taken.' });
  });

  it('lists active accounts first, then disabled ones, each by user name', () => {
    const account = (username: string, disabledAt: string | null) => ({ userId: username.length, username, displayName: username, role: 'officer' as const, branch: '', createdAt: '2026-01-01T00:00:00.000Z', disabledAt });
    expect(sortAccounts([account('zoe', null), account('bob', '2026-02-01T00:00:00.000Z'), account('anna', null)]).map((a) => a.username)).toEqual(['anna', 'zoe', 'bob']);
  });
});
