/** One field of the new-application form: its label and unit, the widget its kind asks for, its problem beside it. */
import { useTranslation } from 'react-i18next';
import { useLang, type Translate } from '../../i18n/i18n';
import { formatNumber } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import { NONE, type FieldProblem, type FormField } from './application-form';
import './new-application.i18n';

/** Props of FieldInput. */
export interface FieldInputProps {
  field: FormField;
  value: string;
  problem?: FieldProblem;
  onChange(name: string, value: string): void;
  onBlur(name: string): void;
}

/** The id of a field's input (labels, problem links and focus use it). */
export const inputId = (name: string) => `field-${name}`;

/** One labelled input with its unit and its problem (role=alert-free: the summary announces, each field describes). */
export function FieldInput({ field, value, problem, onChange, onBlur }: FieldInputProps) {
  const { t } = useTranslation('newApplication');
  const lang = useLang();
  const id = inputId(field.name);
  const problemId = `${id}-problem`;
  const hintId = `${id}-hint`;
  const describedBy = [problem ? problemId : null, field.usedByModel ? null : hintId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.name,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
    'data-testid': id,
    onBlur: () => onBlur(field.name),
  } as const;
  const unit = field.unit ? t(`units.${field.unit}`) : null;
  const problemText = problem ? describeProblem(problem, t, (n) => formatLimit(n, lang)) : null;

  let control;
  if (field.widget === 'select' || field.widget === 'yes-no') {
    const groups = new Map<string | undefined, NonNullable<FormField['options']>>();
    for (const option of field.options ?? []) {
      const list = groups.get(option.group) ?? [];
      list.push(option);
      groups.set(option.group, list);
    }
    control = (
      <select {...common} value={value} onChange={(event) => onChange(field.name, event.target.value)}>
        <option value="">{field.required ? t('choose') : t('notStated')}</option>
        {[...groups].map(([group, options]) => {
          const items = options.map((option) => (
            <option key={String(option.value)} value={String(option.value)}>
              {option.label}
            </option>
          ));
          return group ? (
            <optgroup key={group} label={group}>
              {items}
            </optgroup>
          ) : (
            items
          );
        })}
      </select>
    );
  } else {
    const none = field.widget === 'years-ago-or-none' && value === NONE;
    control = (
      <span className="row field-control">
        <input
          {...common}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={none ? '' : value}
          disabled={none}
          onChange={(event) => onChange(field.name, event.target.value)}
        />
        {unit ? <span className="field-unit">{unit}</span> : null}
        {field.widget === 'years-ago-or-none' ? (
          <label className="field-none">
            <input
              type="checkbox"
              checked={none}
              data-testid={`${id}-none`}
              onChange={(event) => onChange(field.name, event.target.checked ? NONE : '')}
              onBlur={() => onBlur(field.name)}
            />{' '}
            {t('noJob')}
          </label>
        ) : null}
      </span>
    );
  }

  return (
    <div className={`form-field${problem ? ' has-problem' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required ? (
          <span className="required-mark" title={t('required')}>
            {' '}
            *<span className="visually-hidden"> ({t('required')})</span>
          </span>
        ) : null}
      </label>
      {control}
      {field.usedByModel ? null : (
        <span id={hintId} className="muted field-hint">
          {t('notUsed')}
        </span>
      )}
      {problemText ? (
        <span id={problemId} className="field-error" data-testid={`${id}-problem`}>
          <span aria-hidden="true">⚠ </span>
          {problemText}
        </span>
      ) : null}
    </div>
  );
}

/** A bound as people read it: at most two decimals, none when they are zeros (18.0014 years reads "18"). */
export function formatLimit(value: number, lang: Lang): string {
  return formatNumber(value, lang, { upTo: 2 });
}

/** A problem in words (the form's own translated; main's as it says it). */
export function describeProblem(problem: FieldProblem, t: Translate<'newApplication'>, format: (n: number) => string): string {
  if (problem.code === 'server') return problem.message;
  if ('limit' in problem) return t(`problems.${problem.code}`, { limit: format(problem.limit) });
  return t(`problems.${problem.code}`);
}
