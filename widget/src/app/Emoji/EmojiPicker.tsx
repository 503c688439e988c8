import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { dir, t } from '../../i18n';
import '../../i18n/features';
import { COLUMNS, EMOJI } from './emoji';

/**
 * The emoji grid, a chunk of its own (fetched on the first click of the composer's emoji button). A category
 * row, then an ARIA grid with one tab stop: arrow keys move, Home and End go to the row's ends, Enter or Space
 * inserts, Escape closes (the button takes the focus back).
 */
export function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  const [group, setGroup] = useState(0);
  const [at, setAt] = useState(0);
  const grid = useRef<HTMLDivElement>(null);
  const list = EMOJI[group]!.list;
  useLayoutEffect(() => {
    // Into the grid as soon as it is in the page (before any key can reach the panel behind), and on a change of
    // category. Arrow keys move the focus themselves, at once: an effect left over from an earlier key could
    // otherwise pull the focus back under a fast typist.
    grid.current!.querySelector<HTMLElement>(`[data-i="${at}"]`)?.focus();
  }, [group]);
  const rows: string[][] = [];
  for (let i = 0; i < list.length; i += COLUMNS) rows.push(list.slice(i, i + COLUMNS) as string[]);
  const key = (e: KeyboardEvent) => {
    const last = list.length - 1;
    // From the cell that has the focus: keys may come faster than renders.
    const from = Number((e.target as HTMLElement).dataset.i ?? at);
    const row = from - (from % COLUMNS);
    // Right to left, the arrow keys follow what the eye sees: right is the previous cell.
    const step = dir() === 'rtl' ? -1 : 1;
    const next =
      e.key === 'ArrowRight' ? from + step
      : e.key === 'ArrowLeft' ? from - step
      : e.key === 'ArrowDown' ? from + COLUMNS
      : e.key === 'ArrowUp' ? from - COLUMNS
      : e.key === 'Home' ? row
      : e.key === 'End' ? Math.min(row + COLUMNS - 1, last)
      : -2;
    if (next === -2) return;
    e.preventDefault();
    const to = Math.max(0, Math.min(last, next));
    grid.current!.querySelector<HTMLElement>(`[data-i="${to}"]`)?.focus();
    setAt(to);
  };
  return (
    <div class="em" data-part="emoji-picker">
      <div class="eg" role="group" aria-label={t('emoji')}>
        {EMOJI.map((g, i) => (
          <button
            key={g.name}
            type="button"
            aria-pressed={i === group}
            title={t(g.name)}
            aria-label={t(g.name)}
            onClick={() => {
              setGroup(i);
              setAt(0);
            }}
          >
            {g.list[0]}
          </button>
        ))}
      </div>
      <div ref={grid} role="grid" aria-label={t(EMOJI[group]!.name)} data-part="emoji-grid" onKeyDown={key}>
        {rows.map((cells, r) => (
          <div role="row" key={r}>
            {cells.map((emoji, c) => {
              const i = r * COLUMNS + c;
              return (
                <span role="gridcell" key={i}>
                  <button type="button" data-i={i} data-part="emoji" tabIndex={i === at ? 0 : -1} onClick={() => onPick(emoji)}>
                    {emoji}
                  </button>
                </span>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
