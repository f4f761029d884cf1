/**
 * The web process (`npm run start:web`, and the `web` child of `npm start`): Next.js in production mode
 * behind our own HTTP server (./server.ts), which derives the client address from the TCP peer and
 * TRUSTED_PROXIES before Next sees the request. Needs `npm run build`.
 */
import next from 'next';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { guardProcess } from '../lib/process-guard';
import { createWebServer } from './server';

guardProcess('web');
// Like `next start`: production mode unless told otherwise.
(process.env as Record<string, string | undefined>).NODE_ENV ??= 'production';
const e = env();
const hostname = process.env.WEB_HOSTNAME ?? '0.0.0.0';
const app = next({ dev: false, dir: process.cwd(), hostname, port: e.WEB_PORT });
await app.prepare();
const server = createWebServer({ handler: app.getRequestHandler(), trustedProxies: e.TRUSTED_PROXIES });
server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
await new Promise<void>((resolve) => server.listen(e.WEB_PORT, hostname, resolve));
logger.info({ port: e.WEB_PORT, trustedProxies: e.TRUSTED_PROXIES || 'none' }, 'web server listening');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'web shutting down');
  server.close();
  server.closeIdleConnections();
  const force = setTimeout(() => process.exit(0), 10_000);
  force.unref();
  await new Promise<void>((resolve) => server.once('close', () => resolve()));
  await app.close().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
