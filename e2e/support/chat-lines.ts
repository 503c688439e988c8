/** What a person reads in a chat, as data: who wrote it, its server order (`seq`), and the text. */
export interface ChatLine {
  author: string;
  /** null while the server has not acknowledged the message. */
  seq: number | null;
  text: string;
}

/** Runs in the page: reads message elements into ChatLines. Self-contained, as it is serialised. */
export function readLines(elements: Element[], bodySelector: string): ChatLine[] {
  return elements.map((el) => {
    const seqAttr = el.getAttribute('data-seq');
    const seq = seqAttr === null || seqAttr === '' ? null : Number(seqAttr);
    const body = el.querySelector(bodySelector);
    return {
      author: el.getAttribute('data-author') ?? '',
      seq: seq !== null && Number.isFinite(seq) ? seq : null,
      text: (body?.textContent ?? '').trim(),
    };
  });
}

/** The conversation proper: stored messages between the visitor and agents (no system lines, nothing pending). */
export function dialogue(lines: ChatLine[]): ChatLine[] {
  return lines.filter((l) => (l.author === 'visitor' || l.author === 'agent') && l.seq !== null);
}

export function asPairs(lines: ChatLine[]): Array<[string, string]> {
  return lines.map((l) => [l.author, l.text]);
}

/** Throws unless seqs strictly increase in display order: the order shown is the server's order. */
export function assertSeqAscending(who: string, lines: ChatLine[]): void {
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!.seq;
    const cur = lines[i]!.seq;
    if (prev === null || cur === null || cur <= prev) {
      throw new Error(`${who}: messages are not shown in strictly increasing seq order: ${JSON.stringify(lines)}`);
    }
  }
}

/** Throws unless each text appears exactly once among all the lines shown (pending ones included). */
export function assertEachOnce(who: string, lines: ChatLine[], texts: string[]): void {
  for (const text of texts) {
    const n = lines.filter((l) => l.text === text).length;
    if (n !== 1) throw new Error(`${who}: "${text}" is shown ${n} times, expected exactly once. Lines: ${JSON.stringify(lines)}`);
  }
}
