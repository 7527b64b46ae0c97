/** The features an officer can pick in the compare screen: labelled, most important first, filtered by typed text. */

/** One pickable feature. */
export interface FeatureOption {
  feature: string;
  label: string;
  importance: number;
}

/**
 * The importance list restricted to the features the client's explanation has (those the population
 * plots know and the client has a value for), most important first; ties by label.
 */
export function featureOptions(
  importance: ReadonlyArray<{ feature: string; label: string; importance: number }>,
  explained?: ReadonlyArray<{ feature: string }>,
): FeatureOption[] {
  const known = explained ? new Set(explained.map((contribution) => contribution.feature)) : null;
  return importance
    .filter((entry) => !known || known.has(entry.feature))
    .map(({ feature, label, importance: weight }) => ({ feature, label, importance: weight }))
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
