import { expect, test, type Browser, type Page } from '@playwright/test';
import { browserSession, signInOnline } from './session';

const signIn = (browser: Browser, email: string): Promise<Page> => browserSession(browser).signIn(email);

test('admin blocks a customer word; the widget refuses the message; the supervisor sees the alert live', async ({ browser }) => {
  // The admin sets the customer list to "block" and adds a word.
  const admin = await signIn(browser, 'admin@demo.test');
  await admin.waitForURL('**/admin**');
  await admin.getByRole('navigation').getByRole('link', { name: 'Sensitive Words' }).click();
  await admin.waitForURL('**/settings/chat/sensitive-words');
  await admin.getByTestId('sw-action-customer').selectOption('block');
  await admin.getByTestId('sw-save-actions').click();
  await expect(admin.getByText('Saved. Your changes are live.')).toBeVisible();
  await admin.getByTestId('sw-add-customer').fill('Cheapskate\n坏词');
  await admin.getByTestId('sw-add-submit-customer').click();
  await expect(admin.getByText('Added 2 words.')).toBeVisible();
  await expect(admin.getByTestId('sw-row')).toHaveCount(2);
  await admin.getByLabel('Search customer words').fill('cheap');
  await expect(admin.getByTestId('sw-row')).toHaveCount(1);
  await admin.screenshot({ path: 'test-results/moderation-sensitive-words.png', fullPage: true });

  // The supervisor opens Live Chat > Monitoring.
  const supervisor = await signIn(browser, 'supervisor@demo.test');
  await supervisor.waitForURL('**/admin**');
  await supervisor.getByRole('navigation').getByRole('link', { name: 'Monitoring' }).click();
  await supervisor.waitForURL('**/admin/live-chat/monitoring');
  await expect(supervisor.getByTestId('monitor-connection')).toHaveText('Live');

  // An agent is online; a visitor writes a message with the word (spaced and upper-case).
  const agent = await signInOnline(browserSession(browser), 'alice@demo.test');

  const { widget } = await browserSession(browser).openWidget('Hi there');
  await expect(agent.getByTestId('message-list')).toContainText('Hi there');
  // The new chat appears on the monitoring page without a reload.
  await expect(supervisor.getByTestId('monitor-conversation')).toHaveCount(1);

  await widget.getByTestId('composer-input').fill('You are a C H E A P S K A T E');
  await widget.getByTestId('composer-input').press('Enter');
  await expect(widget.getByTestId('message-error')).toContainText('Your message contains a word that is not allowed: Cheapskate');

  // Live on the monitoring page: the alert and the conversation's badge.
  await expect(supervisor.getByTestId('alert-feed')).toContainText('Customer wrote “Cheapskate” (blocked)');
  await expect(supervisor.getByTestId('alert-badge')).toHaveText('1');
  await supervisor.screenshot({ path: 'test-results/moderation-monitoring.png', fullPage: true });

  // The agent never received it.
  await widget.getByTestId('composer-input').fill('Sorry about that');
  await widget.getByTestId('composer-input').press('Enter');
  await expect(agent.getByTestId('message-list')).toContainText('Sorry about that');
  await expect(agent.getByTestId('message-list')).not.toContainText('C H E A P');

  // The supervisor watches the chat and whispers; the agent sees it, the visitor does not.
  await supervisor.getByTestId('monitor-watch').click();
  await expect(supervisor.getByTestId('monitor-transcript')).toContainText('Sorry about that');
  await supervisor.getByTestId('whisper-input').fill('Stay calm, offer a discount');
  await supervisor.getByTestId('whisper-send').click();
  await expect(agent.getByTestId('whisper')).toContainText('Stay calm, offer a discount');
  await agent.getByTestId('composer-input').fill('No problem! Here is 10% off.');
  await agent.getByTestId('composer-input').press('Enter');
  await expect(widget.getByTestId('message-list')).toContainText('No problem! Here is 10% off.');
  await expect(widget.getByTestId('message-list')).not.toContainText('offer a discount');
  await supervisor.screenshot({ path: 'test-results/moderation-watch.png', fullPage: true });

  // Leave the shared e2e workspace as found: the chat ends, so the agent carries no load into later specs.
  await agent.getByTestId('agent-end-chat').click();
  await agent.getByTestId('agent-end-confirm').click();
  await expect(widget.getByText('This chat has ended.')).toBeVisible();
});
