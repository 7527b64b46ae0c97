import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvText, formatFloat, roundTo } from '../../db/synth/format.js';

/** Python's repr of each value, computed by the interpreter that wrote the real files' kind of text (pandas). */
function pythonRepr(values: number[]): string[] {
  const script = 'import sys, json\nfor v in json.load(sys.stdin): print(repr(float(v)))';
  const out = execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(values), encoding: 'utf8' });
  return out.trimEnd().split('\n');
}

describe('synthetic value formats', () => {
  it('writes floats exactly as Python repr does (pandas float64 columns)', () => {
    const special = [0, 1, -1, 202500, 0.018801, -3648, 8.173616518884397e-8, 0.035792000000000004, 1e-4, 9.99e-5, 5e-5,
      1e15, 1e16, 123456789012345.6, 0.1 + 0.2, 117000000, -0.5, 2.5e-7, 1e-10, 365243];
    const random = fc.sample(
      fc.oneof(
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        fc.double({ min: 1e-9, max: 1e-3, noNaN: true }),
        fc.integer({ min: -100000, max: 100000 }).map((n) => n / 100),
      ),
      { numRuns: 3000, seed: 42 },
    );
    const values = [...special, ...random].map((v) => (Object.is(v, -0) ? 0 : v));
    const expected = pythonRepr(values);
    const actual = values.map(formatFloat);
    const mismatches = actual.flatMap((text, i) => (text === expected[i] ? [] : [`${values[i]}: ${text} vs ${expected[i]}`]));
    expect(mismatches).toEqual([]);
  });

  it('rounds to decimals without leaving binary noise in the text', () => {
    expect(formatFloat(roundTo(24700.499999, 1))).toBe('24700.5');
    expect(formatFloat(roundTo(0.1 + 0.2, 4))).toBe('0.3');
    expect(formatFloat(roundTo(-0.00001, 2))).toBe('0.0');
  });

  it('quotes text per RFC 4180 only when needed', () => {
    expect(csvText('Stone, brick')).toBe('"Stone, brick"');
    expect(csvText('Secondary / secondary special')).toBe('Secondary / secondary special');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
  });
});
