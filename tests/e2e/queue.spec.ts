import { expect, test } from '@playwright/test';
import { browserSession } from './session';

/**
 * Issue 3: with a reception limit of 1 the second visitor waits in the queue, sees its position, and is
 * assigned as soon as the agent ends the first chat. Bob never signs in, so Alice is the only agent online.
 * Leaves nothing behind for other specs: both chats are ended, Alice's limit is reset, contexts closed.
 */
test('reception limit 1: the second visitor queues, sees its position, and is assigned when the first chat ends', async ({ browser }) => {
  const session = browserSession(browser);
  const { signIn } = session;
  const openWidget = async (text: string) => (await session.openWidget(text)).widget;

  const admin = await signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  let aliceId: string | null = null;
  try {
    // The admin sets Alice's reception limit to 1 on the Agents page.
    await admin.goto('/admin/agents');
    await admin.getByRole('link', { name: 'Edit Alice' }).click();
    await admin.waitForURL(/\/admin\/agents\/[0-9a-f-]{36}$/);
    aliceId = new URL(admin.url()).pathname.split('/').pop()!;
    await admin.getByLabel('Reception limit').fill('1');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await expect(admin.getByText('Changes saved.')).toBeVisible();

    // Alice goes online with room for one chat.
    const alice = await signIn('alice@demo.test');
    await alice.waitForURL('**/agent');
    await expect(alice.getByTestId('connection-state')).toHaveText('Connected');
    await alice.getByTestId('status-online').click();
    await expect(alice.getByTestId('status-online')).toHaveAttribute('aria-checked', 'true');
    await expect(alice.getByTestId('load')).toHaveText('0 / 1 chats');
    const myChats = alice.getByTestId('my-chats').getByTestId('conversation-item');
    await expect(myChats).toHaveCount(0);

    // Visitor 1 is assigned to Alice, which fills her limit.
    const first = await openWidget('First visitor: where is my order?');
    await expect(first.getByTestId('widget-status')).toHaveText('Chatting with Alice');
    await expect(alice.getByTestId('load')).toHaveText('1 / 1 chats');
    await expect(myChats).toHaveCount(1);
    await expect(alice.getByTestId('message-list')).toContainText('First visitor: where is my order?');

    // Visitor 2 waits first in line.
    const second = await openWidget('Second visitor: anyone there?');
    await expect(second.getByTestId('queue-position')).toHaveAttribute('data-position', '1');
    await expect(second.getByTestId('widget-status')).toContainText('#1 in queue');
    await expect(myChats).toHaveCount(1);

    // Alice ends the first chat: the queued chat is assigned to her at once.
    await alice.getByTestId('agent-end-chat').click();
    await alice.getByTestId('agent-end-confirm').click();
    await expect(first.getByText('This chat has ended.')).toBeVisible();
    await expect(second.getByTestId('widget-status')).toHaveText('Chatting with Alice');
    await expect(second.getByTestId('queue-position')).toHaveCount(0);
    await expect(myChats).toHaveCount(1);
    await expect(alice.getByTestId('load')).toHaveText('1 / 1 chats');
    await myChats.first().click();
    await expect(alice.getByTestId('message-list')).toContainText('Second visitor: anyone there?');

    // Clean up: Alice ends the second chat too.
    await alice.getByTestId('agent-end-chat').click();
    await alice.getByTestId('agent-end-confirm').click();
    await expect(second.getByText('This chat has ended.')).toBeVisible();
    await expect(alice.getByTestId('load')).toHaveText('0 / 1 chats');
  } finally {
    if (aliceId) await admin.request.patch(`/api/admin/agents/${aliceId}`, { data: { receptionLimit: null } });
    await session.close();
  }
});
