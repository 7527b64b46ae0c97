import { addStrings, type Strings } from '../i18n/i18n';

/** The population-progress namespace, in both languages (its English shape types `t` for this namespace). */
export const POPULATION_PROGRESS_STRINGS = {
  fr: {
    features: 'Calcul des variables de la population : {{clients}} clients sur {{total}} ({{percent}}).',
    scores: 'Calcul des scores de la population par le modèle {{model}} : {{clients}} clients sur {{total}} ({{percent}}).',
    serving:
      'En attendant, les graphiques de population, le seuil et le suivi montrent les chiffres du modèle {{serving}} ; les scores des clients viennent déjà du modèle {{model}}.',
  },
  en: {
    features: 'Computing the population’s inputs: {{clients}} of {{total}} clients ({{percent}}).',
    scores: 'Computing the population’s scores under model {{model}}: {{clients}} of {{total}} clients ({{percent}}).',
    serving: 'Meanwhile the population plots, the threshold and monitoring show the figures of model {{serving}}; client scores already come from model {{model}}.',
  },
} satisfies Strings;

addStrings('populationProgress', POPULATION_PROGRESS_STRINGS);
