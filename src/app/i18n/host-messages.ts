/**
 * The login page's and the frame's texts: under the CHT's own keys where it has them (`User Name`,
 * `Password`, `login`, `login.incorrect`, `import.export`, `logout`), so a CHT's translations apply.
 */
export const HOST_MESSAGES_EN = {
  'admin.console': 'CHT Admin Console',
  'skip.link': 'Skip to main content',
  'import.export': 'Import & export data',
  'export.tabs.label': 'Export types',
  'logged.in.as': 'Logged in as',
  'language.label': 'Language',
  'User Name': 'User name',
  Password: 'Password',
  login: 'Login',
  'login.incorrect': 'Incorrect user name or password. Please try again.',
  'login.missing.name': 'Enter your user name',
  'login.missing.password': 'Enter your password',
  'login.expired': 'Your session has ended. Log in again to carry on where you left off: your choices are kept.',
  'error.prefix': 'Error',
  'login.unavailable': 'The server could not be reached. Please try again.',
  'login.title': 'Log in to the Admin Console',
  'error.summary.title': 'There is a problem',
  logout: 'Log out',
} as const;

export type HostMessageKey = keyof typeof HOST_MESSAGES_EN;

/** This console's own texts in the languages it ships; a database translation wins over them. */
export const HOST_MESSAGES: Readonly<Record<string, Partial<Record<HostMessageKey, string>>>> = {
  fr: {
    'admin.console': "Console d'administration CHT",
    'skip.link': 'Aller au contenu principal',
    'import.export': 'Importer & exporter',
    'export.tabs.label': "Types d'export",
    'logged.in.as': 'Connecté en tant que',
    'language.label': 'Langue',
    'User Name': "Nom d'utilisateur",
    Password: 'Mot de passe',
    login: 'Se connecter',
    'login.incorrect': "Nom d'utilisateur ou mot de passe incorrect. Veuillez réessayer.",
    'login.missing.name': "Saisissez votre nom d'utilisateur",
    'login.missing.password': 'Saisissez votre mot de passe',
    'login.expired': 'Votre session a pris fin. Reconnectez-vous pour reprendre où vous en étiez : vos choix sont conservés.',
    'error.prefix': 'Erreur',
    'login.unavailable': 'Le serveur est injoignable. Veuillez réessayer.',
    'login.title': "Se connecter à la console d'administration",
    'error.summary.title': 'Il y a un problème',
    logout: 'Se déconnecter',
  },
};
