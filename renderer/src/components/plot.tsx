/**
 * A plotly figure with its text alternative: `summary` states the plot's key numbers in words for screen
 * readers (and for anyone who cannot read the plot). Plotly's strict bundle: no eval, the CSP holds.
 */
import type { Config, Data, Layout } from 'plotly.js';
import { useEffect, useId, useRef } from 'react';
import { useLang } from '../i18n/i18n';

/** Props of Plot. */
export interface PlotProps {
  data: Data[];
  layout?: Partial<Layout>;
  /** The plot's content in words: required, every plot has a text alternative. */
  summary: string;
  /** Accessible name of the figure. */
  title: string;
  height?: number;
  testId?: string;
}

/**
 * plotly (4.6 MB) is loaded on first use, in its own chunk: the sign-in and search screens do not wait
 * for it (the first-screen target), and it is fetched once the first plot is needed.
 */
let plotly: Promise<typeof import('plotly.js-strict-dist-min').default> | null = null;
function loadPlotly() {
  plotly ??= import('plotly.js-strict-dist-min').then((module) => module.default);
  return plotly;
}

/** Starts loading plotly when the window is idle, so the first client opened does not wait for it. */
export function preloadPlotlyWhenIdle(): void {
  const start = () => void loadPlotly().catch(() => undefined);
  if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 500);
}

const CONFIG: Partial<Config> = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['sendDataToCloud', 'lasso2d', 'select2d'] };

const BASE_LAYOUT: Partial<Layout> = {
  margin: { l: 56, r: 16, t: 16, b: 48 },
  font: { family: 'system-ui, "DejaVu Sans", sans-serif', size: 13, color: '#1b1f24' },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: 'rgba(0,0,0,0)',
  legend: { orientation: 'h', y: -0.2 },
};

/** Renders a plotly figure (updated in place with Plotly.react when its props change). */
export function Plot({ data, layout, summary, title, height = 320, testId }: PlotProps) {
  const container = useRef<HTMLDivElement>(null);
  const summaryId = useId();
  const lang = useLang();
  // Every plotly call on this element goes through one chain: a redraw never starts before the previous
  // one finished, and purge (on unmount) waits for the last one (purging mid-draw makes plotly throw).
  const drawing = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Decimal and thousands separators of the interface language (3,5 % in French).
    const separators = lang === 'fr' ? ', ' : '.,';
    drawing.current = drawing.current
      .then(() => loadPlotly())
      .then((Plotly) => Plotly.react(element, data, { ...BASE_LAYOUT, separators, height, ...layout }, CONFIG))
      .catch((error: unknown) => console.error('plot could not be drawn', error));
  }, [data, layout, height, lang]);
  useEffect(() => {
    const element = container.current;
    return () => {
      if (!element) return;
      drawing.current = drawing.current.then(() => loadPlotly()).then((Plotly) => Plotly.purge(element), () => undefined);
    };
  }, []);
  return (
    <figure className="plot" data-testid={testId} aria-label={title} aria-describedby={summaryId}>
      <div ref={container} />
      <figcaption id={summaryId} className="plot-summary">
        {summary}
      </figcaption>
    </figure>
  );
}
