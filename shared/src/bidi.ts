/**
 * Bidirectional controls that open a span of reordered text: embeddings and overrides (U+202A–U+202E) and
 * isolates (U+2066–U+2069). In a name they let a visitor spoof what others read — `Mal \u202Egnp.exe` shows as
 * "Mal exe.png" — and an unclosed one reorders the text around it (Trojan Source, CVE-2021-42574, lists exactly
 * these nine). The marks U+200E, U+200F and U+061C are kept: they open no span and reorder nothing around them
 * (each acts as one strong letter), and Hebrew, Arabic and Persian writers use them to place punctuation and
 * digits in a name correctly; rendering isolates each name anyway. Pure and free of TypeBox, so the widget and
 * the console import it (`@causette/shared/bidi`).
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** `text` without bidi embedding, override and isolate controls. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * `text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the plain-text spelling of `<bdi>`, for places
 * that hold text only (an `<option>`, a sentence a name is put into). Text shown this way, a stored name from
 * before the server stripped controls or a right-to-left one, cannot reorder the words around it: the isolate
 * also closes any override left open inside.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
