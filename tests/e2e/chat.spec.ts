import { expect, test, type Browser, type Page } from '@playwright/test';
import { browserSession, signInOnline } from './session';

const signIn = (browser: Browser, email: string): Promise<Page> => browserSession(browser).signIn(email);

test('admin signs in, agent goes online, a visitor on /demo chats with the agent', async ({ browser }) => {
  // The admin reaches the console.
  const admin = await signIn(browser, 'admin@demo.test');
  await admin.waitForURL('**/admin**');
  await expect(admin.getByRole('navigation').getByText('Mode Settings')).toBeVisible();

  // The agent goes online in the workspace.
  const agent = await signInOnline(browserSession(browser), 'alice@demo.test');

  // A visitor opens the widget on the plain demo page and writes.
  const { page: visitor, widget } = await browserSession(browser).openWidget('Hello, do you ship to Norway?');

  // The chat arrives live at the agent, who sees the typing indicator and replies.
  // Scoped to "My chats": ended chats of earlier specs may be listed under "Recently ended".
  await expect(agent.getByTestId('my-chats').getByTestId('conversation-item')).toHaveCount(1);
  await expect(agent.getByTestId('message-list')).toContainText('Hello, do you ship to Norway?');
  await expect(widget.getByTestId('widget-status')).toHaveText('Chatting with Alice');
  await widget.getByTestId('composer-input').fill('Also to Sweden');
  await expect(agent.getByTestId('typing-indicator')).toBeVisible();
  await widget.getByTestId('composer-input').press('Enter');
  await expect(agent.getByTestId('message-list')).toContainText('Also to Sweden');

  await agent.getByTestId('composer-input').fill('Yes, to both. Delivery takes 3-5 days.');
  await expect(widget.getByTestId('typing-indicator')).toBeVisible();
  await agent.getByTestId('composer-input').press('Enter');
  await expect(widget.getByTestId('message-list')).toContainText('Yes, to both. Delivery takes 3-5 days.');

  // Both sides show the same messages in the same order.
  const visitorTexts = await widget.locator('[data-testid=message]').allTextContents();
  const agentTexts = await agent.locator('[data-testid=message]').allTextContents();
  expect(visitorTexts).toEqual(['Hello, do you ship to Norway?', 'Also to Sweden', 'Yes, to both. Delivery takes 3-5 days.']);
  expect(agentTexts).toEqual(visitorTexts);

  // A reload keeps the visitor's identity and history.
  await visitor.reload();
  await visitor.getByTestId('livechat-launcher').click();
  await expect(widget.getByTestId('message-list')).toContainText('Yes, to both. Delivery takes 3-5 days.');

  // The agent ends the chat; the visitor sees it ended.
  await agent.getByTestId('agent-end-chat').click();
  await agent.getByTestId('agent-end-confirm').click();
  await expect(widget.getByText('This chat has ended.')).toBeVisible();
  await expect(widget.getByTestId('new-chat')).toBeVisible();
});
