import { expect, test } from '@playwright/test';
import { browserSession } from './session';

/**
 * Issue 24: an admin creates a workspace API token in the console (shown once), a developer calls /api/v1
 * with it, the console shows its last use, and revoking it stops it. The API reference renders.
 */
test('create an API token in the console, call the API with it, revoke it', async ({ browser, request }) => {
  const session = browserSession(browser);
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  await admin.goto('/admin/developers/api-tokens');
  await admin.getByTestId('token-new').click();
  const name = `E2E ${Date.now()}`;
  await admin.getByTestId('token-create').click();
  await expect(admin.getByText('Check the highlighted fields.')).toBeVisible();
  await admin.getByTestId('token-name').fill(name);
  await admin.getByTestId('scope-conversations:read').check();
  await admin.getByTestId('scope-agents:read').check();
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

  await admin.reload();
  const row = admin.getByTestId('token-list').locator('li', { hasText: name });
  await expect(row).toContainText('last used');
  await expect(admin.getByTestId('token-value')).toHaveCount(0);
  await admin.setViewportSize({ width: 1440, height: 900 });
  await admin.screenshot({ path: '../shots/api-tokens-console.png', fullPage: true });
  await row.getByTestId('token-revoke').click();
  await row.getByTestId('token-revoke-confirm').click();
  await expect(row).toContainText('Revoked');
  await expect.poll(async () => (await request.get('/api/v1/agents', { headers: { authorization: `Bearer ${token}` } })).status(), { timeout: 3000 }).toBe(401);

  // The reference, linked from the page.
  await admin.getByRole('link', { name: 'API reference' }).click();
  await expect(admin.getByRole('heading', { name: 'Live chat API' })).toBeVisible();
  await expect(admin.locator('#listConversations')).toContainText('/api/v1/conversations');
  await admin.screenshot({ path: '../shots/api-reference.png', fullPage: false });
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.screenshot({ path: '../shots/api-reference-390.png', fullPage: false });
  await session.close();
});
