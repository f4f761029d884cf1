import { describe, expect, it } from 'vitest';
import { parseQuery, snippet } from '../../src/domain/search/query';
import { LinkSigner } from '../../src/domain/attachments/signing';
import { cleanName } from '../../src/domain/attachments/service';

describe('parseQuery', () => {
  it('turns words into an AND tsquery with a prefix on the last word, dropping operators', () => {
    expect(parseQuery('  Refund  policy ')).toEqual({ kind: 'words', terms: ['refund', 'policy'], tsquery: "'refund' & 'policy':*" });
    expect(parseQuery("refund & !parcel | (')")).toMatchObject({ tsquery: "'refund' & 'parcel':*" });
    expect(parseQuery('Ärger über Lieferung')?.terms).toEqual(['ärger', 'über', 'lieferung']);
    expect(parseQuery('   ')).toBeNull();
    expect(parseQuery('!!!')).toBeNull();
  });

  it('searches scripts without spaces as a substring, with LIKE wildcards escaped', () => {
    expect(parseQuery('営業時間')).toEqual({ kind: 'substring', terms: ['営業時間'], pattern: '%営業時間%' });
    expect(parseQuery('配送 100%_')).toMatchObject({ pattern: '%配送 100\\%\\_%' });
    expect(parseQuery('ภาษาไทย')?.kind).toBe('substring');
  });
});

describe('snippet', () => {
  it('marks every match of every term around the first one', () => {
    const body = `${'x'.repeat(200)} the refund of a refunded order`;
    const s = snippet(body, parseQuery('refund')!);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['refund', 'refund']);
  });

  it('marks only word starts for words, anywhere for substrings', () => {
    const words = snippet('prefund refund', parseQuery('refund')!);
    expect(words.highlights).toEqual([[8, 14]]);
    const cjk = snippet('東京タワーの営業時間と営業日', parseQuery('営業')!);
    expect(cjk.highlights.map(([a, b]) => cjk.text.slice(a, b))).toEqual(['営業', '営業']);
  });
});

describe('attachment links and names', () => {
  const signer = new LinkSigner('secret-secret-secret-secret-secret-00', 'https://chat.example/');
  const id = '6f1c1b8e-8a3b-4c47-9a55-2d7d3f0f9c11';
  const parts = (url: string) => {
    const u = new URL(url);
    return { variant: u.pathname.split('/')[4], e: u.searchParams.get('e'), s: u.searchParams.get('s') };
  };

  it('verifies its own links, refuses tampering and expiry', () => {
    const url = signer.url(id, 'file', 60);
    expect(url.startsWith(`https://chat.example/api/files/${id}/file?e=`)).toBe(true);
    const p = parts(url);
    expect(signer.check(id, p.variant, p.e, p.s)).toBe('ok');
    expect(signer.check(id, 'thumb', p.e, p.s)).toBe('invalid');
    expect(signer.check(id, p.variant, String(Number(p.e) + 3600), p.s)).toBe('invalid');
    expect(signer.check(id.replace('6', '7'), p.variant, p.e, p.s)).toBe('invalid');
    expect(signer.check(id, p.variant, p.e, p.s, Date.now() + 120_000)).toBe('expired');
    expect(new LinkSigner('another-secret-another-secret-000000', 'https://chat.example').check(id, p.variant, p.e, p.s)).toBe('invalid');
  });

  it('cleans uploaded names', () => {
    expect(cleanName('../../etc/passwd', 'text/plain')).toBe('passwd');
    expect(cleanName('C:\\Users\\me\\photo "1".jpg', 'image/jpeg')).toBe('photo 1.jpg');
    expect(cleanName('  ', 'image/png')).toBe('file.png');
  });
});
