/**
 * The client page's figures as plain plotly data: the gauge (probability with the threshold marked) and
 * the waterfall (from the average client's probability to this client's, one bar per model input, exact
 * TreeSHAP contributions summed over the input's columns, on the probability scale). Pure: tested in test/renderer/client-figures.test.ts.
 */
import type { Data, Layout } from 'plotly.js';
import type { ResponseOf } from '../../../../electron/shared/contract';
import { PALETTE } from '../../theme/palette';
import { uniqueLabels } from '../../components/unique-labels';

type Explanation = ResponseOf<'scoring:score'>['explanation'];

/** One bar of the waterfall. */
export interface WaterfallBar {
  label: string;
  /** Change of the probability of default, in probability units (0.021 = +2.1 points). */
  delta: number;
  valueText: string | null;
}

/** The waterfall's bars: the `top` largest contributions in absolute value, the rest summed into one bar. */
export function waterfallBars(explanation: Explanation, top: number): { base: number; bars: WaterfallBar[]; others: { count: number; delta: number } } {
  const ranked = [...explanation.contributions].sort((a, b) => Math.abs(b.probability) - Math.abs(a.probability));
  const shown = ranked.slice(0, top);
  const rest = ranked.slice(top);
  return {
    base: explanation.baseProbability,
    bars: shown.map((c) => ({ label: c.label, delta: c.probability, valueText: c.valueText })),
    others: { count: rest.length, delta: rest.reduce((sum, c) => sum + c.probability, 0) },
  };
}

/** Texts of the waterfall that come from the translations. */
export interface WaterfallTexts {
  base: string;
  others: string;
  final: string;
  axis: string;
}

/** The plotly waterfall: bars from top to bottom, base first, the client's probability last. */
export function waterfallFigure(explanation: Explanation, probability: number, texts: WaterfallTexts, top = 10): { data: Data[]; layout: Partial<Layout> } {
  const { base, bars, others } = waterfallBars(explanation, top);
  // One row per label: bars sharing a label would be drawn on one row, out of the chain (uniqueLabels).
  const labels = uniqueLabels([texts.base, ...bars.map((bar) => (bar.valueText ? `${bar.label}: ${bar.valueText}` : bar.label)), texts.others, texts.final]);
  const values = [base, ...bars.map((bar) => bar.delta), others.delta, probability];
  const measure = ['absolute', ...bars.map(() => 'relative'), 'relative', 'total'];
  const text = values.map((value, index) => (index === 0 || index === values.length - 1 ? `${(value * 100).toFixed(1)} %` : `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} pt`));
  const data = [
    {
      type: 'waterfall',
      orientation: 'h',
      y: labels,
      x: values,
      measure,
      text,
      textposition: 'outside',
      cliponaxis: false,
      increasing: { marker: { color: PALETTE.raisesRisk } },
      decreasing: { marker: { color: PALETTE.lowersRisk } },
      totals: { marker: { color: PALETTE.all } },
      connector: { line: { color: '#8a94a0', width: 1 } },
      hovertemplate: '%{y}: %{text}<extra></extra>',
    } as unknown as Data,
  ];
  const layout: Partial<Layout> = {
    yaxis: { autorange: 'reversed', automargin: true },
    xaxis: { title: { text: texts.axis }, tickformat: '.0%', zeroline: false },
    margin: { l: 8, r: 64, t: 8, b: 48 },
    showlegend: false,
  };
  return { data, layout };
}

/** The gauge: probability 0–50 % (or more when needed), the threshold as a marked line, bands of risk. */
export function gaugeFigure(probability: number, threshold: number, granted: boolean): { data: Data[]; layout: Partial<Layout> } {
  // Most probabilities are small: a 0–100 % dial would crowd them at the start. Scale to what matters.
  const top = Math.min(1, Math.max(0.3, Math.ceil((Math.max(probability, threshold) * 1.5) * 10) / 10));
  const data = [
    {
      type: 'indicator',
      mode: 'gauge+number',
      value: probability * 100,
      number: { suffix: ' %', valueformat: '.1f' },
      gauge: {
        axis: { range: [0, top * 100], ticksuffix: ' %' },
        bar: { color: granted ? PALETTE.granted : PALETTE.refused, thickness: 0.35 },
        steps: [
          { range: [0, threshold * 100], color: '#e3f0f8' },
          { range: [threshold * 100, top * 100], color: '#fbebe3' },
        ],
        threshold: { line: { color: PALETTE.client, width: 4 }, thickness: 0.9, value: threshold * 100 },
      },
    } as unknown as Data,
  ];
  return { data, layout: { margin: { l: 40, r: 40, t: 24, b: 8 } } };
}
