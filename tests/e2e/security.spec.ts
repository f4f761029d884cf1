import { expect, test, type Page } from '@playwright/test';

/** Issue 13: security headers on every page type, the password policy and sign-in throttling in the UI. */

test('security headers on every page type', async ({ request }) => {
  const strict = ['/signin', '/signup', '/admin', '/agent', '/demo'];
  for (const path of strict) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy'], path).toContain("script-src 'self'");
    expect(h['x-frame-options'], path).toBe('DENY');
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy'], path).toContain('camera=()');
  }
  // The widget iframe may be framed only by the host page the loader declared (src/widget/frame-policy.ts).
  const widget = (await request.get('/widget?key=wk_demo_livechat&host=http%3A%2F%2F127.0.0.1%3A8080')).headers();
  expect(widget['content-security-policy']).toContain('frame-ancestors http://127.0.0.1:8080');
  expect(widget['x-frame-options']).toBeUndefined();
  expect(widget['x-content-type-options']).toBe('nosniff');
  const undeclared = (await request.get('/widget?key=wk_demo_livechat')).headers();
  expect(undeclared['content-security-policy']).toContain("frame-ancestors 'none'");
  for (const path of ['/api/health', '/widget.js']) {
    const h = (await request.get(path)).headers();
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
  }
});

async function fill(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value);
}

test('sign-up explains and enforces the password policy; repeated wrong sign-ins are slowed down in place', async ({ page }) => {
  const tag = Date.now().toString(36);
  await page.goto('/signup');
  await expect(page.getByText(/At least 10 characters and hard to guess/)).toBeVisible();
  await fill(page, 'Company or workspace name', `Policy ${tag}`);
  await fill(page, 'Your name', 'Pat');
  await fill(page, 'Work email', `pat-${tag}@example.test`);
  await fill(page, 'Password', 'password123');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByText(/too easy to guess/)).toBeVisible();
  await page.screenshot({ path: 'test-results/security-signup-1440.png', fullPage: true });

  await page.context().clearCookies();
  await page.goto('/signin');
  // Three free failures, a fourth starts the delay (60 s in the e2e env), the fifth is refused in place.
  for (let i = 0; i < 5; i++) {
    await fill(page, 'Email', `nobody-${tag}@example.test`);
    await fill(page, 'Password', `wrong-password-${i}`);
    const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await answered).status()).toBe(i < 4 ? 401 : 429);
    await expect(page.locator('form').getByRole('alert')).toBeVisible();
  }
  await expect(page.locator('form').getByRole('alert')).toContainText(/Too many failed sign-ins.*try again in (\d+ seconds|1 minute)/i);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/security-signin-390.png', fullPage: true });
});
