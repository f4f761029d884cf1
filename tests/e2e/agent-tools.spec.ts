import { expect, test } from '@playwright/test';
import { browserSession, pasteImage, shot, signInOnline } from './session';

/**
 * Issue 15, the agent's day end to end. The admin creates a tag; Alice saves a personal canned reply; a
 * visitor pastes a photo; Alice sees the thumbnail, replies with a file and the canned reply ("/"), writes a
 * note mentioning Bob (told live), tags the chat, ends it and finds it in history by a word and the tag.
 * Then the workspace at 390 px wide: list (unread badge, tab title) -> chat -> details (visitor's local
 * time, language, profile) -> back. The e2e workspace is shared by every spec: each chat opened here is
 * ended, and the tag, the canned reply and the agents' statuses are put back as found.
 * Screenshots for review when SCREENSHOT_DIR is set.
 */
test('attachments both ways, a canned reply, a note with @mention and a tag; found again in history', async ({ browser }) => {
  // Three signed-in pages, a widget, uploads and five page loads on a shared two-core machine (at load
  // average 16 one run needed more than three minutes).
  test.setTimeout(300_000);
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

    // The visitor asks and pastes a photo; Alice sees it as a thumbnail (loaded through its signed link).
    const { widget } = await session.openWidget('How fast do you ship? My teapot order is late');
    const myChats = alice.getByTestId('my-chats').getByTestId('conversation-item');
    await expect(myChats).toHaveCount(1);
    await expect(alice.getByTestId('conversation-preview').first()).toContainText('My teapot order is late');
    await myChats.click();
    await pasteImage(widget);
    await expect(widget.getByTestId('upload-item')).toHaveAttribute('data-state', 'done');
    await widget.getByTestId('composer-send').click();
    const thumb = alice.getByTestId('attachment-thumb');
    await expect(thumb).toBeVisible();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

    // Alice attaches a file, then "/" offers the canned replies; the keyboard picks one, placeholders filled;
    // file and text go together.
    const input = alice.getByTestId('composer-input');
    await alice.getByTestId('composer-file-input').setInputFiles({ name: 'shipping-times.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await expect(alice.getByTestId('upload-item')).toHaveAttribute('data-state', 'done');
    await input.fill('/ship');
    await expect(alice.getByTestId('canned-suggestions')).toContainText('/shipping');
    await input.press('Enter');
    await expect(input).toHaveValue('Hi there, Alice here: we ship within 2 days.');
    await input.press('Enter');
    await expect(widget.getByTestId('message-list')).toContainText('Alice here: we ship within 2 days.');
    await expect(widget.getByTestId('attachment-card')).toContainText('shipping-times.pdf');
    await expect(alice.getByTestId('message-sender').last()).toContainText('Alice (you)');

    // A note mentioning Bob: staff only, Bob is told live.
    await alice.getByTestId('composer-mode-note').click();
    await expect(alice.getByTestId('composer-mode-note')).toHaveAttribute('aria-selected', 'true');
    await input.fill('Please check the invoice @Bo');
    await expect(alice.getByTestId('mention-suggestions')).toContainText('Bob');
    await input.press('Enter');
    await expect(input).toHaveValue('Please check the invoice @Bob ');
    await input.press('Enter');
    await expect(alice.getByTestId('note')).toContainText('Please check the invoice @Bob');
    await expect(input).toHaveValue('');
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
    await shot(alice, 'agent-tools-workspace');
    await alice.getByTestId('shortcuts-button').click();
    await expect(alice.getByTestId('shortcuts-help')).toContainText('Next chat');
    await alice.getByTestId('shortcuts-button').click();

    // The note never reached the visitor. The chat ends (shared workspace: no load carried into later specs).
    await expect(widget.getByTestId('message-list')).not.toContainText('invoice');
    await alice.getByTestId('agent-end-chat').click();
    await alice.getByTestId('agent-end-confirm').click();
    await expect(widget.getByText('This chat has ended.')).toBeVisible();

    // History: found by a word, narrowed by the tag; the transcript opens at the matching message.
    await alice.goto('/agent/history');
    await alice.getByTestId('history-search').fill('teapot');
    const result = alice.getByTestId('history-result');
    await expect(result).toHaveCount(1);
    await expect(result.locator('mark')).toHaveText('teapot');
    await alice.getByTestId('history-filter-tag').selectOption({ label: 'Billing' });
    await expect(result).toHaveCount(1);
    await expect(result.getByTestId('history-tag')).toHaveText('Billing');
    await shot(alice, 'agent-tools-history');
    await result.click();
    await expect(alice.getByTestId('transcript-focused')).toContainText('My teapot order is late');
    await expect(alice.getByTestId('transcript')).toContainText('shipping-times.pdf');

    // Put the shared workspace back: Alice offline, her canned reply and the tag deleted.
    await alice.goto('/agent');
    await expect(alice.getByTestId('connection-state')).toHaveText('Connected');
    await alice.getByTestId('status-offline').click();
    await expect(alice.getByTestId('status-offline')).toHaveAttribute('aria-checked', 'true');
    await alice.getByTestId('canned-manage').click();
    await alice.getByTestId('canned-manager').getByRole('listitem').filter({ hasText: '/shipping' }).getByRole('button', { name: 'Delete' }).click();
    await expect(alice.getByTestId('canned-manager')).not.toContainText('/shipping');
    await admin.getByRole('listitem').filter({ hasText: 'Billing' }).getByRole('button', { name: 'Delete' }).click();
    await expect(admin.getByText('Billing', { exact: true })).toHaveCount(0);
  } finally {
    await session.close();
  }
});

test('the workspace at 390 px: list, chat, details and back', async ({ browser }) => {
  test.setTimeout(120_000);
  const mobile = browserSession(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  // The visitor is somewhere else: the agent sees their local time zone and language.
  const visitors = browserSession(browser, { timezoneId: 'Australia/Sydney', locale: 'en-AU' });
  try {
    const bob = await signInOnline(mobile, 'bob@demo.test');
    // Nothing overflows sideways.
    expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const { widget } = await visitors.openWidget('My parcel did not arrive');
    const item = bob.getByTestId('my-chats').getByTestId('conversation-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('My parcel did not arrive');
    await expect(bob.getByTestId('load')).toHaveText(/^1 \/ \d+ chats$/);
    // The list is what shows on a phone: the new chat's first message is unread, also in the tab title.
    await expect(bob.getByTestId('unread-badge')).toHaveText('1');
    await expect(bob).toHaveTitle('(1) Agent workspace');
    await shot(bob, 'agent-tools-list');

    await item.click();
    await expect(bob.getByTestId('message-list')).toContainText('My parcel did not arrive');
    await expect(bob.getByTestId('back-to-list')).toBeVisible();
    await expect(bob).toHaveTitle('Agent workspace');
    await bob.getByTestId('composer-input').fill('Sorry to hear that, let me check.');
    await bob.getByTestId('composer-input').press('Enter');
    await expect(widget.getByTestId('message-list')).toContainText('let me check');
    expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(bob, 'agent-tools-chat');

    await bob.getByTestId('show-details').click();
    const context = bob.getByTestId('visitor-context');
    await expect(context).toBeVisible();
    await expect(context).toContainText('Australia/Sydney');
    await expect(context).toContainText(/English · en-AU/);
    await bob.getByTestId('profile-edit').click();
    await bob.getByTestId('profile-name').fill('Pat Parcel');
    await bob.getByTestId('profile-email').fill('pat@example.com');
    await bob.getByTestId('profile-save').click();
    await expect(context).toContainText('pat@example.com');
    expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(bob, 'agent-tools-details');
    // The ban dialog (issue 22): banning the address is a separate choice, shown with how many other visitors
    // share it. Only looked at: the e2e workspace is shared, and every e2e visitor comes from one address.
    await bob.getByTestId('ban-open').click();
    await expect(bob.getByTestId('ban-address')).not.toBeChecked();
    await expect(bob.getByTestId('ban-address-others')).toContainText(/seen from it in the last 30 days/);
    expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await bob.getByTestId('ban-submit').scrollIntoViewIfNeeded();
    await shot(bob, 'agent-tools-ban-dialog');
    await bob.getByTestId('ban-form').getByRole('button', { name: 'Cancel' }).click();
    await bob.getByTestId('back-to-chat').click();
    await expect(bob.getByTestId('chat-title')).toHaveText('Pat Parcel');
    await bob.getByTestId('agent-end-chat').click();
    await bob.getByTestId('agent-end-confirm').click();
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
