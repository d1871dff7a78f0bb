/** Where to go after login: a path of this app only (no `//host` or `https:` open redirects). */
export function safeReturnUrl(returnUrl: string | null | undefined, fallback = '/'): string {
  if (!returnUrl || !returnUrl.startsWith('/') || returnUrl.startsWith('//') || returnUrl.startsWith('/\\')) return fallback;
  if (returnUrl === '/login' || returnUrl.startsWith('/login?') || returnUrl.startsWith('/login/')) return fallback;
  return returnUrl;
}
