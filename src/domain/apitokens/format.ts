import { createHash, randomInt } from 'node:crypto';

/**
 * The API token format (F16): `lc_live_` + 30 base62 random characters + a 6-character base62 CRC32 checksum
 * of the random part, 44 characters in all. Secret scanners match it with
 * `\blc_live_[0-9A-Za-z]{36}\b` and can confirm a hit offline with the checksum (the way GitHub's `ghp_`
 * tokens work). Only the SHA-256 of a token is stored.
 */
export const TOKEN_PREFIX = 'lc_live_';
export const TOKEN_REGEX = /^lc_live_[0-9A-Za-z]{36}$/;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_CHARS = 30; // 30 × log2(62) ≈ 178 bits
const CHECKSUM_CHARS = 6;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(n: number, width: number): string {
  let out = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = ALPHABET[v % 62] + out;
  return out.padStart(width, '0');
}

export function checksumOf(random: string): string {
  return base62(crc32(random), CHECKSUM_CHARS);
}

export function generateToken(): string {
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i++) random += ALPHABET[randomInt(62)];
  return `${TOKEN_PREFIX}${random}${checksumOf(random)}`;
}

/** Well-formed and with a matching checksum (a typo or a truncated paste is refused without a lookup). */
export function isWellFormedToken(token: string): boolean {
  if (!TOKEN_REGEX.test(token)) return false;
  const body = token.slice(TOKEN_PREFIX.length);
  return checksumOf(body.slice(0, RANDOM_CHARS)) === body.slice(RANDOM_CHARS);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What the list shows: the prefix and the first 4 random characters. */
export function displayPrefixOf(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 4);
}
