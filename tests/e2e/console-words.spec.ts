import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { E2E_BASE_URL } from './e2e-env';
import { browserSession, signInOnline } from './session';

/**
 * Issue 21 items 3, 4, 5 and 8 in the console: words for people on every page, the first-run checklist,
 * form refusals in plain words, the account page, and monitoring at phone width.
 * Screenshots go to $SHOTS_DIR (default test-results/shots).
 */
const SHOTS = process.env.SHOTS_DIR ?? 'test-results/shots';
mkdirSync(SHOTS, { recursive: true });

const ZOD_ENGLISH = /Too big:|Too small:|Invalid input|expected/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

async function shoot(page: Page, name: string) {
  for (const [label, size] of [['1440', DESKTOP], ['390', PHONE]] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/console-${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

test('every console page speaks to people: no zod English and no ids on screen', async ({ browser }) => {
  const session = browserSession(browser, { viewport: DESKTOP });
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin');
  const links = await admin.locator('#console-nav a[href^="/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
  expect(links.length).toBeGreaterThan(15);
  // Pages reached from lists (one agent, one customer) and the account page.
  await admin.goto('/admin/agents');
  const agentPage = await admin.locator('a[href^="/admin/agents/"]').first().getAttribute('href');
  const pages = [...new Set([...links, agentPage!, '/account'])];
  for (const href of pages) {
    await admin.goto(href);
    // Every page has a heading; the agent workspace a header bar.
    await expect(admin.locator('h1, header').first()).toBeVisible();
    const text = await visibleText(admin);
    expect.soft(text, `zod wording on ${href}`).not.toMatch(ZOD_ENGLISH);
    expect.soft(text, `an id on ${href}`).not.toMatch(UUID);
  }
  await session.close();
});

test('form refusals are in plain words, in place: numbers, placeholders, domains', async ({ browser }) => {
  const session = browserSession(browser, { viewport: DESKTOP });
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin');

  await admin.goto('/admin/live-chat/settings/chat/assignment/queue');
  await admin.getByLabel('Maximum queue length').fill('20000');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.locator('#maxLength-error')).toHaveText('Enter 10,000 or less.');
  await expect(admin.getByText('Some values are not valid: see the highlighted fields.')).toBeVisible();
  expect(await visibleText(admin)).not.toMatch(ZOD_ENGLISH);
  // The refusal in place, above the sticky save bar (a window-sized picture, the field in the middle).
  for (const [label, size] of [['1440', DESKTOP], ['390', PHONE]] as const) {
    await admin.setViewportSize(size);
    await admin.locator('#maxLength').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await admin.screenshot({ path: `${SHOTS}/console-form-error-${label}.png` });
  }
  await admin.setViewportSize(DESKTOP);

  await admin.getByLabel('Maximum queue length').fill('50');
  await admin.getByLabel('On entering the queue').fill('Please wait, {bogus}');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.locator('#enterMessage-error')).toHaveText('{bogus} is not a placeholder. You can use {position} and {wait}.');

  // The widget page opens its texts and preview in the default language (English), and refuses a domain with a space.
  await admin.goto('/admin/widget');
  await expect(admin.getByRole('tab', { name: 'English' })).toHaveAttribute('aria-selected', 'true');
  await expect(admin.getByTestId('widget-preview')).toContainText('Preview (English)');
  await admin.getByLabel('Domains, one per line').fill('https://my shop.com');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.locator('#allowedDomains-error')).toContainText('“https://my shop.com” is not a domain.');
  await session.close();
});

test('first-run checklist: the widget is seen on the site, and the checklist can be dismissed', async ({ browser }) => {
  const session = browserSession(browser, { viewport: DESKTOP });
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin');
  await expect(admin.getByTestId('checklist')).toBeVisible();
  await expect(admin.getByText('Who is online')).toBeVisible();

  // A visitor loads a page with the widget: the checklist says where and when it was seen.
  const visitor = await session.newPage();
  await visitor.goto('/demo');
  await visitor.getByTestId('livechat-launcher').click();
  await expect(visitor.frameLocator('[data-testid=livechat-frame]').getByTestId('composer-input')).toBeVisible();
  await expect
    .poll(async () => {
      await admin.reload();
      return admin.locator('[data-step=widget]').getAttribute('data-done');
    })
    .toBe('true');
  await expect(admin.locator('[data-step=widget]')).toContainText(`Seen on ${E2E_BASE_URL}/demo`);
  await shoot(admin, 'checklist');

  await admin.getByTestId('checklist-dismiss').click();
  await expect(admin.getByTestId('checklist')).toHaveCount(0);
  await admin.reload();
  await expect(admin.getByTestId('checklist')).toHaveCount(0);
  await admin.getByRole('button', { name: 'Show it again' }).click();
  await expect(admin.getByTestId('checklist')).toBeVisible();
  await session.close();
});

test('monitoring fits a 390 px phone: no sideways scrolling, Watch within reach', async ({ browser }) => {
  const agent = await signInOnline(browserSession(browser), 'alice@demo.test');
  const { widget } = await browserSession(browser).openWidget('Hello from a phone test');
  await expect(agent.getByTestId('message-list')).toContainText('Hello from a phone test');

  const session = browserSession(browser, { viewport: PHONE });
  const supervisor = await session.signIn('supervisor@demo.test');
  await supervisor.waitForURL('**/admin**');
  await supervisor.goto('/admin/live-chat/monitoring');
  await expect(supervisor.getByTestId('monitor-connection')).toHaveText('Live');
  await expect(supervisor.getByTestId('monitor-conversation')).toHaveCount(1);
  const width = await supervisor.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  const watch = supervisor.getByTestId('monitor-watch');
  const box = (await watch.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await watch.click();
  await expect(supervisor.getByTestId('monitor-transcript')).toContainText('Hello from a phone test');
  expect(await supervisor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await supervisor.screenshot({ path: `${SHOTS}/console-monitoring-390.png`, fullPage: true });
  await supervisor.setViewportSize(DESKTOP);
  // At 1440 px the whole row, button included, fits its card (nothing to scroll sideways).
  const clipped = await supervisor.getByTestId('monitor-watch').evaluate((button) => {
    const box = button.closest('.overflow-x-auto')!;
    return box.scrollWidth - box.clientWidth;
  });
  expect(clipped).toBeLessThanOrEqual(0);
  await supervisor.screenshot({ path: `${SHOTS}/console-monitoring-1440.png`, fullPage: true });

  // Leave the shared e2e workspace as found.
  await agent.getByTestId('agent-end-chat').click();
  await agent.getByTestId('agent-end-confirm').click();
  await expect(widget.getByText('This chat has ended.')).toBeVisible();
  await session.close();
});

test('account page: own name and avatar, notifications from a button, sign out everywhere', async ({ browser }) => {
  const session = browserSession(browser, { viewport: DESKTOP });
  const agent = await session.signIn('bob@demo.test');
  await agent.waitForURL('**/agent');
  await agent.getByTestId('account-link').click();
  await agent.waitForURL('**/account');
  await expect(agent.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(agent.getByTestId('notification-permission')).toBeVisible();

  await agent.getByLabel('Your name').fill('');
  await agent.getByRole('button', { name: 'Save profile' }).click();
  await expect(agent.locator('#account-name-error')).toHaveText('Enter your name.');
  await agent.getByLabel('Your name').fill('Bob Builder');
  await agent.getByText('Teal', { exact: true }).locator('..').click();
  await agent.getByRole('button', { name: 'Save profile' }).click();
  await expect(agent.getByText('Saved. Your colleagues see the new name from their next page load.')).toBeVisible();

  const passwordForm = agent.getByRole('form', { name: 'Password' });
  await passwordForm.getByLabel('Current password').fill('not my password');
  await passwordForm.getByLabel('New password').fill('Correct-Horse-Battery-Staple-42');
  await agent.getByRole('button', { name: 'Change password' }).click();
  await expect(agent.locator('#account-current-password-error')).toHaveText('The current password is not right.');
  await shoot(agent, 'account');

  // Back to the seeded name, then sign out everywhere.
  await agent.getByLabel('Your name').fill('Bob');
  await agent.getByRole('button', { name: 'Save profile' }).click();
  await expect(agent.getByText(/^Saved\./)).toBeVisible();
  await agent.getByTestId('sign-out-everywhere').click();
  await agent.getByTestId('sign-out-everywhere-confirm').click();
  await agent.waitForURL('**/signin**');
  await agent.goto('/account');
  await agent.waitForURL('**/signin**');
  await session.close();
});

test('screens of the refactored views, for a before/after look', async ({ browser }) => {
  const tag = process.env.SHOT_TAG ?? 'now';
  const session = browserSession(browser, { viewport: DESKTOP });
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin');
  // Each screen once its data is there (the monitor's snapshot, the inbox's first page).
  const screens: [string, string, () => Promise<void>][] = [
    ['monitoring', '/admin/live-chat/monitoring', () => expect(admin.getByTestId('monitor-connection')).toHaveText('Live')],
    ['submissions', '/agent/submissions', () => expect(admin.getByTestId('submission-list').or(admin.getByTestId('submissions-empty'))).toBeVisible()],
    ['queue-settings', '/admin/live-chat/settings/chat/assignment/queue', () => expect(admin.getByLabel('Maximum queue length')).toBeVisible()],
    ['mode-settings', '/admin/live-chat/mode', () => expect(admin.getByRole('radio', { name: /Real-time reception/ })).toBeVisible()],
  ];
  for (const [name, href, ready] of screens) {
    await admin.goto(href);
    await ready();
    await admin.screenshot({ path: `${SHOTS}/refactor-${tag}-${name}.png`, fullPage: true });
  }
  await session.close();
});
