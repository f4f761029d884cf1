import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { badRequestFromZod, toErrorBody } from '../lib/errors';
import { logger } from '../lib/logger';

type AckFn = (response: unknown) => void;

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
    try {
      const result = await handler(parsed.data);
      ack?.({ ok: true, ...result });
    } catch (error) {
      const body = toErrorBody(error);
      if (body.code === 'internal') logger.error({ err: error, event }, 'socket handler failed');
      ack?.({ ok: false, error: body });
    }
  });
}
