import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError, badRequestFromZod, isAppError, toErrorBody } from '../lib/errors';
import { NUL_MESSAGE, nulPaths } from '../lib/input';
import { logger } from '../lib/logger';
import { metrics } from '../lib/metrics';
import type { RateBucket, RateLimits } from '../lib/rate-limits';
import { agentContract, monitorContract, syncContract, visitorContract, type Contract, type ParsedPayloadOf, type ResultOf } from './contract';

type AckFn = (response: unknown) => void;

/**
 * Longest a `message.send` waits for its ack. A send stuck on a dependency (PostgreSQL or Redis down or
 * unreachable) answers `unavailable` instead of hanging the client; the client resends with the same
 * clientMsgId, so a write that completes later anyway is not duplicated. Connect timeouts usually answer
 * sooner. Only idempotent sends get this: other events (chat.start, transfer) are left to finish, since a
 * timeout answer for work that then completes would mislead the client.
 */
export const ACK_TIMEOUT_MS = Number(process.env.ACK_TIMEOUT_MS) || 10_000;
const BOUNDED_EVENTS = new Set(['message.send']);

/**
 * Frame limits (docs/protocol.md, "Limits"). The transport cap (Socket.IO maxHttpBufferSize) is a hard
 * cut: Socket.IO closes the connection without an answer. Below it, any event payload over
 * MAX_EVENT_BYTES is answered `payload_too_large`. 128 KB holds every documented maximum: a 5,000-character
 * message is at most 30 KB even if every character were JSON-escaped to 6 bytes, a submission (20,000
 * characters in all) at most 60 KB in any script.
 */
export const MAX_EVENT_BYTES = 128 * 1024;
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Why a payload is refused before parsing, or null. One payload object per event, as documented. */
function payloadProblem(payload: unknown): AppError | null {
  if (payload === undefined) return null;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return new AppError('bad_request', 'The payload must be one JSON object');
  }
  // Cheap first: a short frame cannot be too large; only long ones are measured in bytes.
  const json = JSON.stringify(payload);
  if (json.length * 3 > MAX_EVENT_BYTES && Buffer.byteLength(json) > MAX_EVENT_BYTES) {
    return new AppError('payload_too_large', `The payload is larger than ${MAX_EVENT_BYTES / 1024} KB`);
  }
  // PostgreSQL refuses NUL in text: refused here, for every event's strings, with the field's path.
  const nul = nulPaths(payload);
  if (nul.length) return new AppError('bad_request', `Invalid payload: ${NUL_MESSAGE.toLowerCase()}`, nul.map((path) => ({ path, message: NUL_MESSAGE })));
  return null;
}

/** A handler for one event of a contract: gets the parsed payload, returns the ack's result (checked against the table). */
export type ContractHandler<C extends Contract, E extends keyof C> = (payload: ParsedPayloadOf<C, E>) => Promise<ResultOf<C, E>>;

/**
 * Handler registration through the contract (realtime/contract.ts): only an event of the namespace's table
 * can be handled, its payload is parsed with the table's schema and the handler must return the table's
 * result type. One per namespace (plus `sync`, shared by /visitor and /agent).
 */
function registrar<C extends Contract>(contract: C) {
  return <E extends keyof C & string>(socket: Socket, event: E, handler: ContractHandler<C, E>): void => register(socket, event, contract[event].payload, handler as (payload: unknown) => Promise<object>);
}
export const onVisitor = registrar(visitorContract);
export const onAgent = registrar(agentContract);
export const onMonitor = registrar(monitorContract);
export const onSync = registrar(syncContract);

/**
 * Registers a client -> server event: checks the payload is one object of acceptable size, parses it
 * with zod, runs the handler, and answers through the ack with `{ ok: true, ...result }` or
 * `{ ok: false, error: { code, message } }`. Invalid input never reaches the handler, so it changes nothing.
 */
function register<S extends z.ZodType, R extends object>(
  socket: Socket,
  event: string,
  schema: S,
  handler: (payload: z.infer<S>) => Promise<R>,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as AckFn) : undefined;
    const refused = payloadProblem(args[0]);
    if (refused) {
      ack?.({ ok: false, error: toErrorBody(refused) });
      return;
    }
    const parsed = schema.safeParse(args[0] ?? {});
    if (!parsed.success) {
      ack?.({ ok: false, error: toErrorBody(badRequestFromZod(parsed.error, `${event} payload`)) });
      return;
    }
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        handler(parsed.data),
        new Promise<never>((_, reject) => {
          if (BOUNDED_EVENTS.has(event)) timer = setTimeout(() => reject(new AppError('unavailable', 'The service is temporarily unavailable; retrying')), ACK_TIMEOUT_MS);
        }),
      ]);
      observe(event, 'ok', started);
      if (event === 'message.send') metrics.messages.inc({ sender: socket.nsp.name === '/visitor' ? 'visitor' : 'agent' });
      ack?.({ ok: true, ...result });
    } catch (error) {
      const body = toErrorBody(error);
      observe(event, body.code, started);
      if (body.code === 'internal') logger.error({ err: error, event }, 'socket handler failed');
      ack?.({ ok: false, error: body });
    } finally {
      clearTimeout(timer);
    }
  });
}

function observe(event: string, outcome: string, started: number) {
  metrics.ackLatency.observe({ event, outcome }, (performance.now() - started) / 1000);
}

/**
 * Rate limits for a socket's events (docs/security.md): `buckets` maps an event to the limit it counts
 * against and the key it is counted under (the visitor, or the agent socket). Over the limit the event is
 * not run and the ack answers `rate_limited` with `details.retryAfterSeconds`. `perSocket`: the key names
 * one socket, so the count is kept in this process (same answer, no Redis round trip).
 */
export function limitEvents(socket: Socket, limits: RateLimits, buckets: Record<string, { bucket: RateBucket; key: string; perSocket?: boolean }>): void {
  socket.use(async (packet, next) => {
    const [event, ...args] = packet as [string, ...unknown[]];
    const rule = buckets[event];
    if (!rule) return next();
    try {
      await (rule.perSocket ? limits.hitLocal(rule.bucket, rule.key) : limits.hit(rule.bucket, rule.key));
      next();
    } catch (error) {
      // Fail open: an unreachable Redis must not stop the chat (the limit is protection, not correctness).
      if (!isAppError(error)) {
        logger.warn({ err: error, event }, 'rate limit check failed; event allowed');
        return next();
      }
      const body = toErrorBody(error);
      const ack = args[args.length - 1];
      if (typeof ack === 'function') (ack as AckFn)({ ok: false, error: body });
    }
  });
}
