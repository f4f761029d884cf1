/**
 * Text normalisation for sensitive-word matching (F6). Both the word lists and the messages go through the
 * same per-character mapping, so "equal after normalisation" is well defined:
 *
 * 1. The text is read by code point. Whitespace (`\s`, including the ideographic space U+3000) and invisible
 *    format characters (zero-width space/joiners, BOM, soft hyphen, word joiner) are dropped, so inner
 *    spacing never separates a word: "b a d", "b\u200Bad" and "bad" are the same.
 * 2. Every other code point is mapped with Unicode NFKC (full-width ↔ half-width: "ＢＡＤ" → "BAD",
 *    half-width katakana "ｶ" → "カ", ligatures "ﬁ" → "fi", circled/compat forms) and lower-cased.
 *    A code point may expand to several (e.g. "㎏" → "kg"); each output keeps a link to the code point it
 *    came from, so a match can be mapped back onto the ORIGINAL text.
 *
 * Limitation: the mapping is per code point, so a letter followed by a separate combining accent is not
 * composed with it ("e"+U+0301 ≠ "é"). Browsers send composed (NFC) text, which matches.
 */

const DROPPED = /[\s\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/u;

export interface NormalizedText {
  /** Normalised code points. */
  chars: number[];
  /** For each normalised code point, the index of the ORIGINAL code point it came from. */
  origin: number[];
  /** The original text split into code points. */
  source: string[];
}

const mapCache = new Map<number, number[]>();

/** NFKC + lower case of one code point, as code points (empty when dropped). Cached: the set of distinct characters is small. */
function mapCodePoint(cp: number, ch: string): number[] {
  // ASCII fast path: NFKC is the identity, only letters change case.
  if (cp < 0x80) {
    if (cp === 0x20 || (cp >= 0x09 && cp <= 0x0d)) return EMPTY;
    return [cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp];
  }
  let mapped = mapCache.get(cp);
  if (mapped) return mapped;
  if (DROPPED.test(ch)) mapped = EMPTY;
  else {
    mapped = [];
    for (const out of ch.normalize('NFKC').toLowerCase()) {
      if (!DROPPED.test(out)) mapped.push(out.codePointAt(0)!);
    }
  }
  if (mapCache.size < 100_000) mapCache.set(cp, mapped);
  return mapped;
}
const EMPTY: number[] = [];

export function normalizeText(text: string): NormalizedText {
  const chars: number[] = [];
  const origin: number[] = [];
  const source: string[] = [];
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    for (const out of mapCodePoint(cp, ch)) {
      chars.push(out);
      origin.push(index);
    }
    source.push(ch);
    index++;
  }
  return { chars, origin, source };
}

/** The matching form of a word list entry: normalised code points as a string ("" if nothing is left). */
export function normalizeWord(word: string): string {
  return String.fromCodePoint(...normalizeText(word).chars);
}

/** Letters and digits of scripts that separate words with spaces: words of these scripts match whole words only (see matcher). */
const ALPHABETIC = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Georgian}\p{Nd}]/u;

export function isAlphabeticWordChar(ch: string | undefined): boolean {
  if (!ch) return false;
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return ALPHABETIC.test(ch.normalize('NFKC'));
}
