/**
 * Retry schedule of webhook deliveries: 8 attempts; after failed attempt n (1..7) wait
 * base * 2^(n-1), with ±20% jitter. With the default base of 30 s: 30 s, 1, 2, 4, 8, 16, 32 min
 * (≈ 63 min from the first to the last attempt).
 */
export const MAX_ATTEMPTS = 8;
export const DEFAULT_RETRY_BASE_MS = 30_000;
const JITTER = 0.2;

/** Delay before the next attempt after `attemptsMade` failed attempts; null when no attempt is left. */
export function retryDelayMs(attemptsMade: number, baseMs = DEFAULT_RETRY_BASE_MS, random: () => number = Math.random): number | null {
  if (attemptsMade < 1 || attemptsMade >= MAX_ATTEMPTS) return null;
  const nominal = baseMs * 2 ** (attemptsMade - 1);
  return Math.round(nominal * (1 - JITTER + 2 * JITTER * random()));
}

/** The nominal (jitter-free) schedule, for documentation and tests. */
export function nominalSchedule(baseMs = DEFAULT_RETRY_BASE_MS): number[] {
  return Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => baseMs * 2 ** i);
}

/** 5xx, 429 and network errors/timeouts are retried; other answers (2xx excepted) are final. */
export function isRetryable(result: { statusCode: number | null }): boolean {
  if (result.statusCode === null) return true;
  return result.statusCode === 429 || result.statusCode >= 500;
}
