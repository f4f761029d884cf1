import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { E2E_BASE_URL } from './e2e-env';
import { browserSession, signInOnline } from './session';

/**
 * Proactive greetings (issue 26 item 4) on a customer's page of ANOTHER origin: the rules ship with the
 * widget, the hidden frame evaluates them, the greeting appears in the launcher's preview and in the chat,
 * and the visitor's answer starts a routed chat whose history begins with the greeting.
 */
const KEY = 'wk_demo_livechat';
const GREETING = 'Questions about our plans? We are happy to help.';
test.describe.configure({ timeout: 150_000 });

let host: Server;
let hostUrl = '';

test.beforeAll(async () => {
  host = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme pricing</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui;margin:40px"><h1>Acme pricing</h1><p>Plans for every team.</p>
<script src="${E2E_BASE_URL}/widget.js" data-key="${KEY}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => host.close(resolve));
});

async function setGreetings(request: APIRequestContext, greetings: unknown[]) {
  const current = ((await (await request.get('/api/admin/settings/widget')).json()) as { value: Record<string, unknown> }).value;
  const res = await request.put('/api/admin/settings/widget', { data: { value: { ...current, greetings } } });
  expect(res.ok(), await res.text()).toBe(true);
}

async function visit(browser: Browser, width: number, run: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 } });
  const page = await context.newPage();
  await page.goto(`${hostUrl}/pricing?${run}`);
  return page;
}

test('a greeting on another origin is shown once in the widget, and the answer starts a routed chat with it in the history', async ({ browser }, info) => {
  const session = browserSession(browser, { viewport: { width: 1440, height: 900 } });
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  await setGreetings(admin.request, [{ id: 'e2e-pricing', name: 'Pricing page', message: GREETING, conditions: { urlContains: '/pricing', secondsOnPage: 1 } }]);
  const agent = await signInOnline(session, 'alice@demo.test');
  const shots = info.project.name === 'chromium';
  try {
    for (const width of [1440, 390]) {
      const run = `run=${Date.now()}-${info.project.name}-greet-${width}`;
      const page = await visit(browser, width, run);
      // Nobody opened the chat: the greeting comes to the visitor (preview bubble by the launcher).
      await expect(page.getByTestId('livechat-preview')).toContainText(GREETING, { timeout: 20_000 });
      if (shots) await page.screenshot({ path: `test-results/shots/greeting-preview-${width}.png` });
      await page.getByTestId('livechat-launcher').click();
      const widget = page.frameLocator('[data-testid=livechat-frame]');
      await expect(widget.getByTestId('widget-greeting').filter({ hasText: GREETING })).toBeVisible();
      if (shots) await page.screenshot({ path: `test-results/shots/greeting-${width}.png` });

      if (width === 1440) {
        await widget.getByTestId('composer-input').fill('Yes: is there a yearly plan?');
        await widget.getByTestId('composer-input').press('Enter');
        await expect(widget.getByTestId('message-list')).toContainText('Yes: is there a yearly plan?');
        await expect(widget.getByTestId('message-list')).toContainText(GREETING);
        // Routed as usual: Alice (online) gets it, and its history starts with the greeting.
        const item = agent.getByTestId('my-chats').getByTestId('conversation-item').filter({ hasText: run }).first();
        await item.click();
        await expect(agent.getByText(GREETING).first()).toBeVisible();
        await expect(agent.getByText('Yes: is there a yearly plan?').first()).toBeVisible();
        // Leave the shared e2e workspace as found: Alice's slot is free for the specs that follow.
        await agent.getByTestId('agent-end-chat').click();
        await agent.getByTestId('agent-end-confirm').click();
        await expect(widget.getByText('This chat has ended.')).toBeVisible();
      }
      await page.context().close();
    }
    await admin.goto('/admin/widget');
    await expect(admin.getByTestId('greeting-counts')).toContainText('Pricing page');
  } finally {
    await setGreetings(admin.request, []);
    await session.close();
  }
});

test('"after N pages" counts the pages of the visit on a multi-page site (the widget frame reloads with every page)', async ({ browser }, info) => {
  const session = browserSession(browser, { viewport: { width: 1440, height: 900 } });
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  const third = 'Third page already: can we help you choose?';
  await setGreetings(admin.request, [{ id: 'e2e-third-page', name: 'Third page', message: third, conditions: { urlContains: '/pricing', minPagesVisited: 3 } }]);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const run = `run=${Date.now()}-${info.project.name}-pages`;
    // The server's answer to each page report (a websocket frame of the widget's frame) says how many pages
    // this visit has seen: each page is left only once it was counted.
    const acks: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (frame) => void acks.push(String(frame.payload))));
    const counted = (n: number) => expect.poll(() => acks.some((a) => a.includes(`"pagesVisited":${n}`)), { timeout: 20_000 }).toBe(true);
    // Two full page loads, each with a fresh widget frame, before the pricing page.
    await page.goto(`${hostUrl}/home?${run}`);
    await counted(1);
    await page.goto(`${hostUrl}/features?${run}`);
    await counted(2);
    await page.goto(`${hostUrl}/pricing?${run}`);
    await counted(3);
    await expect(page.getByTestId('livechat-preview')).toContainText(third, { timeout: 20_000 });
  } finally {
    await context.close();
    await setGreetings(admin.request, []);
    await session.close();
  }
});
