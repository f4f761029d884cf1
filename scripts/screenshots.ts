/**
 * Screenshots of the four main screens as people see them, at 1440 and 390 px, for looking at a change
 * (before / after): the widget embedded on a page of ANOTHER site, the agent workspace with that chat, the
 * supervisor's monitoring page and the submissions inbox. Not a test: it asserts nothing, it shows.
 *
 *   npx tsx scripts/screenshots.ts --base http://localhost:3000 --out /tmp/shots [--prefix before]
 *   npx tsx scripts/screenshots.ts --base … --out … --prechat   (the pre-chat form in three configurations;
 *                                                                 changes the demo workspace's widget settings, then turns the form off)
 *
 * Needs a running product seeded with the demo workspace (`npm run up`, or the e2e server) and Debian's
 * Chromium at /usr/bin/chromium.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';

const { values } = parseArgs({
  options: { base: { type: 'string', default: 'http://localhost:3000' }, out: { type: 'string', default: 'screenshots' }, prefix: { type: 'string', default: 'screen' }, prechat: { type: 'boolean', default: false } },
});
const base = values.base!;
const out = path.resolve(values.out!);
mkdirSync(out, { recursive: true });
const PASSWORD = 'demo-chat-2026';
const WIDTHS = [1440, 390] as const;

async function signIn(browser: Browser, email: string, width: number): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  return page;
}

/** Three forms a customer may choose: everything asked; only an optional email; a topic and consent. */
const PRECHAT_FORMS: Record<string, Record<string, unknown>> = {
  full: { enabled: true, name: 'required', email: 'required', group: { need: 'required' }, customFields: [{ key: 'order', label: 'Order number', required: false }], consent: { enabled: true, linkUrl: 'https://example.com/privacy' } },
  'email-only': { enabled: true, name: 'off', email: 'optional', group: { need: 'off' }, customFields: [], consent: { enabled: false } },
  'topic-consent': { enabled: true, name: 'off', email: 'off', group: { need: 'required' }, customFields: [], consent: { enabled: true, linkUrl: 'https://example.com/privacy' } },
};

async function saveWidget(admin: Page, change: (widget: Record<string, unknown>) => Record<string, unknown>) {
  const current = (await (await admin.request.get('/api/admin/settings/widget')).json()) as { value: Record<string, unknown>; version: number };
  const res = await admin.request.put('/api/admin/settings/widget', { data: { value: change(current.value), expectedVersion: current.version } });
  if (!res.ok()) throw new Error(`saving the widget settings failed: ${res.status()} ${await res.text()}`);
}

async function main() {
  const host = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Outdoor</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="font-family:system-ui;margin:40px"><h1>Acme Outdoor</h1><p>A customer's shop on another site.</p>
<script>window.LiveChat=window.LiveChat||function(){(LiveChat.q=LiveChat.q||[]).push(arguments)};</script>
<script src="${base}/widget.js" data-key="wk_demo_livechat" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    if (values.prechat) {
      const admin = await signIn(browser, 'admin@demo.test', 1440);
      try {
        for (const [name, form] of Object.entries(PRECHAT_FORMS)) {
          await saveWidget(admin, (w) => ({ ...w, prechat: { ...(w.prechat as object), ...form } }));
          for (const width of WIDTHS) {
            const context = await browser.newContext({ viewport: { width, height: 900 } });
            const page = await context.newPage();
            await page.goto(hostUrl);
            await page.getByTestId('livechat-launcher').click();
            await page.frameLocator('[data-testid=livechat-frame]').getByTestId('prechat-form').waitFor();
            await page.waitForTimeout(800);
            await page.screenshot({ path: path.join(out, `${values.prefix}-prechat-${name}-${width}.png`) });
            await context.close();
          }
        }
      } finally {
        await saveWidget(admin, (w) => ({ ...w, prechat: { ...(w.prechat as object), enabled: false } }));
      }
      return;
    }
    for (const width of WIDTHS) {
      const shot = (page: Page, name: string) => page.screenshot({ path: path.join(out, `${values.prefix}-${name}-${width}.png`), fullPage: false });
      const agent = await signIn(browser, 'alice@demo.test', width);
      await agent.goto('/agent');
      await agent.getByTestId('status-online').click().catch(() => {});

      const visitorContext = await browser.newContext({ viewport: { width, height: 900 } });
      const visitor = await visitorContext.newPage();
      await visitor.goto(hostUrl);
      await visitor.getByTestId('livechat-launcher').click();
      const widget = visitor.frameLocator('[data-testid=livechat-frame]');
      await widget.getByTestId('composer-input').fill(`Hello, do you ship to Norway? (${width} px)`);
      await widget.getByTestId('composer-input').press('Enter');
      await widget.getByTestId('message-list').getByText('Norway').first().waitFor();
      await visitor.waitForTimeout(1500);
      await shot(visitor, 'widget');

      await agent.getByTestId('conversation-item').first().click().catch(() => {});
      await agent.waitForTimeout(1500);
      await shot(agent, 'workspace');

      const supervisor = await signIn(browser, 'supervisor@demo.test', width);
      await supervisor.goto('/admin/live-chat/monitoring');
      await supervisor.waitForTimeout(2000);
      await shot(supervisor, 'monitoring');
      await agent.goto('/agent/submissions');
      await agent.waitForTimeout(2000);
      await shot(agent, 'submissions');
      await Promise.all([agent.context().close(), supervisor.context().close(), visitorContext.close()]);
    }
  } finally {
    await browser.close();
    host.close();
  }
  console.log(`screenshots in ${out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
