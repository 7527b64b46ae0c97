/** A labelled choice among a few numbers (how many clients, features, months…), each shown by `format`. */

/** Props of NumberSelect. */
export interface NumberSelectProps {
  label: string;
  value: number;
  options: readonly number[];
  onChange(value: number): void;
  /** The text of an option (default: the number as is). */
  format?: (value: number) => string;
  testId?: string;
  className?: string;
}

/** The select with its label. */
export function NumberSelect({ label, value, options, onChange, format = String, testId, className }: NumberSelectProps) {
  return (
    <label className={className}>
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(Number(event.target.value))} data-testid={testId}>
        {options.map((option) => (
          <option key={option} value={option}>
            {format(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
