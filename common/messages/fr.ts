/** French text of main, the CLI and letters (en.ts says what each key is for; the type keeps both in step). */
import type { Messages } from './messages-shape.js';

export const FR: Messages = {
  score: {
    client: 'Client',
    probability: 'Probabilité de défaut',
    threshold: 'seuil',
    decision: 'Décision',
    band: 'classe',
    model: 'Modèle',
    granted: 'accordé',
    refused: 'refusé',
    against: 'Raisons défavorables (augmentent le risque) :',
    for: 'Raisons favorables (diminuent le risque) :',
    none: '  (aucune)',
    counterOffer: 'Contre-proposition (tout le reste inchangé) :',
    amount: 'Montant',
    term: 'Durée',
    sameTerm: 'même durée',
    sameAmount: 'même montant',
    instalment: 'échéance',
    instalments: 'échéances de',
    noOffer: 'aucune',
    colon: ' :',
    noOfferReasons: {
      'not-granted-within-bounds': 'refusé à tout montant ou durée dans les limites',
      'at-smallest-amount': 'le montant demandé est déjà le plus petit proposé',
      'at-longest-term': 'la durée demandée est déjà la plus longue proposée',
      'no-credit-amount': 'la demande n’a pas de montant de crédit',
      'no-instalment': 'la demande n’a pas d’échéance',
    },
  },
  letters: {
    saveDialogTitle: 'Enregistrer la lettre au client',
  },
  scoringDisabled: {
    'no-trusted-key':
      "Aucune clé de confiance des modèles n’est installée sur ce poste : l’informatique doit déployer la clé publique de la banque dans {{folder}} ou renseigner OCTROI_TRUSTED_KEYS. La notation est désactivée d’ici là.",
    'demo-key-model':
      "Le modèle en service est signé avec la clé DEMO, qu’une application Octroi installée n’accepte jamais : l’informatique doit installer un modèle signé avec la clé de la banque (octroi model install), dont la clé publique est déployée dans {{folder}} ou renseignée dans OCTROI_TRUSTED_KEYS. La notation est désactivée d’ici là.",
    'untrusted-model-key':
      "Le modèle en service est signé avec la clé {{keyId}}, qui n’est pas de confiance sur ce poste : l’informatique doit déployer la clé publique de la banque dans {{folder}} ou renseigner OCTROI_TRUSTED_KEYS, ou installer un modèle signé avec la clé de la banque (octroi model install). La notation est désactivée d’ici là.",
  },
  groups: {
    all: 'Tous les clients',
    granted: 'Accordé',
    refused: 'Refusé',
    defaulted: 'Défaut de paiement',
    repaid: 'Remboursé',
    unknown: 'Issue inconnue',
    A: 'Classe A',
    B: 'Classe B',
    C: 'Classe C',
    D: 'Classe D',
    E: 'Classe E',
  },
};
