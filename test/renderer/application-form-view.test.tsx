// @vitest-environment jsdom
/**
 * The new-application form in a DOM: generated from the real field definitions, a bad value shows its
 * message next to its field (linked by aria-describedby, in the interface language), and fixing it clears it.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationFields } from '../../model/application/application-fields';
import { i18next } from '../../renderer/src/i18n/i18n';
import { formRecord, initialValues, visibleProblems, type FormField } from '../../renderer/src/pages/new-application/application-form';
import { ApplicationFormView } from '../../renderer/src/pages/new-application/application-form-view';

afterEach(cleanup);

/** The form with the state the page keeps: values, visited fields, the form's own checks. */
function Harness({ fields, lang }: { fields: FormField[]; lang: 'fr' | 'en' }) {
  const [values, setValues] = useState(() => initialValues(fields));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const { problems } = formRecord(fields, values, lang);
  return (
    <ApplicationFormView
      fields={fields}
      values={values}
      problems={visibleProblems(problems, {}, touched)}
      onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
      onBlur={(name) => setTouched((t) => new Set(t).add(name))}
    />
  );
}

describe.each([
  { lang: 'en' as const, ageLabel: 'Age', minMessage: /At least 18/, units: 'years' },
  { lang: 'fr' as const, ageLabel: 'Âge', minMessage: /Au moins 18/, units: 'ans' },
])('ApplicationFormView ($lang)', ({ lang, ageLabel, minMessage, units }) => {
  it('shows a field’s problem next to it once left, and clears it when fixed', async () => {
    await i18next.changeLanguage(lang);
    render(<Harness fields={applicationFields(lang)} lang={lang} />);
    const age = screen.getByLabelText(new RegExp(`^${ageLabel} +\\*`)) as HTMLInputElement;
    expect(age.id).toBe('field-DAYS_BIRTH');
    expect(age.closest('.form-field')!.textContent).toContain(units);
    expect(screen.queryByTestId('field-DAYS_BIRTH-problem')).toBeNull();

    fireEvent.change(age, { target: { value: '16' } });
    fireEvent.blur(age);
    const problem = screen.getByTestId('field-DAYS_BIRTH-problem');
    expect(problem.textContent).toMatch(minMessage);
    expect(age.getAttribute('aria-invalid')).toBe('true');
    expect(age.getAttribute('aria-describedby')).toContain(problem.id);

    fireEvent.change(age, { target: { value: '35' } });
    expect(screen.queryByTestId('field-DAYS_BIRTH-problem')).toBeNull();
    expect(age.getAttribute('aria-invalid')).toBeNull();
  });

  it('builds selects from the vocabularies, marks required fields and the field the score does not use', async () => {
    await i18next.changeLanguage(lang);
    render(<Harness fields={applicationFields(lang)} lang={lang} />);
    const income = screen.getByTestId('field-NAME_INCOME_TYPE') as HTMLSelectElement;
    expect(income.tagName).toBe('SELECT');
    expect([...income.options].map((o) => o.value)).toContain('Pensioner');
    expect(income.getAttribute('aria-required')).toBe('true');
    const gender = screen.getByTestId('field-CODE_GENDER');
    expect(document.getElementById(gender.getAttribute('aria-describedby')!)!.textContent).toMatch(lang === 'fr' ? /Non utilisé par le score/ : /Not used by the score/);
    // No raw column name is shown as a label.
    for (const label of document.querySelectorAll('label')) expect(label.textContent).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
  });

  it('takes "no current job" for the time in job, disabling the years', async () => {
    await i18next.changeLanguage(lang);
    render(<Harness fields={applicationFields(lang)} lang={lang} />);
    const none = screen.getByTestId('field-DAYS_EMPLOYED-none') as HTMLInputElement;
    fireEvent.click(none);
    expect((screen.getByTestId('field-DAYS_EMPLOYED') as HTMLInputElement).disabled).toBe(true);
  });
});
