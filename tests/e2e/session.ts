import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';

/** The demo seed's password for every demo account (scripts/demo-data.ts). */
export const DEMO_PASSWORD = 'demo1234';

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
  const close = async () => {
    await Promise.all(contexts.map((c) => c.close()));
  };
  return { newPage, signIn, close };
}
