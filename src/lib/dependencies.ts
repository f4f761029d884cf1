import { logger } from './logger';

/**
 * Up/down state of the outside services a process depends on (PostgreSQL, Redis). Every error path reports
 * here instead of logging itself, so an outage is logged ONCE when it starts and once when it ends (with
 * its duration), not per failed query or per reconnect attempt. Readiness probes read the same state.
 */
export type DependencyName = 'database' | 'redis';

interface State {
  up: boolean;
  since: number;
  lastError?: string;
}

const states = new Map<DependencyName, State>();
const listeners = new Set<(name: DependencyName, up: boolean) => void>();

export function dependencyDown(name: DependencyName, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const state = states.get(name);
  if (state && !state.up) {
    state.lastError = message;
    return;
  }
  states.set(name, { up: false, since: Date.now(), lastError: message });
  logger.warn({ dependency: name, error: message }, `${name} unavailable`);
  for (const listener of listeners) listener(name, false);
}

export function dependencyUp(name: DependencyName): void {
  const state = states.get(name);
  if (state?.up) return;
  states.set(name, { up: true, since: Date.now() });
  if (state) logger.info({ dependency: name, downMs: Date.now() - state.since }, `${name} recovered`);
  for (const listener of listeners) listener(name, true);
}

/** Unknown (never reported) counts as up: the first failure flips it. */
export function dependencyIsUp(name: DependencyName): boolean {
  return states.get(name)?.up ?? true;
}

export function onDependencyChange(listener: (name: DependencyName, up: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL: admin/crash shutdown, cannot connect now, statement or lock timeout, connection failures.
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '08000',
  '08001',
  '08003',
  '08006',
]);

const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /Connection is closed/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Client has encountered a connection error/i,
  /did not answer within/i,
  /MaxRetriesPerRequestError|Reached the max retries per request/i,
];

/** Whether an error means "a dependency is unreachable right now" (retry later) rather than a bug. */
export function isUnavailableError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  // drizzle wraps driver errors ("Failed query: ...") with the original as `cause`.
  return e.cause !== undefined && e.cause !== error && isUnavailableError(e.cause);
}

/** Rejects with an "unavailable" error when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
    }),
  ]);
}

/**
 * BullMQ Queue/Worker/QueueEvents emit 'error' (a lost connection, a failed command); an EventEmitter
 * 'error' without a listener throws and kills the process. Connection errors count as a Redis outage
 * (logged once); anything else is logged as it happens.
 */
export function guardEmitter<T extends { on(event: 'error', listener: (error: Error) => void): unknown }>(emitter: T, what: string): T {
  emitter.on('error', (error: Error) => {
    if (isUnavailableError(error)) dependencyDown('redis', error);
    else logger.error({ err: error, what }, 'background component error');
  });
  return emitter;
}
