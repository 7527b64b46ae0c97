/** A searchable feature select: a filter box narrowing a labelled <select> (labels, most important first). */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filterOptions, type FeatureOption } from './feature-options';

/** Props of FeaturePicker. */
export interface FeaturePickerProps {
  label: string;
  options: readonly FeatureOption[];
  value: string;
  onChange: (feature: string) => void;
  testId?: string;
}

/** The feature select with its filter box; both are labelled, and the select is keyboard-operable as any select. */
export function FeaturePicker({ label, options, value, onChange, testId }: FeaturePickerProps) {
  const { t } = useTranslation('compare');
  const [query, setQuery] = useState('');
  const id = useId();
  const shown = useMemo(() => filterOptions(options, query, value), [options, query, value]);
  const noMatch = query.trim() !== '' && filterOptions(options, query).length === 0;
  return (
    <div className="feature-picker">
      <label htmlFor={`${id}-select`}>{label}</label>
      <div className="row">
        <input
          id={`${id}-filter`}
          type="search"
          aria-label={`${label} — ${t('picker.search')}`}
          placeholder={t('picker.search')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            // Typing narrows the list; when the current feature no longer matches, the first match is taken
            // (a select cannot show a value it does not list).
            const matches = filterOptions(options, event.target.value);
            if (event.target.value.trim() !== '' && matches[0] && !matches.some((option) => option.feature === value)) onChange(matches[0].feature);
          }}
          data-testid={testId ? `${testId}-filter` : undefined}
        />
        <select id={`${id}-select`} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId} aria-describedby={`${id}-hint`}>
          {shown.map((option) => (
            <option key={option.feature} value={option.feature}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-hint`} className="muted small" role={noMatch ? 'status' : undefined}>
        {noMatch ? t('picker.noMatch', { query: query.trim() }) : t('picker.count', { count: shown.length })}
      </p>
    </div>
  );
}
