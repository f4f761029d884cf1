/**
 * Turning what a person typed into a search: words for full-text search (prefix match on the last word,
 * so results come while typing), or a plain substring for scripts written without spaces (CJK, Thai),
 * which the trigram index serves. Pure functions: no database here.
 */

/** Scripts whose text has no spaces between words: the full-text parser sees one "word" per sentence. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

export type TextQuery = { kind: 'words'; terms: string[]; tsquery: string } | { kind: 'substring'; terms: string[]; pattern: string };

export function parseQuery(raw: string): TextQuery | null {
  const text = raw.normalize('NFKC').trim();
  if (!text) return null;
  if (UNSPACED.test(text)) {
    const needle = text.replace(/\s+/g, ' ').slice(0, 100);
    return { kind: 'substring', terms: [needle], pattern: `%${escapeLike(needle)}%` };
  }
  // Letters and digits only: nothing the user types can become a tsquery operator.
  const terms = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8))];
  if (!terms.length) return null;
  const tsquery = terms.map((t, i) => (i === terms.length - 1 ? `'${t}':*` : `'${t}'`)).join(' & ');
  return { kind: 'words', terms, tsquery };
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface Snippet {
  text: string;
  /** [start, end) character ranges of `text` to highlight. */
  highlights: [number, number][];
}

/**
 * A window of the message around its first match, with every match of every term marked. Words match as
 * a prefix of a word (like the search itself); substrings anywhere.
 */
export function snippet(body: string, query: TextQuery, radius = 70): Snippet {
  const lower = body.toLowerCase();
  const ranges: [number, number][] = [];
  for (const term of query.terms) {
    const needle = term.toLowerCase();
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
      const wordStart = at === 0 || !/[\p{L}\p{N}]/u.test(lower[at - 1]);
      if (query.kind === 'substring' || wordStart) ranges.push([at, at + needle.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const first = ranges[0]?.[0] ?? 0;
  const start = Math.max(0, first - radius);
  const end = Math.min(body.length, Math.max(first + radius, start + radius * 2));
  const prefix = start > 0 ? '…' : '';
  const text = `${prefix}${body.slice(start, end)}${end < body.length ? '…' : ''}`;
  const shift = prefix.length - start;
  const highlights = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s + shift, e + shift] as [number, number])
    .filter((r, i, all) => i === 0 || r[0] >= all[i - 1][1]);
  return { text, highlights };
}
