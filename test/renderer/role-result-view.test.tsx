// @vitest-environment jsdom
/** A manager's screen answered 'forbidden' says so in words (whose screen, what to do) and keeps main's message; other errors go through ResultView. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../renderer/src/i18n/i18n';
import { RoleResultView } from '../../renderer/src/components/role-result-view';

afterEach(cleanup);

describe.each([
  { lang: 'fr', title: 'Réservé aux responsables', code: 'Introuvable' },
  { lang: 'en', title: 'Managers only', code: 'Not found' },
])('RoleResultView ($lang)', ({ lang, title, code }) => {
  it('says a forbidden answer in words, as an alert, with main’s message', async () => {
    await i18next.changeLanguage(lang);
    const message = 'Only a manager may do this; agent is an officer.';
    render(<RoleResultView result={{ status: 'error', error: { code: 'forbidden', message } }}>{() => <p>content</p>}</RoleResultView>);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(title);
    expect(alert.textContent).toContain(message);
    expect(screen.queryByText('content')).toBeNull();
  });

  it('leaves other errors and the content to ResultView', async () => {
    await i18next.changeLanguage(lang);
    render(<RoleResultView result={{ status: 'error', error: { code: 'not-found', message: 'gone' } }}>{() => <p>content</p>}</RoleResultView>);
    expect(screen.getByRole('alert').textContent).toContain(code);
    cleanup();
    render(<RoleResultView result={{ status: 'ok', data: 3 }}>{(n) => <p>content {n}</p>}</RoleResultView>);
    expect(screen.getByText('content 3')).toBeTruthy();
  });
});
