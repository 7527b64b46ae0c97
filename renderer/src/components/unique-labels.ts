/**
 * Category labels for a plot's axis, one row per label: plotly draws bars that share a category label on
 * the same row (a waterfall then no longer adds up on screen), so a repeated label gets " (2)", " (3)"….
 * Model inputs have unique labels (the registry holds them so); this guards every plot regardless.
 */
export function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}
