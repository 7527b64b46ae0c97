/**
 * Colours with a meaning, from the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies; https://jfly.uni-koeln.de/color/). Every colour here also comes with a word or a shape
 * on screen: colour is never the only carrier of meaning.
 */
export const PALETTE = {
  granted: '#0072B2',
  refused: '#D55E00',
  repaid: '#009E73',
  defaulted: '#CC79A7',
  all: '#56667A',
  client: '#000000',
  threshold: '#E69F00',
  lowersRisk: '#0072B2',
  raisesRisk: '#D55E00',
} as const;

/** Score band colours, A (lowest risk) to E, ordered light to dark so they also read in greyscale. */
export const BAND_COLOURS = { A: '#009E73', B: '#56B4E9', C: '#E69F00', D: '#D55E00', E: '#9E2A00' } as const;
