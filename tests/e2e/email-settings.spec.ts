import { expect, test, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { E2E_ENV } from './e2e-env';
import { browserSession, signInOnline } from './session';

/**
 * Issue 25: the settings of the emails added last (End of Chat > "Email agent replies the visitor has not
 * seen", Widget > "Email logo"), at desktop and phone widths; and the widget telling the server what the
 * visitor saw and which language the site chose.
 */
const SHOTS = process.env.E2E_SHOTS_DIR ?? 'test-results/shots';

const signIn = (browser: Browser, width: number): Promise<Page> => browserSession(browser, { viewport: { width, height: 900 } }).signIn('admin@demo.test');

async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_ENV.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

test('End of Chat: unseen replies are emailed by default; the delay is saved and checked', async ({ browser }) => {
  for (const width of [1440, 390]) {
    const admin = await signIn(browser, width);
    await admin.waitForURL('**/admin**');
    await admin.goto('/admin/live-chat/settings/chat/end-of-chat');
    const toggle = admin.getByLabel('Email agent replies the visitor has not seen');
    await expect(toggle).toBeChecked();
    await admin.getByRole('heading', { name: 'Emails to the visitor' }).scrollIntoViewIfNeeded();
    await admin.screenshot({ path: `${SHOTS}/email-unseen-settings-${width}.png`, fullPage: true });
  }
  const admin = await signIn(browser, 1440);
  await admin.waitForURL('**/admin**');
  await admin.goto('/admin/live-chat/settings/chat/end-of-chat');
  const minutes = admin.getByLabel('When unseen for (minutes)');
  await minutes.fill('0');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByText('At least 0.01 minutes')).toBeVisible();
  await minutes.fill('15');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByText(/Saved\. Your changes are live/)).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel('When unseen for (minutes)')).toHaveValue('15');
  // Back to the default for the other specs.
  await admin.getByLabel('When unseen for (minutes)').fill('10');
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByText(/Saved\. Your changes are live/)).toBeVisible();
});

test('Widget: the email logo takes https addresses only', async ({ browser }) => {
  const admin = await signIn(browser, 1440);
  await admin.waitForURL('**/admin**');
  await admin.goto('/admin/widget');
  const logo = admin.getByLabel('Email logo (https:// image address)');
  await logo.fill('http://example.com/logo.png');
  await admin.getByRole('button', { name: 'Save' }).first().click();
  await expect(admin.getByText('Use an https:// image address')).toBeVisible();
  await logo.fill('https://example.com/email-logo.png');
  await admin.getByRole('button', { name: 'Save' }).first().click();
  await expect(admin.getByText(/Saved\. Your changes are live/)).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel('Email logo (https:// image address)')).toHaveValue('https://example.com/email-logo.png');
  for (const width of [1440, 390]) {
    const page = await signIn(browser, width);
    await page.waitForURL('**/admin**');
    await page.goto('/admin/widget');
    await page.getByLabel('Email logo (https:// image address)').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/email-logo-setting-${width}.png` });
  }
  // Back to none for the other specs.
  await admin.getByLabel('Email logo (https:// image address)').fill('');
  await admin.getByRole('button', { name: 'Save' }).first().click();
  await expect(admin.getByText(/Saved\. Your changes are live/)).toBeVisible();
});

test('the widget reports what the visitor saw and the language the site chose', async ({ browser }) => {
  const agent = await signInOnline(browserSession(browser), 'alice@demo.test');
  const { page, widget } = await browserSession(browser).openWidget('Is the blue one in stock?');
  await expect(agent.getByTestId('message-list')).toContainText('Is the blue one in stock?');
  await agent.getByTestId('composer-input').fill('Yes, two left.');
  await agent.getByTestId('composer-input').press('Enter');
  await expect(widget.getByTestId('message-list')).toContainText('Yes, two left.');
  // The widget is open: the reply is marked seen on the server (it will not be emailed).
  await expect
    .poll(async () => {
      const rows = await query<{ seen: number; last: number }>(
        `select m.seen_seq as seen, c.last_seq as last from visitor_read_marks m join conversations c on c.id = m.conversation_id
         where c.id = (select conversation_id from messages where body = 'Yes, two left.' order by created_at desc limit 1)`,
        [],
      );
      return rows[0] ? rows[0].seen === rows[0].last : false;
    })
    .toBe(true);
  // The site switches the widget to German: the server remembers it for the visitor's emails.
  await page.evaluate(() => (window as unknown as { LiveChat: (cmd: string, arg: string) => void }).LiveChat('setLanguage', 'de'));
  await expect
    .poll(async () => {
      const rows = await query<{ lang: string | null }>(
        `select d.widget_language as lang from visitor_devices d join conversations c on c.visitor_id = d.visitor_id
         where c.id = (select conversation_id from messages where body = 'Yes, two left.' order by created_at desc limit 1)`,
        [],
      );
      return rows[0]?.lang ?? null;
    })
    .toBe('de');
  // Alice's slot is free again for the next specs.
  await agent.getByTestId('agent-end-chat').click();
  await agent.getByTestId('agent-end-confirm').click();
});
