import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { E2E_BASE_URL } from './e2e-env';
import { browserSession } from './session';

/**
 * Issue 24: an admin creates a workspace API token in the console (shown once), a developer calls /api/v1
 * with it, the console shows its last use, and revoking it stops it. The API reference renders.
 */
test('create an API token in the console, call the API with it, revoke it', async ({ browser, request }) => {
  const session = browserSession(browser);
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  await admin.setViewportSize({ width: 1440, height: 900 });
  await admin.goto('/admin/developers/api-tokens');
  await admin.getByTestId('token-new').click();
  const name = `E2E ${Date.now()}`;
  await admin.getByTestId('token-create').click();
  await expect(admin.getByText('Check the highlighted fields.')).toBeVisible();
  await admin.getByTestId('token-name').fill(name);
  await admin.getByTestId('scope-conversations:read').check();
  await admin.getByTestId('scope-agents:read').check();
  await admin.getByTestId('scope-customers:write').check();
  await admin.getByTestId('scope-webhooks:manage').check();
  await admin.getByTestId('token-create').click();
  const token = (await admin.getByTestId('token-value').textContent())!.trim();
  expect(token).toMatch(/^lc_live_[0-9A-Za-z]{36}$/);

  const listed = await request.get('/api/v1/conversations?limit=5', { headers: { authorization: `Bearer ${token}` } });
  expect(listed.status()).toBe(200);
  expect(listed.headers()['ratelimit-limit']).toBeTruthy();
  const page = await listed.json();
  expect(page).toMatchObject({ data: expect.any(Array), has_more: expect.any(Boolean) });
  const agents = await request.get('/api/v1/agents', { headers: { authorization: `Bearer ${token}` } });
  expect((await agents.json()).data.map((a: { email: string }) => a.email)).toContain('alice@demo.test');
  // A scope it lacks: 403 problem+json.
  const refused = await request.get('/api/v1/customers', { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(403);
  expect(refused.headers()['content-type']).toContain('application/problem+json');

  // The typed client of the README (openapi-typescript + openapi-fetch), run as a developer would.
  const out = execFileSync('npx', ['tsx', 'examples/api-client/client.ts'], { env: { ...process.env, LIVECHAT_URL: E2E_BASE_URL, LIVECHAT_TOKEN: token }, encoding: 'utf8', timeout: 60_000 });
  console.log(`--- examples/api-client/client.ts against ${E2E_BASE_URL}\n${out}---`);
  expect(out).toMatch(/open conversation\(s\)/);
  expect(out).toMatch(/customer crm-42 \(Ada Lovelace\) (created|updated)/);

  // Webhook formats: an endpoint created through the API is Standard Webhooks; the console shows it and can switch.
  const hooks = { authorization: `Bearer ${token}` };
  const created = await request.post('/api/v1/webhooks/endpoints', { headers: hooks, data: { kind: 'events', url: 'http://127.0.0.1:9/hooks' } });
  expect(created.status()).toBe(201);
  const endpoint = await created.json();
  expect(endpoint.secret).toMatch(/^whsec_/);
  await admin.goto('/admin/live-chat/settings/chat/webhook');
  await expect(admin.getByTestId('webhook-format-events')).toHaveText('Standard Webhooks (webhook-signature)');
  admin.once('dialog', (d) => void d.accept());
  await admin.getByTestId('endpoint-events').getByRole('button', { name: 'Use the original format' }).click();
  await expect(admin.getByTestId('webhook-format-events')).toHaveText('Original (X-Livechat-Signature)');
  admin.once('dialog', (d) => void d.accept());
  await admin.getByTestId('endpoint-events').getByRole('button', { name: 'Switch to Standard Webhooks' }).click();
  await expect(admin.getByTestId('endpoint-events').getByTestId('webhook-secret')).toHaveText(/^whsec_/);
  await admin.screenshot({ path: '../shots/api-webhook-format.png', fullPage: true });
  expect((await request.delete(`/api/v1/webhooks/endpoints/${endpoint.endpoint.id}`, { headers: hooks })).status()).toBe(200);

  await admin.goto('/admin/developers/api-tokens');
  const row = admin.getByTestId('token-list').locator('li', { hasText: name });
  await expect(row).toContainText('last used');
  await expect(admin.getByTestId('token-value')).toHaveCount(0);
  await admin.screenshot({ path: '../shots/api-tokens-console.png', fullPage: true });
  await row.getByTestId('token-revoke').click();
  await row.getByTestId('token-revoke-confirm').click();
  await expect(row).toContainText('Revoked');
  await expect.poll(async () => (await request.get('/api/v1/agents', { headers: { authorization: `Bearer ${token}` } })).status(), { timeout: 3000 }).toBe(401);

  // The reference, linked from the API tokens page.
  await admin.getByRole('link', { name: 'API reference' }).click();
  await expect(admin.getByRole('heading', { name: 'Live chat API' })).toBeVisible();
  await expect(admin.locator('#listConversations')).toContainText('/api/v1/conversations');
  await admin.screenshot({ path: '../shots/api-reference.png', fullPage: false });
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.screenshot({ path: '../shots/api-reference-390.png', fullPage: false });
  await session.close();
});
