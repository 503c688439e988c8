/**
 * Visitor-supplied text (names, page titles, cart items) is shown isolated, so a bidi control stored before the
 * server stripped them, or a right-to-left name, cannot reorder the console's own words around it. Elements use
 * `<bdi>`; where only text may go (an `<option>`, an interpolated sentence) the same isolation is spelled with
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, which also closes any override left open inside.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
