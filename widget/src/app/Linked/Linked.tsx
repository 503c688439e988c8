import { linkify } from '@causette/shared/linkify';

/**
 * A message's text with its http(s) and mailto links clickable. Everything is a text node or an anchor whose
 * href is one of those schemes (linkify decides): no markup of the message is ever parsed.
 */
export function Linked({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part) =>
        part.href ? (
          <a href={part.href} target="_blank" rel="noopener noreferrer nofollow" data-part="link">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
