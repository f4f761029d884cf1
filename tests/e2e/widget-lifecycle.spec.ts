import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext, type BrowserContext, type FrameLocator, type Page } from '@playwright/test';
import { E2E_BASE_URL } from './e2e-env';
import { browserSession, pasteImage, signInOnline } from './session';

/**
 * Issue 21 items 2 and 6 in Chromium, the widget embedded on ANOTHER site (like widget-cross-site.spec.ts):
 * nobody online with the defaults of a new workspace, the header telling the truth, "Start a new chat"
 * without an agent until the visitor writes; and the chat lifecycle: end confirmation on both sides,
 * reopening, one rating (in the brand colour) visible to the agent, auto-scroll with images.
 * Screenshots go to SHOTS_DIR when set.
 */
const KEY = 'wk_demo_livechat';
const BRAND = '#0f766e';
test.describe.configure({ timeout: 180_000 });

let host: Server;
let hostUrl = '';

test.beforeAll(async () => {
  host = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="font-family:system-ui;margin:40px"><h1>Acme Outdoor</h1>
<p>A customer's shop on another site.</p><script src="${E2E_BASE_URL}/widget.js" data-key="${KEY}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => host.close(resolve));
});

async function openHost(context: BrowserContext, path: string): Promise<{ page: Page; widget: FrameLocator }> {
  const page = await context.newPage();
  await page.goto(hostUrl + path);
  await page.getByTestId('livechat-launcher').click();
  return { page, widget: page.frameLocator('[data-testid=livechat-frame]') };
}

async function put(request: APIRequestContext, section: string, value: unknown) {
  const res = await request.put(`/api/admin/settings/${section}`, { data: { value } });
  expect(res.ok(), await res.text()).toBe(true);
}

async function shoot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (dir) await page.screenshot({ path: `${dir}/widget-${name}-${page.viewportSize()?.width}.png` });
}

test('nobody online: the new-workspace defaults offer leave-a-message; the header tells the truth; the queue reads like people write', async ({ browser }, info) => {
  const session = browserSession(browser);
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  const visitorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const contexts: BrowserContext[] = [visitorContext];
  try {
    // Nobody online: the demo agents set themselves offline (earlier specs may have left them online).
    for (const email of ['alice@demo.test', 'bob@demo.test']) {
      const agent = await session.signIn(email);
      await agent.waitForURL('**/agent');
      await expect(agent.getByTestId('connection-state')).toHaveText('Connected');
      await agent.getByTestId('status-offline').click();
      await expect(agent.getByTestId('status-offline')).toHaveAttribute('aria-checked', 'true');
    }
    // The leave-a-message section as a new workspace has it (never saved): on.
    await put(admin.request, 'submission', {});
    const run = `run=${Date.now()}-${info.project.name}-away`;
    const { page, widget } = await openHost(visitorContext, `/?${run}`);
    await expect(widget.getByTestId('widget-status')).toHaveText('We’re away right now · leave a message');
    await widget.getByTestId('composer-input').fill('Do you ship to Norway?');
    await widget.getByTestId('composer-input').press('Enter');
    await expect(widget.getByTestId('submission-form')).toBeVisible();
    await shoot(page, 'nobody-online');
    await page.setViewportSize({ width: 390, height: 780 });
    await shoot(page, 'nobody-online');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The form turned off: no promise of a message form, and the queue line without "unknown" (another visitor).
    await put(admin.request, 'submission', { enabled: false });
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(other);
    const second = await openHost(other, `/?${run}-2`);
    const widget2 = second.widget;
    await expect(widget2.getByTestId('widget-status')).toHaveText('We’re away right now');
    await widget2.getByTestId('composer-input').fill('Anyone there?');
    await widget2.getByTestId('composer-input').press('Enter');
    await expect(widget2.getByTestId('queue-position')).toHaveText('All our agents are busy. You are number 1 in the queue.');
    await expect(widget2.getByTestId('widget-status')).toHaveText('Waiting for an agent · #1 in queue');
    await shoot(second.page, 'queued-nobody-online');
    await widget2.getByTestId('leave-queue').click();
    await expect(widget2.getByTestId('new-chat')).toBeVisible();
  } finally {
    await put(admin.request, 'submission', { enabled: false });
    await Promise.all(contexts.map((c) => c.close()));
    await session.close();
  }
});

test('chat lifecycle: new chat waits for the first message, end asks first, one rating in the brand colour, the agent sees it and reopens', async ({ browser }, info) => {
  const session = browserSession(browser, { viewport: { width: 1440, height: 900 } });
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  const widgetBefore = ((await (await admin.request.get('/api/admin/settings/widget')).json()) as { value: Record<string, unknown> }).value;
  await put(admin.request, 'widget', { ...widgetBefore, brandColor: BRAND });
  await put(admin.request, 'satisfaction', { enabled: true, agentsSeeResults: true });
  const agent = await signInOnline(session, 'alice@demo.test');
  const visitorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const run = `run=${Date.now()}-${info.project.name}-life`;
    const { page, widget } = await openHost(visitorContext, `/?${run}`);
    const say = async (text: string) => {
      await widget.getByTestId('composer-input').fill(text);
      await widget.getByTestId('composer-input').press('Enter');
      await expect(widget.getByTestId('message-list')).toContainText(text);
    };
    await say('Hello, my parcel is late');
    await expect(widget.getByTestId('widget-status')).toHaveText('Chatting with Alice');
    const item = agent.getByTestId('my-chats').getByTestId('conversation-item').filter({ hasText: run }).first();
    await item.click();
    for (let i = 1; i <= 14; i++) await say(`Detail ${i} about the order`);
    await agent.getByTestId('composer-input').fill('Could you send a photo of the label?');
    await agent.getByTestId('composer-input').press('Enter');

    // An image as the newest message: both lists stay on it once the image has loaded.
    await pasteImage(widget);
    await expect(widget.getByTestId('upload-item')).toHaveAttribute('data-state', 'done');
    await widget.getByTestId('composer-send').click();
    await expect(widget.getByTestId('upload-tray')).toHaveCount(0);
    const lastThumb = (list: FrameLocator | Page) => list.getByTestId('attachment-thumb').last();
    await expect(lastThumb(widget)).toBeVisible();
    await expect.poll(() => lastThumb(widget).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(widget.locator('[data-testid=message]').last()).toBeInViewport();
    await expect(lastThumb(agent)).toBeVisible();
    await expect.poll(() => lastThumb(agent).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(agent.locator('[data-testid=message]').last()).toBeInViewport();

    // The visitor rates during the chat; the chosen score and the send button wear the brand colour.
    await widget.getByTestId('rate-chat').click();
    await widget.getByTestId('rating-score-5').click();
    await expect(widget.getByTestId('rating-score-5')).toHaveCSS('background-color', 'rgb(15, 118, 110)');
    await expect(widget.getByTestId('rating-submit')).toHaveCSS('background-color', 'rgb(15, 118, 110)');
    await widget.getByTestId('rating-submit').click();
    await expect(widget.getByTestId('rating-thanks')).toBeVisible();

    // End asks first; cancelling keeps the chat.
    await agent.getByTestId('agent-end-chat').click();
    await expect(agent.getByTestId('agent-end-confirm-bar')).toContainText('End the chat with');
    await agent.getByRole('button', { name: 'Cancel' }).click();
    await expect(agent.getByTestId('agent-end-confirm-bar')).toHaveCount(0);
    await agent.getByTestId('agent-end-chat').click();
    await agent.getByTestId('agent-end-confirm').click();
    await expect(widget.getByTestId('chat-ended-note')).toBeVisible();
    // Rated already: not asked again at the end.
    await expect(widget.getByTestId('rating-form')).toHaveCount(0);

    // The agent sees the rating on the ended chat.
    await expect(agent.getByTestId('chat-rating')).toContainText('★★★★★');
    await shoot(agent, 'ended-chat-rating');
    await agent.setViewportSize({ width: 390, height: 844 });
    await agent.getByTestId('show-details').click();
    await expect(agent.getByTestId('chat-rating')).toBeVisible();
    await agent.getByTestId('chat-rating').scrollIntoViewIfNeeded();
    await shoot(agent, 'ended-chat-rating');
    await agent.getByTestId('back-to-chat').click();

    // Reopen: the visitor can write again and reaches Alice.
    await agent.getByTestId('agent-reopen-chat').click();
    await expect(widget.getByTestId('widget-status')).toHaveText('Chatting with Alice');
    await expect(widget.getByTestId('message-list')).toContainText('Chat reopened by Alice');
    await say('Thanks for reopening');
    await expect(agent.getByTestId('message-list')).toContainText('Thanks for reopening');
    await agent.setViewportSize({ width: 1440, height: 900 });

    // The widget's End asks too: "Keep chatting" keeps it, "End chat" ends it.
    await widget.getByTestId('end-chat').click();
    await widget.getByTestId('end-confirm-no').click();
    await expect(widget.getByTestId('composer-input')).toBeVisible();
    await widget.getByTestId('end-chat').click();
    await widget.getByTestId('end-confirm-yes').click();
    await expect(widget.getByTestId('chat-ended-note')).toBeVisible();

    // "Start a new chat" assigns nobody until the visitor writes.
    await widget.getByTestId('new-chat').click();
    await expect(widget.getByTestId('composer-input')).toBeVisible();
    await expect(widget.getByTestId('widget-status')).not.toHaveText(/Chatting with/);
    await expect(agent.getByTestId('load')).toHaveText(/^0 \//);
    await say('A new question');
    await expect(widget.getByTestId('widget-status')).toHaveText('Chatting with Alice');
    await expect(agent.getByTestId('load')).toHaveText(/^1 \//);
    await agent.getByTestId('my-chats').getByTestId('conversation-item').first().click();
    await agent.getByTestId('agent-end-chat').click();
    await agent.getByTestId('agent-end-confirm').click();
    await expect(page.getByTestId('livechat-frame')).toBeVisible();
  } finally {
    await put(admin.request, 'satisfaction', { enabled: false });
    await put(admin.request, 'widget', widgetBefore);
    await visitorContext.close();
    await session.close();
  }
});
