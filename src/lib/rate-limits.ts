import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from './errors';
import type { Env } from './env';

/**
 * Abuse limits (docs/security.md), counted in Redis with rate-limiter-flexible so they hold across every
 * web and realtime node. A refusal is an AppError `rate_limited` carrying the seconds until a retry
 * (socket ack `rate_limited`, HTTP 429 + Retry-After).
 */
export interface RateLimitConfig {
  signInFreeAttempts: number;
  signInDelayBaseSeconds: number;
  signInMaxFailures: number;
  signInLockoutSeconds: number;
  signInIpFailuresPer15Min: number;
  signUpPerIpPerHour: number;
  visitorHandshakesPerIpPerMinute: number;
  /** New visitors per widget key (a handshake with a valid token of that workspace is not counted). */
  visitorHandshakesPerKeyPerMinute: number;
  /** Visitor handshakes one realtime node admits per second (reconnect storms are spread, not refused for good). */
  visitorAdmissionsPerSecondPerNode: number;
  messagesPer10s: number;
  typingPer10s: number;
  submissionsPerHour: number;
  adminApiPerMinute: number;
  /** Public API (F16): requests per token and per workspace (all its tokens together). */
  apiTokenPerMinute: number;
  apiWorkspacePerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  signInFreeAttempts: 3,
  signInDelayBaseSeconds: 2,
  signInMaxFailures: 10,
  signInLockoutSeconds: 900,
  signInIpFailuresPer15Min: 100,
  signUpPerIpPerHour: 10,
  visitorHandshakesPerIpPerMinute: 60,
  visitorHandshakesPerKeyPerMinute: 3000,
  visitorAdmissionsPerSecondPerNode: 500,
  messagesPer10s: 20,
  typingPer10s: 40,
  submissionsPerHour: 5,
  adminApiPerMinute: 300,
  apiTokenPerMinute: 600,
  apiWorkspacePerMinute: 3000,
};

export function rateLimitsFromEnv(e: Env): RateLimitConfig {
  return {
    signInFreeAttempts: e.RL_SIGNIN_FREE_ATTEMPTS,
    signInDelayBaseSeconds: e.RL_SIGNIN_DELAY_BASE_SECONDS,
    signInMaxFailures: e.RL_SIGNIN_MAX_FAILURES,
    signInLockoutSeconds: e.RL_SIGNIN_LOCKOUT_SECONDS,
    signInIpFailuresPer15Min: e.RL_SIGNIN_IP_FAILURES_PER_15MIN,
    signUpPerIpPerHour: e.RL_SIGNUP_PER_IP_PER_HOUR,
    visitorHandshakesPerIpPerMinute: e.RL_VISITOR_HANDSHAKES_PER_IP_PER_MINUTE,
    visitorHandshakesPerKeyPerMinute: e.RL_VISITOR_HANDSHAKES_PER_KEY_PER_MINUTE,
    visitorAdmissionsPerSecondPerNode: e.RL_VISITOR_ADMISSIONS_PER_SECOND_PER_NODE,
    messagesPer10s: e.RL_MESSAGES_PER_10S,
    typingPer10s: e.RL_TYPING_PER_10S,
    submissionsPerHour: e.RL_SUBMISSIONS_PER_HOUR,
    adminApiPerMinute: e.RL_ADMIN_API_PER_MINUTE,
    apiTokenPerMinute: e.RL_API_TOKEN_PER_MINUTE,
    apiWorkspacePerMinute: e.RL_API_WORKSPACE_PER_MINUTE,
  };
}

/** Fixed-window buckets: points per duration (seconds), and the human wording of a refusal. */
const BUCKETS = {
  signup_ip: (c: RateLimitConfig) => ({ points: c.signUpPerIpPerHour, duration: 3600, what: 'Too many workspaces were created from your network' }),
  handshake_ip: (c: RateLimitConfig) => ({ points: c.visitorHandshakesPerIpPerMinute, duration: 60, what: 'Too many connections from your network' }),
  handshake_key: (c: RateLimitConfig) => ({ points: c.visitorHandshakesPerKeyPerMinute, duration: 60, what: 'This chat is very busy' }),
  message: (c: RateLimitConfig) => ({ points: c.messagesPer10s, duration: 10, what: 'You are sending messages too fast' }),
  typing: (c: RateLimitConfig) => ({ points: c.typingPer10s, duration: 10, what: 'Too many typing notifications' }),
  submission: (c: RateLimitConfig) => ({ points: c.submissionsPerHour, duration: 3600, what: 'You have sent too many messages for now' }),
  admin: (c: RateLimitConfig) => ({ points: c.adminApiPerMinute, duration: 60, what: 'Too many requests' }),
  api_token: (c: RateLimitConfig) => ({ points: c.apiTokenPerMinute, duration: 60, what: 'Too many requests with this API token' }),
  api_workspace: (c: RateLimitConfig) => ({ points: c.apiWorkspacePerMinute, duration: 60, what: 'Too many API requests for this workspace' }),
} as const;
export type RateBucket = keyof typeof BUCKETS;

/** What is left of a fixed window: the figures of the `RateLimit-*` headers. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
  windowSeconds: number;
}

export function retryWording(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function refusal(what: string, ms: number): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new AppError('rate_limited', `${what}. Please try again in ${retryWording(seconds)}.`, { retryAfterSeconds: seconds }, seconds);
}

export class RateLimits {
  private readonly limiters = new Map<RateBucket, RateLimiterRedis>();
  private readonly localLimiters = new Map<RateBucket, RateLimiterMemory>();
  private readonly signInFailures: RateLimiterRedis;
  private readonly signInDelay: RateLimiterRedis;
  private readonly signInIp: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly config: RateLimitConfig = DEFAULT_RATE_LIMITS,
  ) {
    const c = config;
    this.signInFailures = this.limiter('signin_fail', c.signInMaxFailures, c.signInLockoutSeconds);
    this.signInDelay = this.limiter('signin_delay', 1, 1);
    this.signInIp = this.limiter('signin_ip', c.signInIpFailuresPer15Min, 900);
  }

  private limiter(name: string, points: number, duration: number): RateLimiterRedis {
    return new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `${this.prefix}:rl:${name}`, points, duration });
  }

  /**
   * A bucket's fixed window as stored in Redis (same key and counting as `hit`), for callers that count it
   * inside their own script: the visitor handshake's one round trip (realtime/handshake-round-trip.ts).
   */
  window(bucket: RateBucket): { key: (key: string) => string; points: number; duration: number; refusal: (msBeforeNext: number) => AppError } {
    const spec = BUCKETS[bucket](this.config);
    return { key: (key) => `${this.prefix}:rl:${bucket}:${key}`, points: spec.points, duration: spec.duration, refusal: (ms) => refusal(spec.what, ms) };
  }

  /** Counts one event against `bucket` for `key`; throws `rate_limited` once the window is used up. */
  async hit(bucket: RateBucket, key: string): Promise<void> {
    let limiter = this.limiters.get(bucket);
    if (!limiter) {
      const { points, duration } = BUCKETS[bucket](this.config);
      this.limiters.set(bucket, (limiter = this.limiter(bucket, points, duration)));
    }
    await this.consume(limiter, bucket, key);
  }

  /**
   * Like `hit`, and tells what is left of the window (public API `RateLimit-*` headers). A refusal carries
   * the same figures in its details (`limit`, `remaining: 0`, `resetSeconds`).
   */
  async take(bucket: RateBucket, key: string): Promise<RateLimitState> {
    let limiter = this.limiters.get(bucket);
    const { points, duration, what } = BUCKETS[bucket](this.config);
    if (!limiter) this.limiters.set(bucket, (limiter = this.limiter(bucket, points, duration)));
    try {
      const res = await limiter.consume(key);
      return { limit: points, remaining: Math.max(0, res.remainingPoints), resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), windowSeconds: duration };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const refused = refusal(what, error.msBeforeNext);
      const state: RateLimitState = { limit: points, remaining: 0, resetSeconds: refused.retryAfterSeconds ?? 1, windowSeconds: duration };
      throw new AppError('rate_limited', refused.message, { ...state, retryAfterSeconds: state.resetSeconds }, state.resetSeconds);
    }
  }

  /**
   * Like `hit`, counted in this process: for keys that only ever occur on one node (a socket id), where a
   * shared count would give the same answer for a Redis round trip per event (the message hot path).
   */
  async hitLocal(bucket: RateBucket, key: string): Promise<void> {
    let limiter = this.localLimiters.get(bucket);
    if (!limiter) {
      const { points, duration } = BUCKETS[bucket](this.config);
      this.localLimiters.set(bucket, (limiter = new RateLimiterMemory({ points, duration })));
    }
    await this.consume(limiter, bucket, key);
  }

  private async consume(limiter: RateLimiterAbstract, bucket: RateBucket, key: string): Promise<void> {
    const spec = BUCKETS[bucket](this.config);
    try {
      await limiter.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw refusal(spec.what, error.msBeforeNext);
      throw error;
    }
  }

  /**
   * Before checking a password: refused while the account is locked (too many failures), while the
   * progressive delay after the last failure runs, or when the IP has failed too often.
   */
  async assertSignInAllowed(email: string, ip: string): Promise<void> {
    const account = email.trim().toLowerCase();
    const [failures, delay, byIp] = await Promise.all([this.signInFailures.get(account), this.signInDelay.get(account), this.signInIp.get(ip)]);
    if (failures && failures.consumedPoints >= this.config.signInMaxFailures) {
      const seconds = Math.max(1, Math.ceil(failures.msBeforeNext / 1000));
      throw new AppError('rate_limited', `This account is locked after too many failed sign-ins. Try again in ${retryWording(seconds)}.`, { retryAfterSeconds: seconds, locked: true }, seconds);
    }
    if (delay && delay.consumedPoints > 1) throw refusal('Too many failed sign-ins. Wait a moment', delay.msBeforeNext);
    if (byIp && byIp.consumedPoints >= this.config.signInIpFailuresPer15Min) throw refusal('Too many failed sign-ins from your network', byIp.msBeforeNext);
  }

  /** A wrong password: counts the failure; past the free attempts each failure doubles the wait; at the maximum the account locks. */
  async recordSignInFailure(email: string, ip: string): Promise<void> {
    const account = email.trim().toLowerCase();
    const c = this.config;
    const [res] = await Promise.all([this.signInFailures.penalty(account), this.signInIp.penalty(ip)]);
    const n = res.consumedPoints;
    if (n >= c.signInMaxFailures) await this.signInFailures.block(account, c.signInLockoutSeconds);
    else if (n > c.signInFreeAttempts) await this.signInDelay.block(account, Math.min(300, c.signInDelayBaseSeconds * 2 ** (n - c.signInFreeAttempts - 1)));
  }

  async recordSignInSuccess(email: string): Promise<void> {
    const account = email.trim().toLowerCase();
    await Promise.all([this.signInFailures.delete(account), this.signInDelay.delete(account)]);
  }
}
