/** The form's fields, one fieldset per section (the documents folded: rarely all known at the desk). */
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { groupBySection, type FieldProblems, type FormField, type FormValues } from './application-form';
import { FieldInput } from './field-input';
import './new-application.i18n';

/** Props of ApplicationFormView. */
export interface ApplicationFormViewProps {
  fields: readonly FormField[];
  values: FormValues;
  problems: FieldProblems;
  onChange(name: string, value: string): void;
  onBlur(name: string): void;
}

/** Sections shown folded until opened (or until one of their fields has a problem). */
const FOLDED = new Set(['documents']);

/** Every section of the form. */
export function ApplicationFormView({ fields, values, problems, onChange, onBlur }: ApplicationFormViewProps) {
  const { t } = useTranslation('newApplication');
  const sections = useMemo(() => groupBySection(fields), [fields]);
  return (
    <>
      {sections.map(({ section, fields: inSection }) => {
        const body = (
          <div className="form-grid">
            {inSection.map((field) => (
              <FieldInput key={field.name} field={field} value={values[field.name] ?? ''} problem={problems[field.name]} onChange={onChange} onBlur={onBlur} />
            ))}
          </div>
        );
        const title = t(`sections.${section}`);
        if (FOLDED.has(section)) {
          return (
            <FoldedSection key={section} section={section} title={title} hasProblem={inSection.some((field) => problems[field.name])}>
              {body}
            </FoldedSection>
          );
        }
        return (
          <fieldset key={section} className="panel form-section" data-testid={`section-${section}`}>
            <legend>
              <h2 className="inline-heading">{title}</h2>
            </legend>
            {body}
          </fieldset>
        );
      })}
    </>
  );
}

/** A section folded until the officer opens it, opened by itself when one of its fields has a problem (and left open). */
function FoldedSection({ section, title, hasProblem, children }: { section: string; title: string; hasProblem: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="panel form-section"
      open={opened || hasProblem}
      onToggle={(event) => setOpened(event.currentTarget.open)}
      data-testid={`section-${section}`}
    >
      <summary>
        <h2 className="inline-heading">{title}</h2>
      </summary>
      {children}
    </details>
  );
}
