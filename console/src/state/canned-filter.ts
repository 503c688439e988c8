import type { CannedResponse } from '@causette/shared';

const SHORTCUT_QUERY = /^\/([a-z0-9_-]*)$/i;

/** The text after a leading `/` while the composer holds only a shortcut being typed, else null. */
export function cannedQuery(composerText: string): string | null {
  const match = SHORTCUT_QUERY.exec(composerText);
  return match ? match[1]!.toLowerCase() : null;
}

/** Shortcuts that start with the query come first, then those that merely contain it; alphabetical within. */
export function filterCanned(items: readonly CannedResponse[], query: string, limit = 8): CannedResponse[] {
  const q = query.toLowerCase();
  const prefix: CannedResponse[] = [];
  const contains: CannedResponse[] = [];
  for (const item of items) {
    const shortcut = item.shortcut.toLowerCase();
    if (shortcut.startsWith(q)) prefix.push(item);
    else if (shortcut.includes(q)) contains.push(item);
  }
  const byShortcut = (a: CannedResponse, b: CannedResponse) => a.shortcut.localeCompare(b.shortcut);
  return [...prefix.sort(byShortcut), ...contains.sort(byShortcut)].slice(0, limit);
}
