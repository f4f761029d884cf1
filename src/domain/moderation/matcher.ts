import { isAlphabeticWordChar, normalizeText, normalizeWord, type NormalizedText } from './normalize';

/**
 * Aho-Corasick multi-pattern matcher over normalised code points (see normalize.ts). Compiling costs
 * O(total word length); matching costs O(message length + hits), independent of the number of words.
 *
 * Match rules (documented in docs/architecture.md, "Moderation and monitoring"):
 * - Case-insensitive, NFKC (full-width/half-width), whitespace and zero-width characters ignored
 *   anywhere inside the message, so "b a d", "ＢＡＤ" and "Bad" all match the word "bad".
 * - Words are found as substrings of the normalised message: CJK (and any other script without spaces)
 *   matches anywhere, e.g. "坏词" inside "这是坏词吧".
 * - With `wholeWords` (default on), a word that begins (ends) with a Latin/Greek/Cyrillic/… letter or a
 *   digit does not match when the ORIGINAL character right before (after) the match is also such a letter
 *   or digit: "ass" does not hit "class" or "passage", but hits "ass", "a s s", "ASS!" and "驴ass".
 * - Overlapping and nested words are all reported ("he", "she", "hers" in "ushers").
 */

export interface MatchHit {
  /** Index of the word in the compiled list. */
  word: number;
  /** First ORIGINAL code point of the match (inclusive). */
  start: number;
  /** Last ORIGINAL code point of the match (exclusive). */
  end: number;
}

export interface MatchResult {
  hits: MatchHit[];
  text: NormalizedText;
}

const PLANE = 0x110000;

export class WordMatcher {
  private constructor(
    /** The words as given (display form), by index. */
    readonly words: readonly string[],
    private readonly edges: Map<number, number>,
    private readonly fail: Int32Array,
    /** Word index ending at this state, or -1. */
    private readonly terminal: Int32Array,
    /** Nearest state on the failure chain (excluding self) that ends a word, or -1. */
    private readonly dict: Int32Array,
    private readonly lengths: Int32Array,
    private readonly alphaStart: Uint8Array,
    private readonly alphaEnd: Uint8Array,
  ) {}

  get size(): number {
    return this.words.length;
  }

  /** Compiles a word list. Words that normalise to nothing are ignored; duplicates after normalisation keep the first. */
  static compile(words: readonly string[]): WordMatcher {
    const edges = new Map<number, number>();
    const children: number[][] = [[]];
    const terminalList: number[] = [-1];
    const lengths = new Int32Array(words.length);
    const alphaStart = new Uint8Array(words.length);
    const alphaEnd = new Uint8Array(words.length);
    words.forEach((word, index) => {
      const cps = Array.from(normalizeWord(word), (c) => c.codePointAt(0)!);
      if (!cps.length) return;
      lengths[index] = cps.length;
      alphaStart[index] = isAlphabeticWordChar(String.fromCodePoint(cps[0])) ? 1 : 0;
      alphaEnd[index] = isAlphabeticWordChar(String.fromCodePoint(cps[cps.length - 1])) ? 1 : 0;
      let state = 0;
      for (const cp of cps) {
        const key = state * PLANE + cp;
        let next = edges.get(key);
        if (next === undefined) {
          next = terminalList.length;
          terminalList.push(-1);
          children.push([]);
          edges.set(key, next);
          children[state].push(cp, next);
        }
        state = next;
      }
      if (terminalList[state] === -1) terminalList[state] = index;
    });

    const count = terminalList.length;
    const fail = new Int32Array(count);
    const dict = new Int32Array(count).fill(-1);
    const terminal = Int32Array.from(terminalList);
    // Breadth-first: a state's failure link points to the longest proper suffix that is also a prefix.
    const queue: number[] = [];
    for (let i = 0; i < children[0].length; i += 2) queue.push(children[0][i + 1]);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const list = children[state];
      for (let i = 0; i < list.length; i += 2) {
        const cp = list[i];
        const child = list[i + 1];
        let f = fail[state];
        let target = edges.get(f * PLANE + cp);
        while (target === undefined && f !== 0) {
          f = fail[f];
          target = edges.get(f * PLANE + cp);
        }
        const link = target !== undefined && target !== child ? target : 0;
        fail[child] = link;
        dict[child] = terminal[link] !== -1 ? link : dict[link];
        queue.push(child);
      }
    }
    return new WordMatcher(words, edges, fail, terminal, dict, lengths, alphaStart, alphaEnd);
  }

  /** Every occurrence of every word in `input` (overlapping ones included), in order of their end. */
  match(input: string, options: { wholeWords?: boolean } = {}): MatchResult {
    const text = normalizeText(input);
    const hits: MatchHit[] = [];
    if (!this.words.length) return { hits, text };
    const wholeWords = options.wholeWords ?? true;
    const { chars, origin, source } = text;
    const { edges, fail, terminal, dict } = this;
    let state = 0;
    for (let i = 0; i < chars.length; i++) {
      const cp = chars[i];
      let next = edges.get(state * PLANE + cp);
      while (next === undefined && state !== 0) {
        state = fail[state];
        next = edges.get(state * PLANE + cp);
      }
      state = next ?? 0;
      for (let s = terminal[state] !== -1 ? state : dict[state]; s !== -1; s = dict[s]) {
        const word = terminal[s];
        const from = i - this.lengths[word] + 1;
        if (wholeWords && !this.boundaryOk(word, from, i, text)) continue;
        hits.push({ word, start: origin[from], end: origin[i] + 1 });
      }
    }
    void source;
    return { hits, text };
  }

  private boundaryOk(word: number, from: number, to: number, { chars, origin, source }: NormalizedText): boolean {
    if (this.alphaStart[word]) {
      // Inside one original character (e.g. a ligature) the neighbour is the previous normalised char.
      const before = from > 0 && origin[from - 1] === origin[from] ? String.fromCodePoint(chars[from - 1]) : source[origin[from] - 1];
      if (isAlphabeticWordChar(before)) return false;
    }
    if (this.alphaEnd[word]) {
      const after = to + 1 < chars.length && origin[to + 1] === origin[to] ? String.fromCodePoint(chars[to + 1]) : source[origin[to] + 1];
      if (isAlphabeticWordChar(after)) return false;
    }
    return true;
  }
}

/**
 * Replaces every matched character of the ORIGINAL text with one `*` per character (code point);
 * whitespace inside a match is kept, so "b a d" becomes "* * *" and positions stay where they were.
 */
export function maskText(result: MatchResult): string {
  const { source } = result.text;
  if (!result.hits.length) return source.join('');
  const masked = new Uint8Array(source.length);
  for (const hit of result.hits) masked.fill(1, hit.start, hit.end);
  let out = '';
  for (let i = 0; i < source.length; i++) out += masked[i] && !/\s/u.test(source[i]) ? '*' : source[i];
  return out;
}

/** The distinct words hit, in order of first occurrence. */
export function hitWords(matcher: WordMatcher, result: MatchResult): string[] {
  return [...new Set(result.hits.map((h) => matcher.words[h.word]))];
}
