/** The client page's figures: the waterfall adds up to the client's probability; the gauge marks the threshold. */
import { describe, expect, it } from 'vitest';
import { gaugeFigure, waterfallBars, waterfallFigure } from '../../renderer/src/pages/client/client-figures';

function explanation(deltas: number[], base = 0.08) {
  return {
    baseValue: Math.log(base / (1 - base)),
    margin: 0,
    baseProbability: base,
    contributions: deltas.map((probability, index) => ({
      input: `F${index}`,
      label: `Feature ${index}`,
      value: index,
      valueText: String(index),
      logOdds: probability * 10,
      probability,
    })),
  };
}

describe('waterfall', () => {
  const deltas = [0.01, -0.03, 0.002, 0.05, -0.001, 0.004, -0.02];
  const e = explanation(deltas);
  const final = e.baseProbability + deltas.reduce((a, b) => a + b, 0);

  it('keeps the largest contributions in absolute value, in that order, and sums the rest', () => {
    const { bars, others, base } = waterfallBars(e, 3);
    expect(base).toBe(0.08);
    expect(bars.map((bar: { delta: number }) => bar.delta)).toEqual([0.05, -0.03, -0.02]);
    expect(others.count).toBe(4);
    expect(others.delta).toBeCloseTo(0.01 + 0.002 - 0.001 + 0.004, 12);
  });

  it('goes from the average client to this client: base + bars + others = the probability', () => {
    const { data } = waterfallFigure(e, final, { base: 'avg', others: 'others', final: 'client', axis: 'p' }, 3);
    const trace = data[0] as unknown as { x: number[]; y: string[]; measure: string[] };
    expect(trace.measure[0]).toBe('absolute');
    expect(trace.measure.at(-1)).toBe('total');
    const relative = trace.x.slice(0, -1).reduce((a, b) => a + b, 0);
    expect(relative).toBeCloseTo(final, 12);
    expect(trace.x.at(-1)).toBe(final);
    expect(trace.y[1]).toBe('Feature 3: 3');
    expect(trace.y).toHaveLength(3 + 3);
  });

  it('draws one row per label, each bar starting where the previous one ended, even when two inputs read alike', () => {
    // Two inputs with the same words would share a plotly row and break the chain on screen: never.
    const twins = explanation([0.015, -0.014, -0.007, 0.02]);
    for (const c of twins.contributions.slice(0, 3)) Object.assign(c, { label: 'Employer sector', valueText: 'not given' });
    const p = twins.baseProbability + 0.015 - 0.014 - 0.007 + 0.02;
    const trace = waterfallFigure(twins, p, { base: 'avg', others: 'others', final: 'client', axis: 'p' }, 10).data[0] as unknown as {
      x: number[];
      y: string[];
      measure: string[];
    };
    expect(new Set(trace.y).size).toBe(trace.y.length);
    let end = 0;
    trace.x.forEach((x, i) => {
      const start = trace.measure[i] === 'relative' ? end : 0;
      if (trace.measure[i] === 'total') expect(x).toBeCloseTo(end, 12);
      else end = start + x;
    });
  });
});

describe('gauge', () => {
  it('marks the threshold and colours the bar by decision', () => {
    const granted = gaugeFigure(0.035, 0.095, true).data[0] as unknown as { value: number; gauge: { threshold: { value: number }; bar: { color: string }; axis: { range: number[] } } };
    expect(granted.value).toBeCloseTo(3.5, 10);
    expect(granted.gauge.threshold.value).toBeCloseTo(9.5, 10);
    const refused = gaugeFigure(0.4, 0.095, false).data[0] as unknown as typeof granted;
    expect(refused.gauge.bar.color).not.toBe(granted.gauge.bar.color);
  });

  it('scales the dial so both the probability and the threshold are on it', () => {
    for (const [p, t] of [[0.01, 0.09], [0.35, 0.09], [0.9, 0.5], [0.999, 0.1]] as const) {
      const trace = gaugeFigure(p, t, p < t).data[0] as unknown as { gauge: { axis: { range: number[] } } };
      const top = trace.gauge.axis.range[1]!;
      expect(top).toBeGreaterThanOrEqual(Math.max(p, t) * 100);
      expect(top).toBeLessThanOrEqual(100);
    }
  });
});
