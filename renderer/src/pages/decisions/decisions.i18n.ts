import { addStrings, type Strings } from '../../i18n/i18n';

/** The decisions namespace, in both languages (its English shape types `t` for this namespace). */
export const DECISIONS_STRINGS = {
  fr: {
    title: 'Journal des décisions',
    intro: 'Toutes les décisions enregistrées, les plus récentes d’abord. Le journal ne peut être ni modifié ni effacé.',
    filter: 'Client (SK_ID_CURR)',
    filterHint: 'Laissez vide pour voir tous les clients.',
    invalid: 'Un numéro de client ne contient que des chiffres.',
    caption: 'Décisions enregistrées',
    none: 'Aucune décision enregistrée.',
    noneForClient: 'Aucune décision enregistrée pour le client {{clientId}}.',
    range: 'Décisions {{from}} à {{to}} sur {{total}}',
    previous: 'Précédentes',
    next: 'Suivantes',
  },
  en: {
    title: 'Decision log',
    intro: 'Every recorded decision, newest first. The log can be neither changed nor erased.',
    filter: 'Client (SK_ID_CURR)',
    filterHint: 'Leave empty to see every client.',
    invalid: 'A client number has digits only.',
    caption: 'Recorded decisions',
    none: 'No decision recorded.',
    noneForClient: 'No decision recorded for client {{clientId}}.',
    range: 'Decisions {{from}} to {{to}} of {{total}}',
    previous: 'Previous',
    next: 'Next',
  },
} satisfies Strings;

addStrings('decisions', DECISIONS_STRINGS);
