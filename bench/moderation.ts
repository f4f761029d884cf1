/**
 * Moderation scenario: the sensitive-word matcher (src/domain/moderation/matcher.ts) screening 1 KB
 * messages against a 10,000-word list (Latin and CJK words), in process, no I/O. Reports the compile time
 * and the per-message screening time (normalise + Aho-Corasick + mask), and the same messages against a
 * 100-word list: the cost depends on the message, not on the list.
 *
 *   npx tsx bench/moderation.ts        standalone (prints JSON)
 *   npm run bench -- --only=moderation from bench/run.ts (calls runModerationBench())
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { hitWords, maskText, WordMatcher } from '../src/domain/moderation/matcher';

const WORDS = 10_000;
const MESSAGES = 2_000;
const MESSAGE_BYTES = 1024;

/** Deterministic pseudo-random numbers (the run is reproducible). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const CJK = '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明社';

function makeWords(count: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    if (random() < 0.7) {
      const len = 4 + Math.floor(random() * 8);
      let w = '';
      for (let i = 0; i < len; i++) w += LATIN[Math.floor(random() * LATIN.length)];
      words.add(w);
    } else {
      const len = 2 + Math.floor(random() * 3);
      let w = '';
      for (let i = 0; i < len; i++) w += CJK[Math.floor(random() * CJK.length)];
      words.add(w);
    }
  }
  return [...words];
}

function makeMessage(random: () => number, words: string[]): string {
  let text = '';
  while (Buffer.byteLength(text) < MESSAGE_BYTES) {
    const r = random();
    if (r < 0.01) text += ` ${words[Math.floor(random() * words.length)].toUpperCase()} `; // an occasional hit
    else if (r < 0.8) text += `${'lorem ipsum dolor sit amet consectetur adipiscing elit'.split(' ')[Math.floor(random() * 8)]} `;
    else text += CJK[Math.floor(random() * CJK.length)];
  }
  return Buffer.from(text).subarray(0, MESSAGE_BYTES).toString().replace(/\uFFFD+$/, '');
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function timeMessages(matcher: WordMatcher, messages: string[]) {
  let hits = 0;
  // Warm-up (JIT, per-character normalisation cache).
  for (const m of messages.slice(0, 200)) maskText(matcher.match(m));
  const samples: number[] = [];
  const start = performance.now();
  for (const m of messages) {
    const t = performance.now();
    const result = matcher.match(m);
    if (result.hits.length) {
      hits += hitWords(matcher, result).length;
      maskText(result);
    }
    samples.push((performance.now() - t) * 1000);
  }
  const totalMs = performance.now() - start;
  samples.sort((a, b) => a - b);
  const us = (v: number) => Math.round(v * 10) / 10;
  return {
    messages: messages.length,
    meanUs: us((totalMs * 1000) / messages.length),
    p50Us: us(percentile(samples, 0.5)),
    p95Us: us(percentile(samples, 0.95)),
    p99Us: us(percentile(samples, 0.99)),
    maxUs: us(samples[samples.length - 1]),
    messagesPerSecond: Math.round(messages.length / (totalMs / 1000)),
    wordsHit: hits,
  };
}

export async function runModerationBench(): Promise<Record<string, unknown>> {
  const random = rng(42);
  const words = makeWords(WORDS, random);
  const t = performance.now();
  const big = WordMatcher.compile(words);
  const compileMs = Math.round((performance.now() - t) * 10) / 10;
  const small = WordMatcher.compile(words.slice(0, 100));
  const messages = Array.from({ length: MESSAGES }, () => makeMessage(random, words));
  const tenThousand = timeMessages(big, messages);
  const hundred = timeMessages(small, messages);
  return {
    words: WORDS,
    messageBytes: MESSAGE_BYTES,
    compileMs,
    perMessage: tenThousand,
    perMessageWith100Words: hundred,
    // ~1 means the list size does not matter.
    ratio10kTo100: Math.round((tenThousand.meanUs / hundred.meanUs) * 100) / 100,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runModerationBench().then(
    (r) => console.log(JSON.stringify({ scenario: 'moderation', ...r }, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
