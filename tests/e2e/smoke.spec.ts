import { expect, test } from '@playwright/test';

test('the sign-in page renders its form', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('input[type="password"]').first()).toBeVisible();
});
