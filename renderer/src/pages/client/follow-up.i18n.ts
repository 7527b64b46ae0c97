import { addStrings, type Strings } from '../../i18n/i18n';

/** The followUp namespace, in both languages (its English shape types `t` for this namespace). */
export const FOLLOW_UP_STRINGS = {
  fr: {
    heading: 'Contestation et réexamen',
    standing: 'Décision en vigueur : {{decision}} (décision n° {{number}}{{reviewed}}).',
    reviewedSuffix: ', réexaminée',
    locked: "Une seule décision est enregistrée par client : pour la changer, enregistrez la contestation du client, puis un responsable la réexamine.",
    contest: {
      open: 'Enregistrer une contestation du client',
      label: 'Ce que conteste le client (au moins 10 caractères)',
      submit: 'Enregistrer la contestation',
      done: 'Contestation enregistrée : elle attend le réexamen d’un responsable.',
    },
    pending: 'Contestation n° {{number}} du {{when}} : en attente du réexamen d’un responsable.',
    blocked: {
      'not-manager': 'Seul un responsable peut réexaminer une décision contestée.',
      'own-decision': 'Vous avez pris cette décision : un autre responsable doit la réexaminer.',
    },
    review: {
      legend: 'Réexamen de la décision contestée',
      upheld: 'Maintenir la décision',
      changed: 'Changer la décision (en « {{other}} »)',
      label: 'Motif du réexamen (au moins 10 caractères)',
      submit: 'Enregistrer le réexamen',
      done: 'Réexamen enregistré.',
    },
    tooShort: 'Au moins 10 caractères, s’il vous plaît.',
    cancel: 'Annuler',
    words: { granted: 'accordé', refused: 'refusé' },
  },
  en: {
    heading: 'Contest and review',
    standing: 'Decision in force: {{decision}} (decision no. {{number}}{{reviewed}}).',
    reviewedSuffix: ', reviewed',
    locked: "One decision is recorded per client: to change it, record the client's contest, then a manager reviews it.",
    contest: {
      open: "Record the client's contest",
      label: 'What the client contests (at least 10 characters)',
      submit: 'Record the contest',
      done: "Contest recorded: it awaits a manager's review.",
    },
    pending: "Contest no. {{number}} of {{when}}: awaiting a manager's review.",
    blocked: {
      'not-manager': 'Only a manager can review a contested decision.',
      'own-decision': 'You took this decision: another manager must review it.',
    },
    review: {
      legend: 'Review of the contested decision',
      upheld: 'Uphold the decision',
      changed: 'Change the decision (to "{{other}}")',
      label: 'Grounds of the review (at least 10 characters)',
      submit: 'Record the review',
      done: 'Review recorded.',
    },
    tooShort: 'At least 10 characters, please.',
    cancel: 'Cancel',
    words: { granted: 'granted', refused: 'refused' },
  },
} satisfies Strings;

addStrings('followUp', FOLLOW_UP_STRINGS);
