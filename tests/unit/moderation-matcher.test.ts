import { describe, expect, it } from 'vitest';
import { hitWords, maskText, WordMatcher } from '@/domain/moderation/matcher';
import { normalizeWord } from '@/domain/moderation/normalize';
import { parseWordImport, wordsToCsv } from '@/domain/moderation/service';

const screen = (words: string[], text: string, wholeWords = true) => {
  const matcher = WordMatcher.compile(words);
  const result = matcher.match(text, { wholeWords });
  return { words: hitWords(matcher, result), masked: maskText(result), hits: result.hits };
};

describe('normalizeWord', () => {
  it('lower-cases, folds full-width/half-width (NFKC) and drops inner spaces and zero-width characters', () => {
    expect(normalizeWord('Bad Word')).toBe('badword');
    expect(normalizeWord('ＢＡＤ　ｗｏｒｄ')).toBe('badword');
    expect(normalizeWord('b\u200Ba\u00ADd')).toBe('bad');
    expect(normalizeWord('ｶﾀｶﾅ')).toBe('カタカナ');
    expect(normalizeWord('   ')).toBe('');
  });
});

describe('WordMatcher', () => {
  it('matches case-insensitively', () => {
    expect(screen(['scam'], 'This is a SCAM, a Scam!').words).toEqual(['scam']);
    expect(screen(['scam'], 'This is a SCAM, a Scam!').masked).toBe('This is a ****, a ****!');
  });

  it('matches full-width and half-width forms both ways', () => {
    expect(screen(['scam'], 'ｓｃａｍ artist').masked).toBe('**** artist');
    expect(screen(['ＳＣＡＭ'], 'scam').words).toEqual(['ＳＣＡＭ']);
    expect(screen(['ｶﾀｶﾅ'], 'これはカタカナです').masked).toBe('これは****です');
  });

  it('ignores inner spaces in the message and in the word', () => {
    expect(screen(['scam'], 'what a s c a m').masked).toBe('what a * * * *');
    expect(screen(['bad word'], 'a badword here').masked).toBe('a ******* here');
    expect(screen(['bad word'], 'a BAD   WORD here').masked).toBe('a ***   **** here');
    expect(screen(['scam'], 's\u200Bcam').masked).toBe('*****'); // the invisible character is masked too
  });

  it('works for CJK text without word boundaries', () => {
    expect(screen(['坏词', '骗子'], '你这个骗子，说坏词').masked).toBe('你这个**，说**');
    expect(screen(['骗 子'], '骗　子').words).toEqual(['骗 子']);
    expect(screen(['욕설'], '이건 욕설이다').masked).toBe('이건 **이다');
  });

  it('matches Latin words as whole words only (option), anything else anywhere', () => {
    expect(screen(['ass'], 'a class in passage').words).toEqual([]);
    expect(screen(['ass'], 'a class in passage', false).words).toEqual(['ass']);
    expect(screen(['ass'], 'you ass!').masked).toBe('you ***!');
    expect(screen(['ass'], '驴ass').masked).toBe('驴***');
    // Spaced-out letters are still found (the neighbours in the ORIGINAL text are spaces).
    expect(screen(['ass'], 'a s s').masked).toBe('* * *');
  });

  it('reports overlapping and nested words; the mask covers their union', () => {
    const r = screen(['he', 'she', 'hers', 'his'], 'ushers', false);
    expect(r.words.sort()).toEqual(['he', 'hers', 'she']);
    expect(r.masked).toBe('u*****');
    const cjk = screen(['中国', '中国人', '国人'], '我是中国人');
    expect(cjk.words.sort()).toEqual(['中国', '中国人', '国人'].sort());
    expect(cjk.masked).toBe('我是***');
  });

  it('keeps positions and length of the ORIGINAL text (one * per character, also for expansions)', () => {
    const text = 'Ａ😀 ＳＣＡＭ 😀 ㎏';
    const r = screen(['scam', 'kg'], text, false);
    expect(r.masked).toBe('Ａ😀 **** 😀 *');
    expect(Array.from(r.masked)).toHaveLength(Array.from(text).length);
    expect(r.hits[0]).toMatchObject({ start: 3, end: 7 });
  });

  it('handles an empty list, empty words and repeated words', () => {
    expect(screen([], 'anything').masked).toBe('anything');
    expect(screen(['', '  ', 'x'], 'y').words).toEqual([]);
    expect(screen(['Scam', 'scam'], 'scam').words).toEqual(['Scam']);
  });

  it('scales with the message, not the list', () => {
    const words = Array.from({ length: 10_000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`);
    const matcher = WordMatcher.compile(words);
    const text = `hello ${words[1234]} and ${words[9999]} `.padEnd(1024, 'lorem ipsum ');
    expect(hitWords(matcher, matcher.match(text))).toEqual([words[1234], words[9999]]);
  });
});

describe('import and export', () => {
  it('parses one word per line and CSV (first column, quotes, header)', () => {
    expect(parseWordImport('foo\r\n\n  bar baz \n')).toEqual(['foo', 'bar baz']);
    expect(parseWordImport('word,list,created_at\nfoo,customer,2026\n"a, b",agent\n"say ""hi""",x')).toEqual(['foo', 'a, b', 'say "hi"']);
  });

  it('exports CSV that imports back to the same words', () => {
    const words = ['plain', 'with, comma', 'quote "q"', '=formula', '坏词'].map((word, i) => ({ id: String(i), side: 'customer' as const, word, createdAt: 't', updatedAt: 't' }));
    expect(parseWordImport(wordsToCsv(words))).toEqual(words.map((w) => w.word));
  });
});
