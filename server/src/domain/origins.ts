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
