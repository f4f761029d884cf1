import type { ChatHarness } from './chat';
import { TEST_AUTH_SECRET } from './chat';
import { TEST_REDIS_URL } from './db';

type Closable = { db: { $client: { end(): Promise<void> } }; redis: { quit(): Promise<unknown> } };
const holder = globalThis as unknown as { __livechatServices?: Closable };

/**
 * The web process inside a test: route handlers are called as functions with real Requests, on services
 * built from the harness's database and Redis (src/server/web.ts: the composition root plus the web's limits). env() and services() read the environment once, so it is set
 * (and any earlier container dropped) before auth and the routes are imported. The session comes through
 * the `setSessionResolver` seam of src/lib/auth.ts.
 */
export async function startWebServices(h: ChatHarness, env: Record<string, string> = {}): Promise<typeof import('../../src/lib/auth')> {
  Object.assign(process.env, { DATABASE_URL: h.database.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: h.prefix, AUTH_SECRET: TEST_AUTH_SECRET, ...env });
  holder.__livechatServices = undefined;
  return import('../../src/lib/auth');
}

/** Closes the web services' own connections (the harness closes its own). */
export async function stopWebServices(): Promise<void> {
  const services = holder.__livechatServices;
  holder.__livechatServices = undefined;
  await services?.redis.quit().catch(() => {});
  await services?.db.$client.end().catch(() => {});
}
