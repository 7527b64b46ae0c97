/** The similar clients in words: decisions, known outcomes and their average probability of default. */
import type { ResponseOf } from '../../../../electron/shared/contract';
import { formatNumber, formatPercent } from '../../../../common/format';
import type { Lang } from '../../../../common/lang';
import type { Translate } from './compare-format';

type Similar = ResponseOf<'scoring:similar'>;

/** Counts of the neighbours by decision and known outcome, and their mean probability. */
export function similarStats(similar: Similar): { count: number; granted: number; refused: number; known: number; defaulted: number; meanProbability: number | null } {
  const clients = similar.clients;
  const count = clients.length;
  const granted = clients.filter((client) => client.decision === 'granted').length;
  const known = clients.filter((client) => client.outcome !== null).length;
  const defaulted = clients.filter((client) => client.outcome === 'defaulted').length;
  const meanProbability = count ? clients.reduce((sum, client) => sum + client.probability, 0) / count : null;
  return { count, granted, refused: count - granted, known, defaulted, meanProbability };
}

/** "Of the 10 most similar clients, 7 granted and 3 refused; outcome known for 8: 1 defaulted (12 %)…". */
export function similarSummary(similar: Similar, lang: Lang, t: Translate): string {
  const stats = similarStats(similar);
  if (stats.count === 0) return t('similar.summaryNone');
  const sentences = [
    t('similar.summaryDecisions', {
      count: stats.count,
      features: similar.features.length,
      granted: formatNumber(stats.granted, lang),
      refused: formatNumber(stats.refused, lang),
      mean: formatPercent(stats.meanProbability, lang, 1),
    }),
  ];
  sentences.push(
    stats.known === 0
      ? t('similar.summaryNoOutcome')
      : t('similar.summaryOutcomes', { count: stats.known, defaulted: formatNumber(stats.defaulted, lang), repaid: formatNumber(stats.known - stats.defaulted, lang), rate: formatPercent(stats.defaulted / stats.known, lang, 0) }),
  );
  return sentences.join(' ');
}
