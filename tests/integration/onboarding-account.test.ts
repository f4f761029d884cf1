import type { Redis } from 'ioredis';
import { ProfileInput } from '../../src/domain/accounts/profile';
import { zodDetails } from '../../src/lib/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, visitors } from '@/db/schema';
import { ProfileService } from '@/domain/accounts/profile';
import { verifyPassword } from '@/domain/accounts/passwords';
import { AccountsService } from '@/domain/accounts/service';
import { OnboardingService, startOfDay } from '@/domain/onboarding/service';
import { SettingsService } from '@/domain/settings/service';
import { VisitorContextService } from '@/domain/visitors/context';
import { users } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { createRedis, RedisKeys } from '@/lib/redis';
import { cleanupRedisPrefix, createTestDatabase, TEST_REDIS_URL, uniqueRedisPrefix, type TestDatabase } from '../helpers/db';

let tdb: TestDatabase;
let redis: Redis;
let prefix: string;
let settings: SettingsService;
let onboarding: OnboardingService;
let accounts: AccountsService;
let workspaceId: string;
let adminId: string;
const PASSWORD = 'Correct-Horse-Battery-9';

beforeAll(async () => {
  tdb = await createTestDatabase();
  prefix = uniqueRedisPrefix();
  redis = createRedis(TEST_REDIS_URL);
  settings = new SettingsService(tdb.db, redis, new RedisKeys(prefix).settingsChannel());
  onboarding = new OnboardingService(tdb.db, settings);
  accounts = new AccountsService(tdb.db);
  const s = await accounts.signUp({ workspaceName: 'Onboard Co', name: 'Olga Owner', email: 'olga@onboard.test', password: PASSWORD });
  workspaceId = s.workspaceId;
  adminId = s.user.id;
});

afterAll(async () => {
  if (redis) {
    await cleanupRedisPrefix(redis, prefix);
    await redis.quit().catch(() => redis.disconnect());
  }
  await tdb?.drop();
});

const stepsOf = async () => Object.fromEntries((await onboarding.checklist(workspaceId)).steps.map((s) => [s.key, s.done]));

describe('first-run checklist', () => {
  it('starts with nothing done, and ticks each step from what really happened', async () => {
    expect(await stepsOf()).toEqual({ widget: false, team: false, hours: false, chat: false });

    // The widget reports a page view from the customer's site: the first one is kept.
    const [visitor] = await tdb.db.insert(visitors).values({ workspaceId }).returning();
    const context = new VisitorContextService(tdb.db, onboarding);
    await context.recordPage(workspaceId, visitor.id, { url: 'https://shop.example/pricing', title: 'Pricing' });
    await context.recordPage(workspaceId, visitor.id, { url: 'https://shop.example/later' });
    // Another web process (fresh cache) does not overwrite it either.
    await new OnboardingService(tdb.db, settings).recordWidgetSeen(workspaceId, 'https://shop.example/other');
    const list = await onboarding.checklist(workspaceId);
    expect(list.widgetSeen?.url).toBe('https://shop.example/pricing');
    expect(Date.parse(list.widgetSeen!.at)).toBeGreaterThan(Date.now() - 60_000);

    await accounts.createAgent(workspaceId, { name: 'Alan Agent', email: 'alan@onboard.test', password: 'Another-Strong-Pass-77', role: 'agent' });
    await settings.save(workspaceId, 'workingHours', { enabled: true }, adminId);
    await tdb.db.insert(conversations).values({ workspaceId, visitorId: visitor.id, status: 'ended' });
    expect(await stepsOf()).toEqual({ widget: true, team: true, hours: true, chat: true });
    expect((await onboarding.checklist(workspaceId)).teamSize).toBe(2);
  });

  it('is dismissed for the whole workspace, and can be shown again', async () => {
    await onboarding.setDismissed(workspaceId, adminId, true);
    expect((await onboarding.checklist(workspaceId)).dismissed).toBe(true);
    await onboarding.setDismissed(workspaceId, adminId, false);
    const list = await onboarding.checklist(workspaceId);
    expect(list.dismissed).toBe(false);
    expect(list.widgetSeen?.url).toBe('https://shop.example/pricing');
  });

  it('counts today’s chats in the workspace’s time zone', async () => {
    expect((await onboarding.today(workspaceId)).chatsToday).toBe(1);
    expect(startOfDay(new Date('2026-12-07T23:30:00Z'), 'Asia/Tokyo').toISOString()).toBe('2026-12-07T15:00:00.000Z');
    expect(startOfDay(new Date('2026-12-07T13:00:00Z'), 'UTC').toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });
});

describe('account: own profile and password', () => {
  it('changes the own name and avatar colour; refuses an unknown colour with a human message', async () => {
    const profiles = new ProfileService(tdb.db);
    const before = await profiles.get(workspaceId, adminId);
    expect(before.initials).toBe('OO');
    const after = await profiles.update(workspaceId, adminId, { name: 'Olga Owens', avatarColor: '#0f766e' });
    expect(after).toMatchObject({ name: 'Olga Owens', avatarColor: '#0f766e', initials: 'OO' });
    // Input is checked at the HTTP boundary (route() parses with ProfileInput): its messages are for people.
    const refused = ProfileInput.safeParse({ name: '', avatarColor: 'red' });
    expect(refused.success).toBe(false);
    expect(zodDetails(refused.error!)).toEqual([
        { path: 'name', message: 'Enter your name.' },
        { path: 'avatarColor', message: 'Choose one of the colours shown.' },
      ]);
  });

  it('changes the password only with the current one and a strong new one, and ends every session', async () => {
    const profiles = new ProfileService(tdb.db);
    await expect(profiles.changePassword(workspaceId, adminId, { currentPassword: 'wrong', newPassword: 'Brand-New-Secret-Words-4' })).rejects.toMatchObject({
      details: [{ path: 'currentPassword', message: 'The current password is not right.' }],
    });
    await expect(profiles.changePassword(workspaceId, adminId, { currentPassword: PASSWORD, newPassword: 'password12' })).rejects.toMatchObject({
      details: [{ path: 'newPassword' }],
    });
    const [before] = await tdb.db.select().from(users).where(eq(users.id, adminId));
    await profiles.changePassword(workspaceId, adminId, { currentPassword: PASSWORD, newPassword: 'Brand-New-Secret-Words-4' });
    const [row] = await tdb.db.select().from(users).where(eq(users.id, adminId));
    expect(await verifyPassword('Brand-New-Secret-Words-4', row.passwordHash)).toBe(true);
    expect(row.sessionVersion).toBe(before.sessionVersion + 1);
  });
});

describe('settings refused on save with words for people', () => {
  it('refuses an unknown placeholder in a queue message, naming the ones that exist', async () => {
    await expect(settings.save(workspaceId, 'queue', { enterMessage: 'You are {bogus}' }, adminId)).rejects.toMatchObject({
      code: 'bad_request',
      details: [{ path: 'enterMessage', message: '{bogus} is not a placeholder. You can use {position} and {wait}.' }],
    });
    expect((await settings.get(workspaceId, 'queue')).version).toBe(0);
  });

  it('refuses a domain with a space as one entry', async () => {
    await expect(settings.save(workspaceId, 'widget', { allowedDomains: ['https://my shop.com'] }, adminId)).rejects.toMatchObject({
      code: 'bad_request',
      details: [{ path: 'allowedDomains.0', message: 'Enter a domain like example.com, *.example.com or http://127.0.0.1:8080' }],
    });
  });
});
