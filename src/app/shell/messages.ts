/** The frame's texts, under the CHT's own keys where it has them. */
export const SHELL_MESSAGES = {
  appName: 'CHT Admin Console',
  skipLink: 'Skip to main content',
  sidebar: 'Admin Console',
  'import.export': 'Import & export data',
  exportTabs: 'Export types',
  loggedInAs: 'Logged in as',
} as const;
