import { addStrings, type Strings } from '../../i18n/i18n';

/** The counterOffer namespace, in both languages (its English shape types `t` for this namespace). */
export const COUNTER_OFFER_STRINGS = {
  fr: {
    heading: 'Contre-proposition',
    intro: 'Ce qui serait accordé au même client, toutes ses autres informations inchangées (seuil {{threshold}}) :',
    granted: 'Le crédit est accordé tel que demandé : pas de contre-proposition à faire.',
    amount: 'Un crédit de {{credit}} (au lieu de {{requested}}) serait accordé.',
    duration: 'Sur {{months}} mois au lieu de {{requested}}, le même montant serait accordé.',
    details: 'Échéance {{annuity}} · probabilité de défaut {{probability}}',
    noAnnuity: 'sans échéance connue',
    none: {
      amount: 'Montant plus petit : {{reason}}',
      duration: 'Durée plus longue : {{reason}}',
    },
    reasons: {
      'not-granted-within-bounds': 'aucune variante n’est accordée dans les limites proposées (jusqu’au quart du montant, jusqu’à 30 ans).',
      'at-smallest-amount': 'la demande est déjà au plus petit montant proposé.',
      'at-longest-term': 'la demande est déjà à la durée la plus longue proposée (360 mois).',
      'no-credit-amount': 'la demande n’a pas de montant de crédit.',
      'no-instalment': 'la demande n’a pas d’échéance : la durée ne peut pas être calculée.',
    },
    propose: 'Reprendre cette proposition dans la demande',
    offerBadge: 'Proposition',
  },
  en: {
    heading: 'Counter-offer',
    intro: 'What the same client would be granted, every other fact unchanged (threshold {{threshold}}):',
    granted: 'The credit is granted as asked: no counter-offer to make.',
    amount: 'A credit of {{credit}} (instead of {{requested}}) would be granted.',
    duration: 'Over {{months}} months instead of {{requested}}, the same amount would be granted.',
    details: 'Instalment {{annuity}} · probability of default {{probability}}',
    noAnnuity: 'no instalment known',
    none: {
      amount: 'Smaller amount: {{reason}}',
      duration: 'Longer term: {{reason}}',
    },
    reasons: {
      'not-granted-within-bounds': 'no variant is granted within the bounds offered (down to a quarter of the amount, up to 30 years).',
      'at-smallest-amount': 'the request is already at the smallest amount offered.',
      'at-longest-term': 'the request is already at the longest term offered (360 months).',
      'no-credit-amount': 'the request has no credit amount.',
      'no-instalment': 'the request has no instalment: its term cannot be computed.',
    },
    propose: 'Use this offer in the application',
    offerBadge: 'Offer',
  },
} satisfies Strings;

addStrings('counterOffer', COUNTER_OFFER_STRINGS);
