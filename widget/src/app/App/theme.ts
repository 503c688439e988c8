import { options } from 'preact';
import type { SiteSettings } from '@causette/shared';

/**
 * The site's look, applied live (session:resume, then site:update): the brand colour and the text colour that
 * reads on it as custom properties on the host (`:host`, so a shop's own `#causette-root { --causette-accent: … }`
 * wins over them: the page's rules beat a shadow root's `:host` rules), the corner, and light or dark.
 */

/** Black or white, whichever contrasts more with `hex` (#rrggbb): at least 4.58:1 whatever the colour (WCAG AA). */
export function textOn(hex: string): '#000' | '#fff' {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const y = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  // Contrast with black (y+.05)/.05 against contrast with white 1.05/(y+.05).
  return (y + 0.05) ** 2 > 0.0525 ? '#000' : '#fff';
}

/** The host's custom properties for a site: what the widget's CSS (styles.ts, Panel/styles.ts) draws with. */
export const hostCss = ({ color }: SiteSettings) => `:host{--causette-accent:${color};--causette-accent-text:${textOn(color)}}`;

/**
 * The root's classes: `pl`/`pr` put the launcher, teaser and panel in the bottom left or right corner (no class:
 * the end of the reading direction, so right-to-left pages get the left); `dd` dark, `dl` light, `da` the page's
 * `prefers-color-scheme`.
 */
export const themeClass = ({ position, darkMode }: SiteSettings) =>
  `w d${(darkMode || 'a')[0]}${position ? ' p' + position[0] : ''}`;

// Every `data-part` (what the tests and the docs name) is also a `part`, so a shop styles it with
// `#causette-root::part(launcher)` from its own stylesheet; one hook rather than two attributes on every element.
const next = options.vnode;
options.vnode = (vnode) => {
  const props = vnode.props as Record<string, unknown>;
  if (typeof vnode.type == 'string' && props['data-part']) props.part = props['data-part'];
  next?.(vnode);
};
