import { mkdirSync } from 'node:fs';
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type FrameLocator, type Page } from '@playwright/test';

/** The demo seed's password for every demo account (scripts/demo-data.ts). */
export const DEMO_PASSWORD = 'demo-chat-2026';

/**
 * Browser contexts for one spec: each page gets its own context (its own cookies: one user or visitor per
 * page), `signIn` signs a demo user in through the real form, and `close` closes everything opened.
 */
export function browserSession(browser: Browser, options: BrowserContextOptions = {}) {
  const contexts: BrowserContext[] = [];
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  };
  const signIn = async (email: string): Promise<Page> => {
    const page = await newPage();
    await page.goto('/signin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    return page;
  };
  /** A visitor on the plain /demo page opens the widget and writes `text`. */
  const openWidget = async (text: string): Promise<{ page: Page; widget: FrameLocator }> => {
    const page = await newPage();
    await page.goto('/demo');
    await page.getByTestId('livechat-launcher').click();
    const widget = page.frameLocator('[data-testid=livechat-frame]');
    await widget.getByTestId('composer-input').fill(text);
    await widget.getByTestId('composer-input').press('Enter');
    return { page, widget };
  };
  const close = async () => {
    await Promise.all(contexts.map((c) => c.close()));
  };
  return { newPage, signIn, openWidget, close };
}

/** A demo agent signs in, lands in the agent workspace, connects and goes online. */
export async function signInOnline(session: ReturnType<typeof browserSession>, email: string): Promise<Page> {
  const agent = await session.signIn(email);
  await agent.waitForURL('**/agent');
  await expect(agent.getByTestId('connection-state')).toHaveText('Connected');
  await agent.getByTestId('status-online').click();
  await expect(agent.getByTestId('status-online')).toHaveAttribute('aria-checked', 'true');
  return agent;
}

/** Pastes a generated PNG into the widget's composer, the way a screenshot is pasted from the clipboard. */
export async function pasteImage(widget: FrameLocator) {
  await widget.getByTestId('composer-input').evaluate(async (textarea) => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 400;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#4f46e5';
    ctx.fillRect(0, 0, 640, 400);
    ctx.fillStyle = '#fbbf24';
    ctx.fillRect(80, 80, 240, 160);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([blob], 'broken-parcel.png', { type: 'image/png' }));
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
}

/** Screenshots for review when SCREENSHOT_DIR is set (not part of the assertions). */
export async function shot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}-${page.viewportSize()?.width}.png`, fullPage: false });
}
