import { expect, test, type Browser, type Page } from '@playwright/test';
import { browserSession, signInOnline } from './session';

const SHOTS = process.env.E2E_SHOTS_DIR ?? 'test-results/issue5';

const signIn = (browser: Browser, email: string): Promise<Page> => browserSession(browser, { viewport: { width: 1400, height: 900 } }).signIn(email);

test('an agent ends a chat, the visitor rates it 5 with a tag in the widget, the admin sees it in the results', async ({ browser }) => {
  // The admin turns satisfaction ratings on (automatic invitation at chat end is on by default).
  const admin = await signIn(browser, 'admin@demo.test');
  await admin.waitForURL('**/admin**');
  await admin.goto('/admin/live-chat/settings/chat/satisfaction');
  await admin.getByLabel('Collect satisfaction ratings').check();
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByText(/Saved\. Your changes are live/)).toBeVisible();
  await admin.screenshot({ path: `${SHOTS}/satisfaction-settings.png`, fullPage: true });

  const agent = await signInOnline(browserSession(browser), 'alice@demo.test');

  const { page: visitor, widget } = await browserSession(browser).openWidget('My parcel has not arrived');

  await expect(agent.getByTestId('message-list')).toContainText('My parcel has not arrived');
  await agent.getByTestId('composer-input').fill('Sorry! I have re-sent it today.');
  await agent.getByTestId('composer-input').press('Enter');
  await expect(widget.getByTestId('message-list')).toContainText('I have re-sent it today');
  await expect(agent.getByTestId('customer-panel')).toBeVisible();
  await agent.screenshot({ path: `${SHOTS}/agent-customer-panel.png` });

  // The agent ends the chat: the widget invites the visitor to rate.
  await agent.getByTestId('agent-end-chat').click();
  await agent.getByTestId('agent-end-confirm').click();
  await expect(widget.getByTestId('rating-form')).toBeVisible();
  await widget.getByTestId('rating-submit').click();
  await expect(widget.getByTestId('rating-error')).toHaveText('Choose a rating first.');
  await widget.getByTestId('rating-score-5').click();
  await widget.getByTestId('rating-tag').filter({ hasText: 'Quick' }).click();
  await visitor.screenshot({ path: `${SHOTS}/widget-rating-form.png` });
  await widget.getByTestId('rating-submit').click();
  await expect(widget.getByTestId('rating-thanks')).toBeVisible();
  await visitor.screenshot({ path: `${SHOTS}/widget-rating-thanks.png` });

  // The admin sees the rating credited to Alice.
  await admin.goto('/admin/live-chat/satisfaction');
  const byAgent = admin.getByTestId('results-by-agent');
  await expect(byAgent.getByRole('row', { name: /Alice/ })).toContainText('5.00');
  await expect(admin.getByTestId('results-recent')).toContainText('Quick');
  await admin.screenshot({ path: `${SHOTS}/satisfaction-results.png`, fullPage: true });

  // The other console pages of this feature render.
  for (const [path, name] of [
    ['/admin/live-chat/settings/chat/end-of-chat', 'end-of-chat'],
    ['/admin/live-chat/settings/chat/customer-info', 'customer-info'],
    ['/admin/customers', 'customers'],
    ['/admin/widget', 'widget-secret'],
  ] as const) {
    await admin.goto(path);
    await expect(admin.getByRole('heading', { level: 1 })).toBeVisible();
    await admin.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }
});
