import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertSafeTarget, classifyAddress } from '../../src/domain/webhooks/address';
import { isRetryable, MAX_ATTEMPTS, nominalSchedule, retryDelayMs } from '../../src/domain/webhooks/backoff';
import { endpointMatches } from '../../src/domain/webhooks/catalog';
import { signWebhook, verifyWebhook } from '../../src/domain/webhooks/signature';
import { deliveryIdFor } from '../../src/domain/webhooks/service';

describe('webhook signature', () => {
  it('is sha256=hex(HMAC-SHA256(secret, "{timestamp}.{body}"))', () => {
    const body = '{"type":"message.created"}';
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('whsec_test', 1700000000, body)).toBe(`sha256=${expected}`);
  });

  it('verifies in constant time and refuses stale timestamps, other bodies and other secrets', () => {
    const now = 1_700_000_000_000;
    const ts = String(now / 1000);
    const sig = signWebhook('s1', ts, 'body');
    expect(verifyWebhook('s1', ts, 'body', sig, { now })).toBe(true);
    expect(verifyWebhook('s1', ts, 'body!', sig, { now })).toBe(false);
    expect(verifyWebhook('s2', ts, 'body', sig, { now })).toBe(false);
    expect(verifyWebhook('s1', ts, 'body', sig, { now: now + 301_000 })).toBe(false);
    expect(verifyWebhook('s1', 'abc', 'body', sig, { now })).toBe(false);
  });
});

describe('retry schedule', () => {
  it('makes 8 attempts over about an hour at the default base', () => {
    const schedule = nominalSchedule();
    expect(schedule).toHaveLength(MAX_ATTEMPTS - 1);
    expect(schedule).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
    const total = schedule.reduce((a, b) => a + b, 0);
    expect(total / 60_000).toBeGreaterThan(55);
    expect(total / 60_000).toBeLessThan(70);
  });

  it('adds ±20% jitter and stops after the last attempt', () => {
    expect(retryDelayMs(1, 1000, () => 0)).toBe(800);
    expect(retryDelayMs(1, 1000, () => 1)).toBe(1200);
    expect(retryDelayMs(3, 1000, () => 0.5)).toBe(4000);
    expect(retryDelayMs(MAX_ATTEMPTS, 1000)).toBeNull();
    expect(retryDelayMs(0, 1000)).toBeNull();
  });

  it('retries 5xx, 429 and network errors only', () => {
    expect(isRetryable({ statusCode: null })).toBe(true);
    expect(isRetryable({ statusCode: 500 })).toBe(true);
    expect(isRetryable({ statusCode: 503 })).toBe(true);
    expect(isRetryable({ statusCode: 429 })).toBe(true);
    expect(isRetryable({ statusCode: 400 })).toBe(false);
    expect(isRetryable({ statusCode: 404 })).toBe(false);
    expect(isRetryable({ statusCode: 301 })).toBe(false);
  });
});

describe('address classification', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link_local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1%eth0', 'link_local'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['2002:a9fe:a9fe::1', 'link_local'],
    ['2606:4700:4700::1111', 'public'],
    ['2001:db8::1', 'reserved'],
  ])('%s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it('refuses non-http(s) URLs and non-public resolutions at save time', async () => {
    const resolve = async (host: string) => (host === 'rebind.example' ? ['93.184.216.34', '127.0.0.1'] : ['93.184.216.34']);
    await expect(assertSafeTarget('https://hooks.example/x', false, resolve)).resolves.toBeInstanceOf(URL);
    await expect(assertSafeTarget('https://rebind.example/x', false, resolve)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(assertSafeTarget('http://[::ffff:169.254.169.254]/', false, resolve)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(assertSafeTarget('file:///etc/passwd', true, resolve)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(assertSafeTarget('http://user:pw@hooks.example/', false, resolve)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(assertSafeTarget('http://127.0.0.1:8080/', true, resolve)).resolves.toBeInstanceOf(URL);
  });
});

describe('routing of events to endpoints', () => {
  it('offline gets offline messages and submission replies; events gets lifecycle events; push gets its selection', () => {
    expect(endpointMatches('offline', 'message.created', { offline: true }, [])).toBe(true);
    expect(endpointMatches('offline', 'message.created', { offline: false }, [])).toBe(false);
    expect(endpointMatches('offline', 'submission.replied', {}, [])).toBe(true);
    expect(endpointMatches('events', 'conversation.started', {}, [])).toBe(true);
    expect(endpointMatches('events', 'message.created', { offline: true }, [])).toBe(false);
    expect(endpointMatches('push', 'message.created', {}, ['message.created'])).toBe(true);
    expect(endpointMatches('push', 'conversation.ended', {}, ['message.created'])).toBe(false);
  });

  it('derives a stable delivery id per (event, endpoint)', () => {
    const a = deliveryIdFor(42, '5d7c8a7e-0000-4000-8000-000000000001');
    expect(a).toBe(deliveryIdFor(42, '5d7c8a7e-0000-4000-8000-000000000001'));
    expect(a).not.toBe(deliveryIdFor(43, '5d7c8a7e-0000-4000-8000-000000000001'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
