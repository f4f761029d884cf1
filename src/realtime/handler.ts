import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError, badRequestFromZod, toErrorBody } from '../lib/errors';
import { logger } from '../lib/logger';
import { metrics } from '../lib/metrics';

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
 * Registers a client -> server event: parses the payload with zod, runs the handler, and answers through
 * the ack with `{ ok: true, ...result }` or `{ ok: false, error: { code, message } }`. Invalid input
 * never reaches the handler, so it changes nothing.
 */
export function on<S extends z.ZodType, R extends object>(
  socket: Socket,
  event: string,
  schema: S,
  handler: (payload: z.infer<S>) => Promise<R>,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as AckFn) : undefined;
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
