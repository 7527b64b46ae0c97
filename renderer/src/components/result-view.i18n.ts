import { addStrings } from '../i18n/i18n';

addStrings('result', {
  fr: { loading: 'Chargement…', retry: 'Réessayer', error: 'Erreur', codes: { 'not-found': 'Introuvable', forbidden: 'Non autorisé', unauthenticated: 'Session fermée', validation: 'Données non valides', 'model-refused': 'Modèle refusé', internal: 'Erreur interne', 'invalid-request': 'Requête non valide', conflict: 'Conflit', cancelled: 'Annulé', 'unknown-channel': 'Fonction indisponible', 'forbidden-sender': 'Origine refusée' } },
  en: { loading: 'Loading…', retry: 'Retry', error: 'Error', codes: { 'not-found': 'Not found', forbidden: 'Not allowed', unauthenticated: 'Signed out', validation: 'Invalid data', 'model-refused': 'Model refused', internal: 'Internal error', 'invalid-request': 'Invalid request', conflict: 'Conflict', cancelled: 'Cancelled', 'unknown-channel': 'Not available', 'forbidden-sender': 'Origin refused' } },
});
