/**
 * A report plot as a PNG image, for the slide decks and e-mails where HQ's risk team pastes figures:
 * the plot's own SVG rasterised by resvg (@resvg/resvg-js, a maintained SVG renderer with prebuilt
 * binaries), at twice its size for sharp text, on white, with the machine's fonts (DejaVu Sans, which
 * scripts/install.sh installs).
 */
import { Resvg } from '@resvg/resvg-js';
import type { ReportPlot } from './report-plots.js';

/** Pixels per SVG unit. */
export const PNG_SCALE = 2;

/** The plot as PNG bytes, PNG_SCALE × its width and height. */
export function plotPng(plot: ReportPlot): Buffer {
  const rendered = new Resvg(plot.svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render();
  return rendered.asPng();
}
