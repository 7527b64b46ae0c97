import { addStrings, type Strings } from '../i18n/i18n';

/** The result namespace, in both languages (its English shape types `t` for this namespace). */
export const RESULT_STRINGS = {
  fr: {
    loading: 'Chargement…',
    retry: 'Réessayer',
    error: 'Erreur',
    forbidden: {
      title: 'Réservé aux responsables',
      text: "Cet écran est réservé aux responsables d'agence : votre compte n'y a pas accès. Demandez à un responsable si vous avez besoin de ces chiffres.",
    },
    codes: {
      'not-found': 'Introuvable',
      forbidden: 'Non autorisé',
      unauthenticated: 'Session fermée',
      validation: 'Données non valides',
      'model-refused': 'Modèle refusé',
      'scoring-disabled': 'Notation désactivée',
      internal: 'Erreur interne',
      'invalid-request': 'Requête non valide',
      conflict: 'Conflit',
      busy: 'Base de données occupée',
      cancelled: 'Annulé',
      'unknown-channel': 'Fonction indisponible',
      'forbidden-sender': 'Origine refusée',
    },
  },
  en: {
    loading: 'Loading…',
    retry: 'Retry',
    error: 'Error',
    forbidden: {
      title: 'Managers only',
      text: 'This screen is for branch managers: your account has no access to it. Ask a manager if you need these figures.',
    },
    codes: {
      'not-found': 'Not found',
      forbidden: 'Not allowed',
      unauthenticated: 'Signed out',
      validation: 'Invalid data',
      'model-refused': 'Model refused',
      'scoring-disabled': 'Scoring disabled',
      internal: 'Internal error',
      'invalid-request': 'Invalid request',
      conflict: 'Conflict',
      busy: 'Database busy',
      cancelled: 'Cancelled',
      'unknown-channel': 'Not available',
      'forbidden-sender': 'Origin refused',
    },
  },
} satisfies Strings;

addStrings('result', RESULT_STRINGS);
