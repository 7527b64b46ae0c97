/** The features an officer can pick in the compare screen: labelled, most important first, filtered by typed text. */

/** One pickable feature. */
export interface FeatureOption {
  feature: string;
  label: string;
  importance: number;
}

/**
 * The importance list (per model input) restricted to the inputs plotted as a number (those with a column
 * of their own: a category field has none) that the client's explanation has, most important first; ties by label.
 */
export function featureOptions(
  importance: ReadonlyArray<{ input: string; feature: string | null; label: string; importance: number }>,
  explained?: ReadonlyArray<{ input: string }>,
): FeatureOption[] {
  const known = explained ? new Set(explained.map((contribution) => contribution.input)) : null;
  return importance
    .flatMap(({ input, feature, label, importance: weight }) =>
      feature !== null && (!known || known.has(input)) ? [{ feature, label, importance: weight }] : [],
    )
    .sort((a, b) => b.importance - a.importance || a.label.localeCompare(b.label));
}

/** Case- and accent-insensitive folding for search ("Ancienneté" matches "anciennete"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The options whose label contains every typed word; the selected one is kept so the select never loses it. */
export function filterOptions(options: readonly FeatureOption[], query: string, selected?: string): FeatureOption[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((option) => option.feature === selected || words.every((word) => fold(option.label).includes(word)));
}

/** A default second feature for the pairs plot: the most important one that is not `x` and not of the same family (prefix). */
export function defaultPartner(options: readonly FeatureOption[], x: string): string | undefined {
  const family = (name: string) => name.split('_').slice(0, 2).join('_');
  return (options.find((option) => option.feature !== x && family(option.feature) !== family(x)) ?? options.find((option) => option.feature !== x))?.feature;
}
