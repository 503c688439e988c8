/**
 * Splits a message's text into plain parts and links (http, https and mailto only), so a chat can render links
 * as anchors while everything else stays a text node: no HTML is ever parsed, and `javascript:` or `data:` text
 * stays text. Pure and free of TypeBox, so the widget imports it (`@causette/shared/linkify`) for a few bytes.
 * A trailing full stop, comma, colon, bracket or quote belongs to the sentence, not the link.
 */
export type TextPart = { text: string; href?: string };

const LINK = /\b(?:https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]|mailto:[^\s<>"'@]+@[^\s<>"']*[^\s<>"'.,;:!?)\]])/gi;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index!;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: match[0], href: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
