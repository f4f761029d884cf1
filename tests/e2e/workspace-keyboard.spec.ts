import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { browserSession, signInOnline } from './session';

/**
 * Issue 26 (F17): the collision guard between an agent and a supervisor watching the same chat, a chat
 * handled with the keyboard only (command palette, shortcuts, `?` overlay), and axe on the main screens.
 * Each chat opened here is ended and Alice's status is put back, for the specs that share the e2e workspace.
 * Screenshots for review when SCREENSHOT_DIR is set (f17-*-1440.png and f17-*-390.png).
 */
async function shots(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  const size = page.viewportSize()!;
  await page.screenshot({ path: `${dir}/${name}-1440.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${dir}/${name}-390.png` });
  await page.setViewportSize(size);
}

/** Serious and critical axe findings, named for the failure message. */
async function seriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder.include(include);
  const result = await builder.analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('an agent and a supervisor on one chat see each other, and who is writing', async ({ browser }) => {
  test.setTimeout(240_000);
  const session = browserSession(browser, { viewport: { width: 1440, height: 900 } });
  try {
    const supervisor = await session.signIn('supervisor@demo.test');
    await supervisor.waitForURL('**/admin**');
    await supervisor.goto('/admin/live-chat/monitoring');
    const alice = await signInOnline(session, 'alice@demo.test');
    const { widget } = await session.openWidget('Hello, is my order shipped?');
    await expect(alice.getByTestId('message-list')).toContainText('Hello, is my order shipped?');
    await alice.getByTestId('my-chats').getByTestId('conversation-item').first().click();

    await expect(supervisor.getByTestId('monitor-conversation')).toHaveCount(1);
    await supervisor.getByTestId('monitor-watch').click();
    // Each sees the other in the chat's header.
    await expect(alice.getByTestId('collision-summary')).toHaveText('Sam Supervisor is also viewing');
    await expect(supervisor.getByTestId('collision-summary')).toHaveText('Alice is also viewing');

    // Alice starts a reply: the supervisor sees it; the supervisor writes a whisper: Alice sees a note.
    await alice.getByTestId('composer-input').fill('Let me check that for');
    await expect(supervisor.getByTestId('collision-viewer')).toHaveAttribute('data-activity', 'replying');
    await expect(supervisor.getByTestId('collision-summary')).toHaveText('Alice is typing a reply');
    await supervisor.getByTestId('whisper-input').fill('Offer free shipping');
    await expect(alice.getByTestId('collision-summary')).toHaveText('Sam Supervisor is writing a note');
    await shots(alice, 'f17-collision');
    await alice.getByTestId('composer-input').press('Enter');
    await expect(widget.getByTestId('message-list')).toContainText('Let me check that for');

    // The supervisor stops watching: gone from Alice's header.
    await supervisor.getByTestId('monitor-watch').click();
    await expect(alice.getByTestId('collision-viewer')).toHaveCount(0);

    await alice.getByTestId('agent-end-chat').click();
    await alice.getByTestId('agent-end-confirm').click();
    await expect(widget.getByText('This chat has ended.')).toBeVisible();
  } finally {
    await session.close();
  }
});

test('a complete chat handled with the keyboard only, and the main screens pass axe', async ({ browser }) => {
  test.setTimeout(240_000);
  const session = browserSession(browser, { viewport: { width: 1440, height: 900 } });
  try {
    const alice = await signInOnline(session, 'alice@demo.test');
    expect(await seriousViolations(alice), 'workspace').toEqual([]);
    const { page: site, widget } = await session.openWidget('Do you ship to Norway?');
    await expect(widget.getByTestId('message-list')).toContainText('Do you ship to Norway?');
    expect(await seriousViolations(site), 'widget').toEqual([]);
    await expect(alice.getByTestId('my-chats').getByTestId('conversation-item')).toHaveCount(1);

    // From here on, the keyboard only. `?` lists the shortcuts, Escape closes.
    await alice.locator('body').press('?');
    await expect(alice.getByTestId('shortcuts-help')).toContainText('Command palette');
    await alice.keyboard.press('Escape');
    await expect(alice.getByTestId('shortcuts-help')).toHaveCount(0);

    // The palette: go to the chat.
    await alice.keyboard.press('Control+k');
    await expect(alice.getByTestId('command-palette')).toBeVisible();
    await expect(alice.getByTestId('command-input')).toBeFocused();
    await alice.keyboard.type('norway');
    await expect(alice.getByTestId('command-item').first()).toContainText('Go to');
    await shots(alice, 'f17-command-palette');
    await alice.keyboard.press('Enter');
    await expect(alice.getByTestId('command-palette')).toHaveCount(0);
    await expect(alice.getByTestId('chat-title')).toBeVisible();

    // Alt+K focuses the reply box; Enter sends.
    await alice.keyboard.press('Alt+k');
    await expect(alice.getByTestId('composer-input')).toBeFocused();
    await alice.keyboard.type('Yes, we ship to Norway in 3 days.');
    await alice.keyboard.press('Enter');
    await expect(widget.getByTestId('message-list')).toContainText('Yes, we ship to Norway in 3 days.');

    // A note from the palette.
    await alice.keyboard.press('Control+k');
    await alice.keyboard.type('internal note');
    await alice.keyboard.press('Enter');
    await expect(alice.getByTestId('composer-input')).toBeFocused();
    await alice.keyboard.type('Asked about Norway shipping');
    await alice.keyboard.press('Enter');
    await expect(alice.getByTestId('note')).toContainText('Asked about Norway shipping');

    // Status from the palette.
    await alice.keyboard.press('Control+k');
    await alice.keyboard.type('busy');
    await alice.keyboard.press('Enter');
    await expect(alice.getByTestId('status-busy')).toHaveAttribute('aria-checked', 'true');

    // End the chat: Alt+E asks, the focus is on Cancel, Tab reaches "End chat".
    await alice.keyboard.press('Alt+e');
    await expect(alice.getByTestId('agent-end-confirm-bar')).toBeVisible();
    await alice.keyboard.press('Tab');
    await expect(alice.getByTestId('agent-end-confirm')).toBeFocused();
    await alice.keyboard.press('Enter');
    await expect(widget.getByText('This chat has ended.')).toBeVisible();

    await alice.keyboard.press('Control+k');
    await alice.keyboard.type('go online');
    await alice.keyboard.press('Enter');
    await expect(alice.getByTestId('status-online')).toHaveAttribute('aria-checked', 'true');
    await alice.getByTestId('status-offline').click();

    // The console home.
    const admin = await session.signIn('admin@demo.test');
    await admin.waitForURL('**/admin**');
    await expect(admin.getByRole('main')).toBeVisible();
    expect(await seriousViolations(admin), 'console home').toEqual([]);
  } finally {
    await session.close();
  }
});

test('sneak peek, once the admin turns it on: the widget says so and the agent sees the unsent text', async ({ browser }) => {
  test.setTimeout(240_000);
  const session = browserSession(browser, { viewport: { width: 1440, height: 900 } });
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  const toggle = async (on: boolean) => {
    await admin.goto('/admin/customers');
    await admin.getByTestId('sneak-peek-on').setChecked(on);
    await admin.getByRole('button', { name: 'Save' }).first().click();
    await expect(admin.getByText('Saved.')).toBeVisible();
  };
  try {
    await toggle(true);
    const alice = await signInOnline(session, 'alice@demo.test');
    const { widget } = await session.openWidget('Question about sizes');
    await expect(widget.getByTestId('sneak-peek-notice')).toHaveText('Our team can see what you type before you send it.');
    await alice.getByTestId('my-chats').getByTestId('conversation-item').filter({ hasText: 'Question about sizes' }).click();
    await widget.getByTestId('composer-input').pressSequentially('Is size 42 in stock', { delay: 20 });
    await expect(alice.getByTestId('sneak-peek')).toContainText('Is size 42 in stock');
    await widget.getByTestId('composer-input').press('Enter');
    await expect(alice.getByTestId('message-list')).toContainText('Is size 42 in stock');
    await expect(alice.getByTestId('sneak-peek')).toHaveCount(0);
    await alice.getByTestId('agent-end-chat').click();
    await alice.getByTestId('agent-end-confirm').click();
    await expect(widget.getByText('This chat has ended.')).toBeVisible();
    await alice.getByTestId('status-offline').click();
  } finally {
    await toggle(false).catch(() => {});
    await session.close();
  }
});
