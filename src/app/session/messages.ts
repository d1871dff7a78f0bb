/** The host app's texts, under the CHT's own keys where it has them. */
export const SESSION_MESSAGES = {
  'User Name': 'User name',
  Password: 'Password',
  login: 'Login',
  'login.incorrect': 'Incorrect user name or password. Please try again.',
  'login.missing': 'Enter your user name and password.',
  'login.unavailable': 'The server could not be reached. Please try again.',
  'login.title': 'Log in to the Admin Console',
  logout: 'Log out',
} as const;
