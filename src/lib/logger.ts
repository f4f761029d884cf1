import pino from 'pino';
import { z } from 'zod';

/**
 * Structured logger; secrets and tokens are redacted wherever they appear in logged objects.
 * Reads only LOG_LEVEL (not the whole env), so importing it never requires runtime secrets (e.g. during
 * `next build`).
 */
const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function level(): z.infer<typeof LogLevel> {
  const parsed = LogLevel.safeParse(process.env.LOG_LEVEL);
  if (parsed.success) return parsed.data;
  return process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info';
}

export const logger = pino({
  level: level(),
  redact: {
    paths: ['*.password', '*.passwordHash', '*.secret', '*.token', '*.authorization', 'password', 'secret', 'token', 'headers.authorization', '*.headers.authorization'],
    censor: '[redacted]',
  },
  base: { pid: process.pid },
});

export type Logger = typeof logger;
