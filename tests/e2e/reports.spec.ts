import { expect, test, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { createDb } from '../../src/db/client';
import { ReportFixture } from '../integration/reports-fixture';
import { E2E_ENV } from './e2e-env';
import { browserSession } from './session';

/**
 * Reports console (F14) against the built app: seeded chats at known instants in the demo workspace, then
 * the console's cards, the API and the CSV must show the same numbers; every view is screenshotted at 1440
 * and 390 px wide.
 */
const SHOTS = process.env.REPORT_SHOTS_DIR ?? 'test-results/shots';
const RANGE = 'preset=custom&from=2026-03-23&to=2026-03-30';

test.beforeAll(async () => {
  const db = createDb(E2E_ENV.DATABASE_URL, { max: 2 });
  try {
    const { rows } = await db.execute<{ id: string }>(sql`select id from workspaces where widget_key = 'wk_demo_livechat'`);
    const ws = rows[0].id;
    const { rows: staff } = await db.execute<{ id: string; email: string }>(sql`select id, email from users where workspace_id = ${ws}`);
    const alice = staff.find((s) => s.email === 'alice@demo.test')!.id;
    const bob = staff.find((s) => s.email === 'bob@demo.test')!.id;
    const { rows: already } = await db.execute<{ n: number }>(sql`select count(*)::int as n from report_events where workspace_id = ${ws} and at >= '2026-03-23' and at < '2026-03-30'`);
    if (already[0].n) return;
    const { rows: visitors } = await db.execute<{ id: string }>(sql`insert into visitors (workspace_id) values (${ws}) returning id`);
    const f = new ReportFixture(db, ws, visitors[0].id);
    await f.status(alice, 'online', '2026-03-24T08:00:00Z');
    await f.status(alice, 'offline', '2026-03-24T16:00:00Z');
    await f.status(bob, 'online', '2026-03-25T08:00:00Z');
    await f.status(bob, 'offline', '2026-03-25T16:00:00Z');
    // 12 chats over the week: Alice on Tue, Bob on Wed, two abandoned, one missed.
    for (let i = 0; i < 12; i++) {
      const day = i < 6 ? '24' : '25';
      const agent = i < 6 ? alice : bob;
      const at = (m: number) => new Date(Date.parse(`2026-03-${day}T09:00:00Z`) + (i % 6) * 3_600_000 + m * 1000).toISOString();
      const c = await f.start(at(0), i % 3 === 0 ? 'mobile' : 'desktop');
      await f.queue(c, at(0));
      await f.visitor(c, at(5));
      if (i === 4 || i === 10) {
        await f.end(c, at(90), 'visitor');
        continue;
      }
      await f.assign(c, agent, at(20 + i * 5));
      if (i !== 7) await f.agentSays(c, agent, at(40 + i * 10));
      await f.end(c, at(600 + i * 60));
      await f.invite(c, at(600 + i * 60));
      if (i % 2 === 0) await f.rate(c, agent, 5, i % 4 === 0 ? 5 : 2, at(660 + i * 60));
    }
  } finally {
    await db.$client.end();
  }
});

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/reports-${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/reports-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('the console, the API and the CSV show the same figures; every view renders', async ({ browser }) => {
  test.setTimeout(240_000); // twelve full-page screenshots on a shared machine
  const admin = await browserSession(browser, { viewport: { width: 1440, height: 900 } }).signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  await admin.goto(`/admin/reports?${RANGE}`);
  const cards = admin.getByTestId('report-cards');
  await expect(cards).toBeVisible();

  // API: the same query the console made.
  const api = await (await admin.request.get(`/api/reports/summary?from=2026-03-23&to=2026-03-30&tz=UTC&groupBy=day&workingHours=false`)).json();
  // Missed: the chat nobody answered and the two that left the queue (working hours are off: always receiving).
  expect(api.current.counts).toMatchObject({ conversations: 12, abandoned: 2, missed: 3, chats: 10 });
  await expect(cards.getByRole('listitem').filter({ hasText: 'Conversations' })).toContainText('12');
  await expect(cards.getByRole('listitem').filter({ hasText: 'Missed chats' })).toContainText('3');
  await expect(cards.getByRole('listitem').filter({ hasText: 'Abandonment' })).toContainText(`${(api.current.rates.abandonment * 100).toFixed(1)} %`);
  await expect(cards.getByRole('listitem').filter({ hasText: 'CSAT' })).toContainText(`${(api.current.rates.csat * 100).toFixed(1)} %`);
  // CSV of the same screen: BOM and the same count.
  const csv = await admin.request.get(`/api/reports/export.csv?from=2026-03-23&to=2026-03-30&tz=UTC&groupBy=day&workingHours=false&view=series`);
  const text = await csv.text();
  const lines = text.replace(/^\uFEFF/, '').trim().split('\n');
  const header = lines[0].split(',');
  expect(lines.at(-1)!.split(',')[header.indexOf('conversations')]).toBe('12');
  await expect(admin.locator('.recharts-surface').first()).toBeVisible();
  await shoot(admin, 'overview');

  await admin.getByRole('button', { name: 'Agents', exact: true }).click();
  await expect(admin).toHaveURL(/tab=agents/);
  const table = admin.getByTestId('agent-table');
  await expect(table.getByRole('row', { name: /Alice/ })).toBeVisible();
  await table.getByRole('button', { name: 'Occupancy' }).click();
  await shoot(admin, 'agents');

  await admin.getByRole('button', { name: 'Busiest hours' }).click();
  await expect(admin.getByTestId('heatmap')).toBeVisible();
  await shoot(admin, 'busiest');

  await admin.getByRole('button', { name: 'Queue', exact: true }).click();
  await expect(admin.getByTestId('queue-stats')).toContainText('Left unassigned');
  await shoot(admin, 'queue');

  // Filters live in the URL: a reload keeps them.
  await admin.goto(`/admin/reports?${RANGE}&channel=mobile`);
  await expect(admin.getByLabel('Channel')).toHaveValue('mobile');
  await expect(admin.getByTestId('report-cards').getByRole('listitem').filter({ hasText: 'Conversations' })).toContainText('4');

  // Empty range.
  await admin.goto('/admin/reports?preset=custom&from=2020-01-06&to=2020-01-07');
  await expect(admin.getByText('Nothing to show')).toBeVisible();
  await shoot(admin, 'empty');

  await admin.goto('/admin/reports?tab=live');
  await expect(admin.getByTestId('live-tab')).toBeVisible();
  await expect(admin.getByText('Waiting now')).toBeVisible();
  await shoot(admin, 'live');
});

test('an agent sees their own figures at /agent/reports, reached from the agent workspace', async ({ browser }) => {
  test.setTimeout(120_000);
  // The console's live tab (monitoring socket) follows Bob's status within 2 s.
  const admin = await browserSession(browser, { viewport: { width: 1440, height: 900 } }).signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  await admin.goto('/admin/reports?tab=live');
  await expect(admin.getByText('Live: updates as they happen')).toBeVisible();
  const bob = await browserSession(browser, { viewport: { width: 1440, height: 900 } }).signIn('bob@demo.test');
  await bob.waitForURL('**/agent**');
  await expect(bob.getByTestId('status-busy')).toBeEnabled();
  const bobRow = admin.getByTestId('live-tab').getByRole('row').filter({ hasText: 'Bob' });
  for (const status of ['busy', 'online'] as const) {
    await bob.getByTestId(`status-${status}`).click();
    const t0 = Date.now();
    await expect(bobRow).toContainText(status === 'busy' ? 'Busy' : 'Online', { timeout: 2_000 });
    console.log(`live tab: Bob ${status} shown after ${Date.now() - t0} ms`);
  }
  await bob.getByTestId('my-figures-link').click();
  await bob.waitForURL('**/agent/reports**');
  await expect(bob.getByRole('heading', { name: 'My figures' })).toBeVisible();
  await bob.goto(`/agent/reports?${RANGE}`);
  const cards = bob.getByTestId('report-cards');
  await expect(cards).toBeVisible();
  // Bob handled chats 6-11 except 10 (it left the queue): 5 conversations, 5 chats assigned.
  const api = await (await bob.request.get('/api/reports/summary?from=2026-03-23&to=2026-03-30&tz=UTC&groupBy=day&workingHours=false')).json();
  expect(api.query.agentId).toBeTruthy();
  expect(api.current.counts).toMatchObject({ conversations: 5, chats: 5 });
  await expect(cards.getByRole('listitem').filter({ hasText: 'Conversations' })).toContainText('5');
  // No agent picker, no live or queue tab: only their own figures.
  await expect(bob.getByLabel('Agent', { exact: true })).toHaveCount(0);
  await expect(bob.getByRole('button', { name: 'Live' })).toHaveCount(0);
  await shoot(bob, 'my-figures');
});
