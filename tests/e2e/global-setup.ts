/**
 * Prepares the e2e environment: drops and recreates the `livechat_e2e` database, migrates it, seeds the
 * demo workspace, and clears the `e2e:` Redis keys of earlier runs.
 *
 * Playwright starts `webServer` BEFORE `globalSetup`, and the app must not start against a database that
 * is dropped under it; so playwright.config.ts runs this file as the first step of the webServer command
 * (`npx tsx tests/e2e/global-setup.ts && npx tsx scripts/start.ts`). The default export lets it also be
 * used as a Playwright globalSetup with an externally started server.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createDb } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { settings, workspaces } from '../../src/db/schema';
import { SETTINGS_SCHEMAS } from '../../src/domain/settings/schemas';
import { eq } from 'drizzle-orm';
import { createRedis } from '../../src/lib/redis';
import { cleanupRedisPrefix } from '../helpers/db';
import { E2E_ENV } from './e2e-env';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export default async function prepareE2e(): Promise<void> {
  const url = new URL(E2E_ENV.DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';

  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }

  const db = createDb(url.toString(), { max: 1 });
  try {
    await runMigrations(db);
  } finally {
    await db.$client.end();
  }

  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/seed.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...E2E_ENV },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await pinPreIssue21Defaults(E2E_ENV.DATABASE_URL);

  const redis = createRedis(E2E_ENV.REDIS_URL);
  try {
    await cleanupRedisPrefix(redis, E2E_ENV.REDIS_PREFIX);
  } finally {
    redis.disconnect();
  }
}

/**
 * The specs written before issue 21 expect real-time chatting with the leave-a-message form and ratings off
 * (the defaults of that time); the demo workspace saves them off, as an admin would. Specs of the new
 * defaults (widget-nobody-online) save the sections back to `{}`.
 */
async function pinPreIssue21Defaults(databaseUrl: string): Promise<void> {
  const db = createDb(databaseUrl, { max: 1 });
  try {
    const [ws] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.widgetKey, 'wk_demo_livechat'));
    if (!ws) return;
    await db
      .insert(settings)
      .values([
        { workspaceId: ws.id, section: 'submission', value: SETTINGS_SCHEMAS.submission.parse({ enabled: false }) },
        { workspaceId: ws.id, section: 'satisfaction', value: SETTINGS_SCHEMAS.satisfaction.parse({ enabled: false }) },
      ])
      .onConflictDoNothing();
  } finally {
    await db.$client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  prepareE2e().then(
    () => console.log(`e2e: database ${new URL(E2E_ENV.DATABASE_URL).pathname.slice(1)} migrated and seeded`),
    (error) => {
      console.error('e2e: setup failed:', error);
      process.exit(1);
    },
  );
}
