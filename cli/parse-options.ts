import { InvalidArgumentError } from 'commander';

/** A commander option parser for a whole number ≥ 1, with the option's name in the error. */
export function parsePositiveInteger(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError(`${option} must be a whole number ≥ 1, got "${value}".`);
    }
    return n;
  };
}

/** A commander option parser for any whole number, with the option's name in the error. */
export function parseInteger(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`${option} must be a whole number, got "${value}".`);
    }
    return n;
  };
}

/** A commander option parser for a finite number > 0, with the option's name in the error. */
export function parsePositiveNumber(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
      throw new InvalidArgumentError(`${option} must be a positive number, got "${value}".`);
    }
    return n;
  };
}
