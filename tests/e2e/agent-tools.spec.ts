import { expect, test } from '@playwright/test';
import { browserSession, signInOnline } from './session';

/**
 * Issue 15 agent tools end to end: the admin creates a tag in the console; Alice saves a personal canned
 * reply, inserts it with "/", writes a note mentioning Bob (who is told live), tags the chat; then the
 * workspace at 390 px wide is used end to end (list -> chat -> details -> back).
 * Screenshots land in test-results/agent-tools-*.png for review.
 */
test('canned reply via /, a note with @mention and a tag, at 1440 px', async ({ browser }) => {
  const session = browserSession(browser, { viewport: { width: 1440, height: 900 } });
  try {
    const admin = await session.signIn('admin@demo.test');
    await admin.waitForURL('**/admin**');
    await admin.goto('/admin/live-chat/tags');
    await admin.getByTestId('tag-new').click();
    await admin.getByTestId('tag-name').fill('Billing');
    await admin.getByTestId('tag-save').click();
    await expect(admin.getByText('Billing', { exact: true })).toBeVisible();

    const bob = await session.signIn('bob@demo.test');
    await bob.waitForURL('**/agent');
    await expect(bob.getByTestId('connection-state')).toHaveText('Connected');

    const alice = await signInOnline(session, 'alice@demo.test');
    await alice.getByTestId('canned-manage').click();
    await alice.getByTestId('canned-add').click();
    await alice.getByTestId('canned-shortcut').fill('shipping');
    await alice.getByTestId('canned-body').fill('Hi {visitor.name}, {agent.name} here: we ship within 2 days.');
    await alice.getByTestId('canned-save').click();
    await expect(alice.getByTestId('canned-manager')).toContainText('/shipping');
    await alice.getByRole('button', { name: 'Close' }).click();

    const { widget } = await session.openWidget('How fast do you ship?');
    await expect(alice.getByTestId('my-chats').getByTestId('conversation-item')).toHaveCount(1);
    await expect(alice.getByTestId('conversation-preview').first()).toContainText('How fast do you ship?');
    await alice.getByTestId('my-chats').getByTestId('conversation-item').click();

    // "/" opens the canned replies; keyboard picks one; placeholders are filled.
    const input = alice.getByTestId('composer-input');
    await input.fill('/ship');
    await expect(alice.getByTestId('canned-suggestions')).toContainText('/shipping');
    await input.press('Enter');
    await expect(input).toHaveValue('Hi there, Alice here: we ship within 2 days.');
    await input.press('Enter');
    await expect(widget.getByTestId('message-list')).toContainText('Alice here: we ship within 2 days.');
    await expect(alice.getByTestId('message-sender').first()).toContainText('Alice (you)');

    // A note mentioning Bob: staff only, Bob is told live.
    await alice.getByTestId('composer-mode-note').click();
    await input.fill('Please check the invoice @Bo');
    await expect(alice.getByTestId('mention-suggestions')).toContainText('Bob');
    await input.press('Enter');
    await expect(input).toHaveValue('Please check the invoice @Bob ');
    await input.press('Enter');
    await expect(alice.getByTestId('note')).toContainText('Please check the invoice @Bob');
    await expect(bob.getByTestId('workspace-notice')).toContainText('Alice mentioned you');

    // A tag from the details panel shows in the list.
    await alice.getByTestId('tag-toggle').filter({ hasText: 'Billing' }).click();
    await expect(alice.getByTestId('my-chats').getByTestId('tag-chip')).toHaveText('Billing');

    // Emoji picker and shortcuts help.
    await alice.getByTestId('composer-mode-reply').click();
    await alice.getByTestId('emoji-button').click();
    await alice.getByRole('button', { name: 'Emoji 👍' }).click();
    await expect(input).toHaveValue('👍');
    await input.fill('');
    await alice.getByTestId('shortcuts-button').click();
    await expect(alice.getByTestId('shortcuts-help')).toContainText('Next chat');
    await alice.screenshot({ path: 'test-results/agent-tools-1440.png' });
    await alice.getByTestId('shortcuts-button').click();

    await expect(widget.getByTestId('message-list')).not.toContainText('invoice');
    await alice.getByTestId('agent-end-chat').click();
    await expect(widget.getByText('This chat has ended.')).toBeVisible();
    await alice.getByTestId('status-offline').click();
    await expect(alice.getByTestId('status-offline')).toHaveAttribute('aria-checked', 'true');
  } finally {
    await session.close();
  }
});

test('the workspace at 390 px: list, chat, details and back', async ({ browser }) => {
  const mobile = browserSession(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const visitors = browserSession(browser);
  try {
    const bob = await signInOnline(mobile, 'bob@demo.test');
    // Nothing overflows sideways.
    expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const { widget } = await visitors.openWidget('My parcel did not arrive');
    const item = bob.getByTestId('my-chats').getByTestId('conversation-item');
    await expect(item).toHaveCount(1);
    await expect(bob.getByTestId('load')).toHaveText(/^1 \/ \d+ chats$/);
    await expect(bob.getByTestId('unread-badge')).toHaveText('1');
    await expect(bob).toHaveTitle('(1) Agent workspace');
    await bob.screenshot({ path: 'test-results/agent-tools-390-list.png' });

    await item.click();
    await expect(bob.getByTestId('message-list')).toContainText('My parcel did not arrive');
    await expect(bob.getByTestId('back-to-list')).toBeVisible();
    await expect(bob).toHaveTitle('Agent workspace');
    await bob.getByTestId('composer-input').fill('Sorry to hear that, let me check.');
    await bob.getByTestId('composer-input').press('Enter');
    await expect(widget.getByTestId('message-list')).toContainText('let me check');
    expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await bob.screenshot({ path: 'test-results/agent-tools-390-chat.png' });

    await bob.getByTestId('show-details').click();
    await expect(bob.getByTestId('visitor-context')).toBeVisible();
    await bob.getByTestId('profile-edit').click();
    await bob.getByTestId('profile-name').fill('Pat Parcel');
    await bob.getByTestId('profile-email').fill('pat@example.com');
    await bob.getByTestId('profile-save').click();
    await expect(bob.getByTestId('visitor-context')).toContainText('pat@example.com');
    await bob.screenshot({ path: 'test-results/agent-tools-390-details.png', fullPage: true });
    await bob.getByTestId('back-to-chat').click();
    await expect(bob.getByTestId('chat-title')).toHaveText('Pat Parcel');
    await bob.getByTestId('agent-end-chat').click();
    await expect(widget.getByText('This chat has ended.')).toBeVisible();
    await bob.getByTestId('back-to-list').click();
    await expect(bob.getByTestId('my-chats')).toBeVisible();
    await bob.getByTestId('status-offline').click();
    await expect(bob.getByTestId('status-offline')).toHaveAttribute('aria-checked', 'true');
  } finally {
    await mobile.close();
    await visitors.close();
  }
});
