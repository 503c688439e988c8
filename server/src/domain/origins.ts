/**
 * May a page at `origin` embed this site's widget? `self` stands for the server's own origin (its Host),
 * which is how the bundled demo shop works on any port.
 */
export function originAllowed(allowed: string[], origin: string | undefined, serverHost: string | undefined): boolean {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const normalised = parsed.origin;
  return allowed.some((entry) => (entry === 'self' ? serverHost !== undefined && parsed.host === serverHost : entry === normalised));
}
