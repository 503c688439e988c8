/**
 * May a page at `origin` embed this site's widget? `self` stands for the server's own origin (its Host),
 * which is how the bundled demo shop works on any port.
 */
export function originAllowed(
  allowed: string[],
  origin: string | undefined,
  serverHost: string | undefined,
  secFetchSite?: string | undefined,
): boolean {
  // Browsers send no Origin on a same-origin GET (Socket.IO's first long-polling request), but they do send
  // Sec-Fetch-Site, which a page cannot forge. Clients that send neither are refused.
  if (!origin) return secFetchSite === 'same-origin' && allowed.includes('self');
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const normalised = parsed.origin;
  return allowed.some((entry) => (entry === 'self' ? serverHost !== undefined && parsed.host === serverHost : entry === normalised));
}

/**
 * May this request change something with the agent's cookie? A browser always says where a request comes from
 * (Origin on every non-GET request, Sec-Fetch-Site on every request), so one that says another origin is a
 * cross-site request forgery, however "simple" it is (a body-less `fetch(…, {mode: 'no-cors'})`). A request that
 * says neither is not a browser's (curl, a script, a server): it can only carry a cookie it holds already, which
 * no origin check would stop, so it passes.
 */
export function stateChangeAllowed(allowed: string[], origin: string | undefined, serverHost: string | undefined, secFetchSite: string | undefined): boolean {
  if (!origin && !secFetchSite) return true;
  return originAllowed(allowed, origin, serverHost, secFetchSite);
}
