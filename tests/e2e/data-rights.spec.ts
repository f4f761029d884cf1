import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { E2E_ENV } from './e2e-env';
import { browserSession } from './session';

/**
 * Issue 22, data rights in the console: an admin exports a customer (a JSON download with their chat) and
 * erases them after typing the partner id; a supervisor sees no such buttons; the retention setting saves.
 * The customer and their chat are written straight into the e2e database (the widget path to a customer
 * is covered by the CRM specs).
 */
async function seedCustomer(partnerId: string): Promise<string> {
  const client = new pg.Client({ connectionString: E2E_ENV.DATABASE_URL });
  await client.connect();
  try {
    const { rows: ws } = await client.query(`select id from workspaces where widget_key = 'wk_demo_livechat'`);
    const workspaceId = ws[0].id as string;
    const { rows: c } = await client.query(`insert into customers (workspace_id, partner_id, name, email) values ($1, $2, 'Gita Data', 'gita@example.test') returning id`, [workspaceId, partnerId]);
    const { rows: v } = await client.query(`insert into visitors (workspace_id, name, customer_id, partner_id) values ($1, 'Gita Data', $2, $3) returning id`, [workspaceId, c[0].id, partnerId]);
    const { rows: conv } = await client.query(`insert into conversations (workspace_id, visitor_id, status, customer_id, ended_at, last_seq) values ($1, $2, 'ended', $3, now(), 1) returning id`, [
      workspaceId,
      v[0].id,
      c[0].id,
    ]);
    await client.query(`insert into messages (workspace_id, conversation_id, seq, sender_type, sender_id, body) values ($1, $2, 1, 'visitor', $3, 'please delete my data, order 8841')`, [workspaceId, conv[0].id, v[0].id]);
    return c[0].id as string;
  } finally {
    await client.end();
  }
}

async function customerExists(id: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: E2E_ENV.DATABASE_URL });
  await client.connect();
  try {
    return Boolean((await client.query('select 1 from customers where id = $1', [id])).rowCount);
  } finally {
    await client.end();
  }
}

test('an admin exports and erases a customer; supervisors cannot; retention saves', async ({ browser }) => {
  const session = browserSession(browser);
  try {
    const partnerId = `gdpr-${Date.now().toString(36)}`;
    const id = await seedCustomer(partnerId);

    const supervisor = await session.signIn('supervisor@demo.test');
    await expect(supervisor).toHaveURL(/\/admin|\/agent/);
    await supervisor.goto(`/admin/customers/${id}`);
    await expect(supervisor.getByRole('heading', { name: 'Gita Data' })).toBeVisible();
    await expect(supervisor.getByTestId('customer-export')).toHaveCount(0);

    const admin = await session.signIn('admin@demo.test');
    await expect(admin).toHaveURL(/\/admin/);
    await admin.setViewportSize({ width: 390, height: 900 });
    await admin.goto(`/admin/customers/${id}`);
    await expect(admin.getByRole('heading', { name: 'Data rights' })).toBeVisible();

    const download = admin.waitForEvent('download');
    await admin.getByTestId('customer-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^customer-.+\.json$/);
    const data = JSON.parse(readFileSync((await file.path())!, 'utf8'));
    expect(data.customer).toMatchObject({ partnerId, name: 'Gita Data', email: 'gita@example.test' });
    expect(data.conversations[0].messages[0]).toMatchObject({ from: 'visitor', body: 'please delete my data, order 8841' });
    await expect(admin.getByText(/Export downloaded/)).toBeVisible();

    await admin.getByTestId('customer-erase').click();
    const confirm = admin.getByTestId('customer-erase-confirm');
    await expect(confirm).toBeDisabled();
    await admin.getByLabel(`Type ${partnerId} to confirm`).fill(partnerId);
    await admin.screenshot({ path: 'test-results/data-rights-erase-confirm.png', fullPage: true });
    await confirm.click();
    await expect(admin).toHaveURL(/\/admin\/customers\?erased=1/);
    await expect(admin.getByText('The customer was erased with 1 conversation.')).toBeVisible();
    expect(await customerExists(id)).toBe(false);

    // Data retention: on with a number of days, saved; then off again.
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.getByTestId('retention-on').check();
    await admin.getByLabel('Keep conversations for (days)').fill('400');
    await admin.getByRole('button', { name: 'Save' }).click();
    await expect(admin.getByText('Saved.')).toBeVisible();
    await admin.screenshot({ path: 'test-results/data-rights-retention.png', fullPage: true });
    await admin.getByTestId('retention-on').uncheck();
    await admin.getByRole('button', { name: 'Save' }).click();
    await expect(admin.getByText('Saved.')).toBeVisible();
  } finally {
    await session.close();
  }
});
