import { addStrings, type Strings } from '../../i18n/i18n';

/** The signIn namespace, in both languages (its English shape types `t` for this namespace). */
export const SIGN_IN_STRINGS = {
  fr: {
    title: 'Connexion',
    intro: 'Connectez-vous avec votre compte Octroi. Chaque décision enregistrée porte votre nom.',
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    submit: 'Se connecter',
    signingIn: 'Connexion…',
    locked: 'Session verrouillée après inactivité : reconnectez-vous pour continuer.',
    noUsers: "Aucun compte n'existe encore dans cette base. Un responsable crée le premier avec « npm run octroi -- users add ».",
    required: 'Saisissez votre nom d’utilisateur et votre mot de passe.',
    refused: 'Connexion refusée : nom d’utilisateur ou mot de passe incorrect, compte désactivé, ou trop d’essais (le détail suit).',
  },
  en: {
    title: 'Sign in',
    intro: 'Sign in with your Octroi account. Every recorded decision carries your name.',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    locked: 'Session locked after inactivity: sign in again to go on.',
    noUsers: 'No account exists in this database yet. A manager creates the first one with "npm run octroi -- users add".',
    required: 'Enter your user name and password.',
    refused: 'Sign-in refused: wrong user name or password, a disabled account, or too many attempts (details below).',
  },
} satisfies Strings;

addStrings('signIn', SIGN_IN_STRINGS);
