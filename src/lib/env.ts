import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Every process reads its configuration here, validated once. Local defaults work out of the box;
 * production must set AUTH_SECRET explicitly.
 */
const booleanFromString = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/**
 * Group commit of chat messages (db/group-commit.ts): lanes in parallel, items per statement, and how long an
 * idle lane holds a message for others to join. Defaults chosen on the relay bench (docs/performance.md). Also
 * parsed on its own (`GroupCommitEnv.parse(process.env)`), so building a service never validates, or caches,
 * the rest of the environment.
 */
export const GroupCommitEnv = z.object({
  GROUP_COMMIT_LANES: z.coerce.number().int().min(1).max(64).default(4),
  GROUP_COMMIT_MAX_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
  GROUP_COMMIT_WAIT_MS: z.coerce.number().int().min(0).max(50).default(0),
});

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.string().url().default('postgres://postgres:postgres@127.0.0.1:5432/livechat'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** Namespaces every Redis key, pub/sub channel and BullMQ queue: lets tests and tenants of one Redis coexist. */
    REDIS_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]+$/).default('lc'),
    WEB_PORT: z.coerce.number().int().positive().default(3000),
    REALTIME_PORT: z.coerce.number().int().nonnegative().default(3001),
    /** URL browsers use to reach the web app and the realtime server. */
    PUBLIC_WEB_URL: z.string().url().default('http://localhost:3000'),
    PUBLIC_REALTIME_URL: z.string().url().default('http://localhost:3001'),
    AUTH_SECRET: z.string().min(32).optional(),
    /** Seconds an agent with no connected socket stays online before being marked offline. */
    PRESENCE_GRACE_SECONDS: z.coerce.number().int().nonnegative().default(30),
    /** Seconds a realtime node's heartbeat lives; a crashed node's agents expire after this. */
    NODE_HEARTBEAT_TTL_SECONDS: z.coerce.number().int().positive().default(15),
    /** Allow webhook targets on private/loopback addresses (tests and local development only). */
    WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanFromString,
    /** Base delay of the webhook retry schedule (8 attempts, base·2^n with jitter: ≈1 h at the default 30 s). */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
    /** How often the worker polls the outbox when idle. */
    WEBHOOK_RELAY_POLL_MS: z.coerce.number().int().positive().default(250),
    /** Lock of a running delivery job: a crashed worker's delivery is retried by another after this. */
    WEBHOOK_STALLED_MS: z.coerce.number().int().positive().default(10_000),
    /** Worker's health/metrics HTTP port (`/health/live`, `/health/ready`, `/metrics`); default REALTIME_PORT + 1, 0 = off. */
    WORKER_METRICS_PORT: z.coerce.number().int().nonnegative().optional(),
    /**
     * Proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDRs, e.g. "127.0.0.1,10.0.0.0/8").
     * Empty: the TCP peer is the client. See docs/security.md.
     */
    TRUSTED_PROXIES: z.string().default(''),
    /** Distinct visitors from one untrusted address in 10 minutes above which readiness warns of an untrusted proxy (0 = off). */
    PROXY_WARNING_VISITORS: z.coerce.number().int().nonnegative().default(50),
    // Rate limits (docs/security.md lists each with its default). Counted in Redis, so they hold across nodes.
    RL_SIGNIN_FREE_ATTEMPTS: z.coerce.number().int().nonnegative().default(3),
    RL_SIGNIN_DELAY_BASE_SECONDS: z.coerce.number().int().positive().default(2),
    RL_SIGNIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
    RL_SIGNIN_LOCKOUT_SECONDS: z.coerce.number().int().positive().default(900),
    RL_SIGNIN_IP_FAILURES_PER_15MIN: z.coerce.number().int().positive().default(100),
    RL_SIGNUP_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(10),
    RL_VISITOR_HANDSHAKES_PER_IP_PER_MINUTE: z.coerce.number().int().positive().default(60),
    RL_VISITOR_HANDSHAKES_PER_KEY_PER_MINUTE: z.coerce.number().int().positive().default(3000),
    RL_VISITOR_ADMISSIONS_PER_SECOND_PER_NODE: z.coerce.number().int().positive().default(500),
    RL_MESSAGES_PER_10S: z.coerce.number().int().positive().default(20),
    RL_TYPING_PER_10S: z.coerce.number().int().positive().default(40),
    RL_SUBMISSIONS_PER_HOUR: z.coerce.number().int().positive().default(5),
    RL_ADMIN_API_PER_MINUTE: z.coerce.number().int().positive().default(300),
    /** Outgoing mail server, e.g. `smtp://user:pass@smtp.example.com:587`. Unset: emails wait in the outbox. */
    SMTP_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
    /** Sender address of every email; the display name is the workspace's name. */
    // HTML5's address rule: a host without a dot is allowed (the .env.example default, noreply@localhost, for the local mail catcher).
    MAIL_FROM: z.email({ pattern: z.regexes.html5Email }).default('noreply@localhost'),
    /** Shared secret of POST /api/email/events and /api/email/inbound (`Authorization: Bearer <secret>`). Unset: both refuse. */
    EMAIL_WEBHOOK_SECRET: z.string().min(16).optional().or(z.literal('').transform(() => undefined)),
    /** Domain of the `reply+<token>@` address visitors reply to (its MX forwards to /api/email/inbound). */
    EMAIL_INBOUND_DOMAIN: z.string().default(''),
    /** Email retry schedule: 8 attempts, base·2^n (≈1 h at the default 30 s). */
    EMAIL_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
    EMAIL_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
    EMAIL_RELAY_POLL_MS: z.coerce.number().int().positive().default(1_000),
    /** Lock of a send job: a crashed worker's email is taken back after about this long. */
    EMAIL_STALLED_MS: z.coerce.number().int().positive().default(30_000),
    /** Bound on the SMTP connection, greeting and each read. */
    EMAIL_SEND_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    RL_PASSWORD_RESETS_PER_HOUR: z.coerce.number().int().positive().default(5),
    RL_API_TOKEN_PER_MINUTE: z.coerce.number().int().positive().default(600),
    RL_API_WORKSPACE_PER_MINUTE: z.coerce.number().int().positive().default(3000),
    ...GroupCommitEnv.shape,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .transform((env, ctx) => {
    let authSecret = env.AUTH_SECRET;
    if (!authSecret) {
      if (env.NODE_ENV === 'production' && process.env.LIVECHAT_ALLOW_EPHEMERAL_SECRET !== '1') {
        ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'AUTH_SECRET (32+ chars) is required in production' });
        return z.NEVER;
      }
      authSecret = devSecret();
    }
    return { ...env, AUTH_SECRET: authSecret };
  });

export type Env = z.infer<typeof EnvSchema>;

/** A stable-per-process dev secret; web and realtime must share one, so scripts generate .env for local runs. */
let cachedDevSecret: string | undefined;
function devSecret(): string {
  cachedDevSecret ??= randomBytes(32).toString('hex');
  return cachedDevSecret;
}

let cached: Env | undefined;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${details}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
