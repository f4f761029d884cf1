import pino from 'pino';
import { env } from './env';

/** Structured logger; secrets and tokens are redacted wherever they appear in logged objects. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : env().LOG_LEVEL),
  redact: {
    paths: ['*.password', '*.passwordHash', '*.secret', '*.token', '*.authorization', 'password', 'secret', 'token', 'headers.authorization', '*.headers.authorization'],
    censor: '[redacted]',
  },
  base: { pid: process.pid },
});

export type Logger = typeof logger;
