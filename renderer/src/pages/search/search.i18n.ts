import { addStrings, type Strings } from '../../i18n/i18n';

/** The search namespace, in both languages (its English shape types `t` for this namespace). */
export const SEARCH_STRINGS = {
  fr: {
    title: 'Trouver un client',
    label: 'Numéro de client (SK_ID_CURR)',
    hint: 'Tapez les premiers chiffres ; ↑ ↓ pour choisir, Entrée pour ouvrir.',
    results: 'Résultats',
    none: 'Aucun client ne commence par « {{query}} ».',
    recent: 'Clients récents',
    browse: 'Premiers clients de la base',
    total: '{{count}} clients dans la base',
    columns: { id: 'Client', contract: 'Contrat', income: 'Revenu annuel', credit: 'Crédit demandé', age: 'Âge', outcome: 'Issue connue' },
    outcome: { defaulted: 'défaut', repaid: 'remboursé', unknown: '—' },
    years: '{{count}} ans',
  },
  en: {
    title: 'Find a client',
    label: 'Client number (SK_ID_CURR)',
    hint: 'Type the first digits; ↑ ↓ to choose, Enter to open.',
    results: 'Results',
    none: 'No client starts with "{{query}}".',
    recent: 'Recent clients',
    browse: 'First clients of the database',
    total: '{{count}} clients in the database',
    columns: { id: 'Client', contract: 'Contract', income: 'Annual income', credit: 'Credit asked', age: 'Age', outcome: 'Known outcome' },
    outcome: { defaulted: 'defaulted', repaid: 'repaid', unknown: '—' },
    years: '{{count}} years',
  },
} satisfies Strings;

addStrings('search', SEARCH_STRINGS);
