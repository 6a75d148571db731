/**
 * The addresses a SAML login may return to. An entry allows its origin and every path under its own path
 * (`https://kitos.example/app/` allows `https://kitos.example/app/overview`, not `https://kitos.example/other`).
 */
export function parseReturnUrlAllowlist(text: string, production: boolean, problems: string[]): URL[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        problems.push(`SAML_RETURN_URL_ALLOWLIST: ${entry} is not an absolute URL`);
        return [];
      }
      const secure = url.protocol === 'https:' || (!production && url.protocol === 'http:');
      if (!secure || url.username || url.password || url.search || url.hash) {
        problems.push(
          `SAML_RETURN_URL_ALLOWLIST: ${entry} must be an ${production ? 'https' : 'http(s)'} URL without credentials, query or fragment`,
        );
        return [];
      }
      return [url];
    });
}

/** The normalised `returnTo` when the allow-list permits it, else `null`. */
export function allowedReturnUrl(returnTo: string, allowlist: readonly URL[]): string | null {
  let url: URL;
  try {
    url = new URL(returnTo);
  } catch {
    return null;
  }
  if (url.username || url.password || url.hash) return null;
  const allowed = allowlist.some((entry) => {
    if (entry.origin !== url.origin) return false;
    const base = entry.pathname.endsWith('/') ? entry.pathname : `${entry.pathname}/`;
    return url.pathname === entry.pathname || url.pathname.startsWith(base);
  });
  return allowed ? url.href : null;
}
