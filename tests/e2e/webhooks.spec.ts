import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { browserSession, signInOnline } from './session';

interface Hook {
  event: string;
  timestamp: string;
  signature: string;
  raw: string;
  body: { type: string; data: { body?: string } };
}

/**
 * Issue 7: the admin points push notifications at a local receiver, ticks "message created", sends a test,
 * and a visitor's message arrives at the receiver (signed) and shows in the delivery log. Leaves push
 * notifications off and the chat ended.
 */
test('push notifications: test delivery, a visitor message arrives signed, the delivery log shows it', async ({ browser }) => {
  const hooks: Hook[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      hooks.push({
        event: String(req.headers['x-livechat-event']),
        timestamp: String(req.headers['x-livechat-timestamp']),
        signature: String(req.headers['x-livechat-signature']),
        raw,
        body: JSON.parse(raw),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('received by e2e sink');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;

  const session = browserSession(browser);
  const { signIn } = session;

  const admin = await signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  let agent: Page | null = null;
  try {
    await admin.getByRole('navigation').getByRole('link', { name: 'Message Push Notifications' }).click();
    await admin.waitForURL('**/settings/chat/push-notifications');
    await admin.getByTestId('event-type-message.created').check();
    await admin.getByLabel('Receiving address').fill(url);
    await admin.getByTestId('push-confirm').click();
    await expect(admin.getByText(/Confirmed: 1 event type/)).toBeVisible();
    const secret = (await admin.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    // Send test: the receiver's answer is shown in place.
    await admin.getByTestId('send-test-push').click();
    await expect(admin.getByTestId('test-result-push')).toContainText('HTTP 200');
    await expect(admin.getByTestId('test-result-push')).toContainText('received by e2e sink');
    expect(hooks.some((h) => h.event === 'webhook.test')).toBe(true);

    // An agent is online; a visitor writes on the demo page.
    agent = await signInOnline(session, 'alice@demo.test');
    await session.openWidget('Is my order shipped? (webhook e2e)');

    // The message arrives at the receiver, signed with the secret shown once.
    await expect.poll(() => hooks.find((h) => h.body.data?.body === 'Is my order shipped? (webhook e2e)')?.event, { timeout: 20_000 }).toBe('message.created');
    const hook = hooks.find((h) => h.body.data?.body === 'Is my order shipped? (webhook e2e)')!;
    expect(hook.signature).toBe(`sha256=${createHmac('sha256', secret).update(`${hook.timestamp}.${hook.raw}`).digest('hex')}`);

    // The delivery log in the browser shows the delivery and its attempt.
    await admin.goto('/admin/live-chat/settings/chat/webhook/deliveries');
    await admin.getByLabel('Event type').selectOption('message.created');
    await expect(admin.locator('[data-testid=delivery-row][data-event="message.created"][data-status="succeeded"]').first()).toBeVisible();
    await admin.locator('[data-testid=delivery-row][data-event="message.created"]').first().getByRole('button', { name: 'Details' }).click();
    await expect(admin.getByText(/Attempt 1: HTTP 200/).first()).toBeVisible();

    await agent.getByTestId('agent-end-chat').click();

    await agent.getByTestId('agent-end-confirm').click();
  } finally {
    // Push notifications off again for the specs that follow.
    await admin.goto('/admin/live-chat/settings/chat/push-notifications');
    await admin.getByTestId('event-type-message.created').uncheck();
    await admin.getByTestId('push-confirm').click();
    await expect(admin.getByText(/push notifications are off/)).toBeVisible();
    await session.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
