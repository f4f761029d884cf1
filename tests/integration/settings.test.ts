import { and, asc, eq } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings, settingsAudit } from '@/db/schema';
import { AccountsService } from '@/domain/accounts/service';
import { defaultSettings } from '@/domain/settings/schemas';
import { SettingsService } from '@/domain/settings/service';
import { createRedis, RedisKeys } from '@/lib/redis';
import { cleanupRedisPrefix, createTestDatabase, TEST_REDIS_URL, uniqueRedisPrefix, type TestDatabase } from '../helpers/db';

let tdb: TestDatabase;
let redis: Redis;
const redisClients: Redis[] = [];
let prefix: string;
let keys: RedisKeys;
let service: SettingsService;
let workspaceId: string;
let userId: string;

function newRedis() {
  const client = createRedis(TEST_REDIS_URL);
  redisClients.push(client);
  return client;
}

async function auditRows(section: string) {
  return tdb.db
    .select()
    .from(settingsAudit)
    .where(and(eq(settingsAudit.workspaceId, workspaceId), eq(settingsAudit.section, section)))
    .orderBy(asc(settingsAudit.id));
}

async function storedRow(section: string) {
  const [row] = await tdb.db
    .select()
    .from(settings)
    .where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, section)));
  return row;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  prefix = uniqueRedisPrefix();
  keys = new RedisKeys(prefix);
  redis = newRedis();
  service = new SettingsService(tdb.db, redis, keys.settingsChannel());
  const signUp = await new AccountsService(tdb.db).signUp({
    workspaceName: 'Settings Co',
    name: 'Ada Admin',
    email: 'ada@settings.test',
    password: 'Correct-Horse-Battery-9',
  });
  workspaceId = signUp.workspaceId;
  userId = signUp.user.id;
});

afterAll(async () => {
  if (redis) await cleanupRedisPrefix(redis, prefix);
  await Promise.all(redisClients.map((c) => c.quit().catch(() => c.disconnect())));
  await tdb?.drop();
});

describe('SettingsService', () => {
  it('returns defaults at version 0 for a section never saved', async () => {
    const stored = await service.get(workspaceId, 'queue');
    expect(stored).toEqual({ section: 'queue', version: 0, value: defaultSettings('queue') });
  });

  it('saves a section, bumping the version each time, and writes an audit row with before/after and user', async () => {
    const first = await service.save(workspaceId, 'queue', { enabled: false, maxLength: 10 }, userId);
    expect(first.version).toBe(1);
    expect(first.value).toMatchObject({ enabled: false, maxLength: 10 });

    const second = await service.save(workspaceId, 'queue', { enabled: true, maxLength: 20 }, userId, 1);
    expect(second.version).toBe(2);

    const stored = await service.get(workspaceId, 'queue');
    expect(stored.version).toBe(2);
    expect(stored.value).toMatchObject({ enabled: true, maxLength: 20 });
    expect(await storedRow('queue')).toMatchObject({ version: 2, updatedBy: userId });

    const audit = await auditRows('queue');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ version: 1, userId, before: null, after: first.value });
    expect(audit[1]).toMatchObject({ version: 2, userId, before: first.value, after: second.value });
    expect(audit[1].createdAt).toBeInstanceOf(Date);
  });

  it('rejects invalid input with bad_request and changes nothing', async () => {
    const before = await service.get(workspaceId, 'queue');
    const auditBefore = await auditRows('queue');

    await expect(service.save(workspaceId, 'queue', { maxLength: 0 }, userId)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(service.save(workspaceId, 'queue', { enabled: 'sometimes' } as never, userId)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(service.save(workspaceId, 'queue', 'garbage' as never, userId)).rejects.toMatchObject({ code: 'bad_request' });

    expect(await service.get(workspaceId, 'queue')).toEqual(before);
    expect(await auditRows('queue')).toEqual(auditBefore);
  });

  it('rejects a stale expectedVersion with conflict and changes nothing', async () => {
    const current = await service.get(workspaceId, 'queue');
    const auditBefore = await auditRows('queue');

    await expect(service.save(workspaceId, 'queue', { enabled: false, maxLength: 99 }, userId, current.version - 1)).rejects.toMatchObject({
      code: 'conflict',
    });

    expect(await service.get(workspaceId, 'queue')).toEqual(current);
    expect(await auditRows('queue')).toEqual(auditBefore);

    const saved = await service.save(workspaceId, 'queue', { enabled: false, maxLength: 99 }, userId, current.version);
    expect(saved.version).toBe(current.version + 1);
  });

  it('keeps workspaces apart', async () => {
    const other = await new AccountsService(tdb.db).signUp({ workspaceName: 'Other Co', name: 'Otto', email: 'otto@other.test', password: 'Correct-Horse-Battery-9' });
    expect(await service.get(other.workspaceId, 'queue')).toEqual({ section: 'queue', version: 0, value: defaultSettings('queue') });
  });

  it('reaches another instance listening on its own subscriber connection within a second', async () => {
    // A second "node": its own SettingsService, publisher and subscriber connections, same channel.
    const nodeB = new SettingsService(tdb.db, newRedis(), keys.settingsChannel());
    await nodeB.listen(newRedis());

    // Node B caches the current value (it is listening, so reads are served from its cache).
    const cached = await nodeB.get(workspaceId, 'mode');
    expect(cached.value.mode).toBe('realtime');

    const changed = new Promise<number>((resolve) => {
      const off = nodeB.onChange((ws, section) => {
        if (ws === workspaceId && section === 'mode') {
          off();
          resolve(Date.now());
        }
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('node B was not notified within 1 s')), 1000);
    });

    const startedAt = Date.now();
    const saved = await service.save(workspaceId, 'mode', { mode: 'always_on' }, userId);
    try {
      const notifiedAt = await Promise.race([changed, timeout]);
      expect(notifiedAt - startedAt).toBeLessThan(1000);
    } finally {
      clearTimeout(timer);
    }

    const seen = await nodeB.get(workspaceId, 'mode');
    expect(seen.version).toBe(saved.version);
    expect(seen.value.mode).toBe('always_on');
  });
});
