import { addStrings, type Strings } from '../i18n/i18n';

/** The app namespace, in both languages (its English shape types `t` for this namespace). */
export const APP_STRINGS = {
  fr: {
    name: 'Octroi',
    tagline: 'Score et décision de crédit',
    skip: 'Aller au contenu',
    menu: { label: 'Menu principal', search: 'Trouver un client', newApplication: 'Nouvelle demande', threshold: 'Seuil et coûts', decisions: 'Décisions', monitoring: 'Suivi du modèle', model: 'Modèle', users: 'Utilisateurs' },
    language: 'Langue',
    back: 'Retour',
    noApi: "Cette page doit être ouverte par l'application Octroi ou par « npm run preview » (avec son lien).",
    crashed: "Un incident est survenu dans l'écran. Les données enregistrées ne sont pas touchées.",
    reload: "Recharger l'écran",
    signOut: 'Se déconnecter',
    roles: { officer: 'Chargé de clientèle', manager: 'Responsable' },
    auditBroken: "Le journal des décisions a été modifié hors de l'application (entrée n° {{seq}} : {{problem}}). Prévenez votre responsable et l'informatique.",
    checking: 'Ouverture de la session…',
    demoKeyTrusted: 'Clé DEMO acceptée',
    demoKeyTrustedDetail: "Les modèles signés avec la clé DEMO (publique) sont acceptés : développement et démonstration uniquement. Une application installée ne l'accepte jamais.",
  },
  en: {
    name: 'Octroi',
    tagline: 'Credit score and decision',
    skip: 'Skip to content',
    menu: { label: 'Main menu', search: 'Find a client', newApplication: 'New application', threshold: 'Threshold and costs', decisions: 'Decisions', monitoring: 'Model monitoring', model: 'Model', users: 'Users' },
    language: 'Language',
    back: 'Back',
    noApi: 'Open this page from the Octroi app or with "npm run preview" (using its link).',
    crashed: 'Something went wrong in this screen. Recorded data is not affected.',
    reload: 'Reload the screen',
    signOut: 'Sign out',
    roles: { officer: 'Loan officer', manager: 'Manager' },
    auditBroken: 'The decision log was changed outside the application (entry {{seq}}: {{problem}}). Tell your manager and IT.',
    checking: 'Opening the session…',
    demoKeyTrusted: 'DEMO key trusted',
    demoKeyTrustedDetail: 'Models signed with the (public) DEMO key are accepted: development and demonstration only. An installed app never accepts it.',
  },
} satisfies Strings;

addStrings('app', APP_STRINGS);
