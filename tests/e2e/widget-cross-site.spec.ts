import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type BrowserContext, type FrameLocator, type Page } from '@playwright/test';
import { E2E_BASE_URL } from './e2e-env';
import { browserSession, signInOnline } from './session';

/**
 * The widget on a customer's real website: the host page is served from ANOTHER site (127.0.0.1:<port>,
 * the product is on localhost:<e2e port>), so the widget iframe is a third-party frame whose own storage is
 * partitioned (default Chromium) or blocked (the `third-party-blocked` project). The loader keeps the
 * visitor's identity in the host page's storage; these tests prove reloads, returns, unread badges,
 * identify and reset work that way.
 */

const KEY = 'wk_demo_livechat';
// Long user journeys (two browsers, reloads, returns) on a shared 2-core machine.
test.describe.configure({ timeout: 150_000 });
const STORE = `livechat:${KEY}`;

let host: Server;
let hostUrl = '';

function hostPage(title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui;margin:40px"><h1>${title}</h1>
<p>A customer's shop on another site.</p>
<button id="spa" onclick="history.pushState({}, '', '/products/boots'); document.title='Boots'">Go to boots</button>
<script>window.LiveChat=window.LiveChat||function(){(LiveChat.q=LiveChat.q||[]).push(arguments)};
window.__events=[];LiveChat('on','unread',function(n){__events.push('unread:'+n)});LiveChat('on','open',function(){__events.push('open')});
LiveChat('on','message',function(m){__events.push('message:'+m.senderType)});</script>
<script src="${E2E_BASE_URL}/widget.js" data-key="${KEY}" async></script>
</body></html>`;
}

test.beforeAll(async () => {
  host = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(req.url?.startsWith('/other') ? 'Acme — other page' : 'Acme Outdoor'));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => host.close(resolve));
});

const frameOf = (page: Page): FrameLocator => page.frameLocator('[data-testid=livechat-frame]');

async function openHost(context: BrowserContext, path = '/'): Promise<{ page: Page; widget: FrameLocator }> {
  const page = await context.newPage();
  await page.goto(hostUrl + path);
  await expect(page.getByTestId('livechat-launcher')).toBeVisible();
  return { page, widget: frameOf(page) };
}

/** The visitor a stored token names (tokens are re-issued on every handshake: compare who, not the bytes). */
function visitorOf(token: string | undefined): string | null {
  if (!token) return null;
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { vid: string }).vid;
}

async function stored(page: Page): Promise<{ t?: string; p?: string | null; s?: string } | null> {
  return page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  }, STORE);
}

async function send(widget: FrameLocator, text: string) {
  await widget.getByTestId('composer-input').fill(text);
  await widget.getByTestId('composer-input').press('Enter');
  await expect(widget.getByTestId('message-list')).toContainText(text);
}

/** The agent's chat with the visitor whose entry page carried `run` (conversation items show the entry URL). */
async function selectChat(agent: Page, run: string) {
  await agent.getByTestId('my-chats').getByTestId('conversation-item').filter({ hasText: run }).first().click();
}

async function agentReply(agent: Page, run: string, reply: string) {
  await selectChat(agent, run);
  await agent.getByTestId('composer-input').fill(reply);
  await agent.getByTestId('composer-input').press('Enter');
  await expect(agent.getByTestId('message-list')).toContainText(reply);
}

test('a visitor on another site keeps their chat across reloads and returns; unread badge while minimised', async ({ browser }, info) => {
  const tag = `[${info.project.name}]`;
  const session = browserSession(browser);
  const agent = await signInOnline(session, 'alice@demo.test');
  const visitorContext = await browser.newContext();
  try {
    const run = `run=${Date.now()}-${info.project.name}-1`;
    const { page, widget } = await openHost(visitorContext, `/?${run}`);
    await page.getByTestId('livechat-launcher').click();
    const first = `Hello from another site ${tag}`;
    await send(widget, first);
    await expect(widget.getByTestId('widget-status')).toHaveText('Chatting with Alice');
    await selectChat(agent, run);
    await expect(agent.getByTestId('message-list')).toContainText(first);

    // The identity lives first-party on the HOST page; the widget frame keeps nothing of its own.
    const saved = await stored(page);
    expect(saved?.t).toBeTruthy();
    const frame = page.frames().find((f) => f.url().startsWith(`${E2E_BASE_URL}/widget`))!;
    const frameStorage = await frame.evaluate(() => {
      try {
        localStorage.setItem('lc-probe', 'third-party');
        return { blocked: false, keys: Object.keys(localStorage) };
      } catch {
        return { blocked: true, keys: [] as string[] };
      }
    });
    expect(frameStorage.keys.filter((k) => k.startsWith('livechat'))).toEqual([]);
    // That frame's storage is not the product site's own: partitioned by the top-level site, or blocked.
    const firstParty = await visitorContext.newPage();
    await firstParty.goto(`${E2E_BASE_URL}/api/health`);
    expect(await firstParty.evaluate(() => localStorage.getItem('lc-probe'))).toBeNull();
    await firstParty.close();
    if (info.project.name === 'third-party-blocked') {
      // With third-party cookies blocked the frame cannot keep a cookie either.
      const cookie = await frame.evaluate(() => {
        document.cookie = 'lc-probe=1; SameSite=None; Secure';
        return document.cookie;
      });
      expect(cookie).not.toContain('lc-probe');
    }

    // Reload: same visitor, same conversation, history shown; the frame starts hidden and stays connected.
    await page.reload();
    await expect(page.getByTestId('livechat-frame')).toBeAttached();
    await expect(page.getByTestId('livechat-frame')).toBeHidden();
    expect(visitorOf((await stored(page))?.t)).toBe(visitorOf(saved!.t));
    await page.getByTestId('livechat-launcher').click();
    await expect(widget.getByTestId('message-list')).toContainText(first);
    await expect(widget.getByTestId('widget-status')).toHaveText('Chatting with Alice');

    // Minimised: an agent reply shows the unread badge, the preview bubble and fires the API events.
    await widget.getByTestId('widget-minimise').click();
    await expect(page.getByTestId('livechat-frame')).toBeHidden();
    await agentReply(agent, run, 'Reply while minimised');
    await expect(page.getByTestId('livechat-badge')).toHaveText('1');
    await expect(page.getByTestId('livechat-preview')).toContainText('Reply while minimised');
    await expect(page.getByTestId('livechat-launcher')).toHaveAttribute('aria-label', /\(1\)/);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __events: string[] }).__events)).toContain('unread:1');
    await page.getByTestId('livechat-launcher').click();
    await expect(page.getByTestId('livechat-badge')).toBeHidden();
    await expect(widget.getByTestId('message-list')).toContainText('Reply while minimised');

    // SPA navigation is reported to the widget (fire-and-forget); the chat carries on.
    await page.getByRole('button', { name: 'Go to boots' }).click();
    await expect(page).toHaveURL(/\/products\/boots$/);

    // Close the tab; the agent replies while the visitor is away.
    await page.close();
    await agentReply(agent, run, 'Reply while you were away');

    // The visitor returns (new tab, other page of the site): the badge counts the reply, opening shows it.
    const back = await openHost(visitorContext, '/other');
    await expect(back.page.getByTestId('livechat-badge')).toHaveText('1');
    await back.page.evaluate(() => (window as unknown as { LiveChat: (c: string) => void }).LiveChat('open'));
    await expect(back.widget.getByTestId('message-list')).toContainText('Reply while you were away');
    await expect(back.widget.getByTestId('message-list')).toContainText(first);
    await expect(back.page.getByTestId('livechat-badge')).toBeHidden();
    await expect(back.widget.locator('[data-testid=message]').last()).toBeInViewport();

    // The visitor ends the chat; nothing is left counting against Alice.
    await back.widget.getByTestId('end-chat').click();
    await back.widget.getByTestId('end-confirm-yes').click();
    await expect(back.widget.getByText('This chat has ended.')).toBeVisible();
  } finally {
    await visitorContext.close();
    await session.close();
  }
});

test('LiveChat identify switches to a known customer; reset forgets the visitor', async ({ browser }, info) => {
  const tag = info.project.name;
  const session = browserSession(browser);
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  const saved = await admin.request.put('/api/admin/settings/autoSave', { data: { value: { enabled: true, verification: 'off' } } });
  expect(saved.ok()).toBe(true);
  const agent = await signInOnline(session, 'alice@demo.test');
  const visitorContext = await browser.newContext();
  try {
    const run = `run=${Date.now()}-${tag}-2`;
    const { page, widget } = await openHost(visitorContext, `/?${run}`);
    // An anonymous visitor writes first …
    await page.evaluate(() => (window as unknown as { LiveChat: (c: string) => void }).LiveChat('open'));
    const anon = `Anonymous question ${tag}`;
    await send(widget, anon);
    const anonymousVisitor = visitorOf((await stored(page))!.t);

    // … then signs in on the site (a single-page app): identify keeps the chat and names the customer.
    const partnerId = `e2e-known-${tag}`;
    await page.evaluate((pid) => (window as unknown as { LiveChat: (c: string, a: unknown) => void }).LiveChat('identify', { partnerId: pid, name: 'Jane Known', email: 'jane@known.test' }), partnerId);
    await expect.poll(async () => (await stored(page))?.p).toBe(partnerId);
    expect(visitorOf((await stored(page))!.t)).toBe(anonymousVisitor);
    await expect(widget.getByTestId('message-list')).toContainText(anon);
    await send(widget, `Signed in now ${tag}`);
    // The agent's panel was loaded while the visitor was anonymous: reopen the workspace to see the change.
    await agent.reload();
    await expect(agent.getByTestId('connection-state')).toHaveText('Connected');
    await selectChat(agent, run);
    await expect(agent.getByTestId('message-list')).toContainText(`Signed in now ${tag}`);
    await expect(agent.getByTestId('customer-panel')).toContainText(partnerId);
    await expect(agent.getByTestId('customer-panel')).toContainText('Jane Known');

    // Another customer signs in on the same browser: a fresh visitor, not Jane's chats.
    await page.evaluate(() => (window as unknown as { LiveChat: (c: string, a: unknown) => void }).LiveChat('identify', { partnerId: 'someone-else', name: 'Sam Other' }));
    await expect.poll(async () => visitorOf((await stored(page))?.t)).not.toBe(anonymousVisitor);
    await expect(widget.getByTestId('widget-greeting')).toBeVisible();
    await expect(widget.getByTestId('message-list')).not.toContainText(anon);

    // Logout: reset forgets the visitor; a reload does not bring anything back.
    const beforeReset = visitorOf((await stored(page))!.t);
    await page.evaluate(() => (window as unknown as { LiveChat: (c: string) => void }).LiveChat('reset'));
    await expect.poll(async () => visitorOf((await stored(page))?.t)).not.toBe(beforeReset);
    expect((await stored(page))?.p ?? null).toBeNull();
    await page.reload();
    await page.getByTestId('livechat-launcher').click();
    await expect(widget.getByTestId('widget-greeting')).toBeVisible();
    await expect(widget.getByTestId('message-list')).not.toContainText(anon);

    // Jane's chat is still with Alice; end it so later specs start clean.
    await selectChat(agent, run);
    await agent.getByTestId('agent-end-chat').click();
    await agent.getByTestId('agent-end-confirm').click();
  } finally {
    await visitorContext.close();
    await admin.request.put('/api/admin/settings/autoSave', { data: { value: { enabled: false, verification: 'off' } } });
    await session.close();
  }
});

test('pre-chat form: asked before the first message, answers reach the agent and route to the chosen topic', async ({ browser }, info) => {
  const tag = info.project.name;
  const session = browserSession(browser);
  const admin = await session.signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  // The e2e workspace is shared with other specs: switch the form on here and back off at the end.
  const before = (await (await admin.request.get('/api/admin/settings/widget')).json()) as { value: Record<string, unknown> };
  const on = await admin.request.put('/api/admin/settings/widget', {
    data: {
      value: {
        ...before.value,
        prechat: {
          enabled: true,
          name: 'required',
          email: 'optional',
          group: { need: 'required', designation: 'may' },
          customFields: [{ key: 'order', label: 'Order number', labels: {}, type: 'text', options: [], required: false }],
          consent: { enabled: true, linkUrl: 'https://example.com/privacy' },
        },
      },
    },
  });
  expect(on.ok()).toBe(true);
  const agent = await signInOnline(session, 'alice@demo.test');
  const visitorContext = await browser.newContext();
  try {
    const run = `run=${Date.now()}-${tag}-3`;
    const { page, widget } = await openHost(visitorContext, `/?${run}`);
    await page.getByTestId('livechat-launcher').click();
    const form = widget.getByTestId('prechat-form');
    await expect(form).toBeVisible();
    await expect(widget.getByTestId('composer-input')).toHaveCount(0);

    // Nothing filled in: the required answers are asked for, nothing is sent.
    await widget.getByTestId('prechat-submit').click();
    await expect(form.getByText('Please fill this in').first()).toBeVisible();
    await expect(form.getByText('Please agree to continue')).toBeVisible();
    await expect(widget.getByLabel(/^Name/)).toBeFocused();

    await widget.getByLabel(/^Name/).fill(`Pia Prechat ${tag}`);
    await widget.getByLabel(/^What is it about/).selectOption({ label: 'Sales' });
    await widget.getByLabel(/^Order number/).fill('A-1001');
    await expect(form.getByRole('link', { name: 'Privacy policy' })).toHaveAttribute('href', 'https://example.com/privacy');
    await widget.getByTestId('prechat-consent').check();
    await widget.getByTestId('prechat-submit').click();

    // The chat has started (routed to Sales: Alice); now the visitor writes.
    await expect(form).toBeHidden();
    await expect(widget.getByTestId('widget-status')).toHaveText('Chatting with Alice');
    const hello = `Question after the form ${tag}`;
    await send(widget, hello);
    await selectChat(agent, run);
    await expect(agent.getByTestId('message-list')).toContainText(hello);
    const answers = agent.getByTestId('prechat-answers');
    await expect(answers).toContainText('Sales');
    await expect(answers).toContainText('A-1001');
    await expect(answers).toContainText('Agreed');
    await expect(agent.getByTestId('visitor-context')).toContainText(`Pia Prechat ${tag}`);

    // A reload: the visitor is known now, no form again.
    await page.reload();
    await page.getByTestId('livechat-launcher').click();
    await expect(widget.getByTestId('message-list')).toContainText(hello);
    await expect(widget.getByTestId('prechat-form')).toHaveCount(0);

    await selectChat(agent, run);
    await agent.getByTestId('agent-end-chat').click();
    await agent.getByTestId('agent-end-confirm').click();
    await expect(widget.getByTestId('chat-ended-note')).toBeVisible();
  } finally {
    await visitorContext.close();
    const current = (await (await admin.request.get('/api/admin/settings/widget')).json()) as { value: Record<string, unknown> };
    await admin.request.put('/api/admin/settings/widget', { data: { value: { ...current.value, prechat: { ...(current.value.prechat as object), enabled: false } } } });
    await session.close();
  }
});
