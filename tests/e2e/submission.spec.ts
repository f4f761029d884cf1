import { expect, test } from '@playwright/test';
import { browserSession } from './session';

/**
 * Issue 4 (F5): the admin designs the leave-a-message form with a required custom field and turns it on,
 * and closes the workspace (working hours on, no hours at all) — both through the console. A visitor on
 * /demo writes, gets the form, is stopped by the field error, then submits; Alice answers from the
 * submissions inbox and the visitor sees the reply in the widget.
 * Resets both settings sections at the end (other specs expect real-time chatting, hours and submission off).
 */
test('a visitor outside working hours leaves a message with a required custom field; an agent replies from the inbox', async ({ browser }) => {
  const session = browserSession(browser);
  const { newPage, signIn } = session;

  const admin = await signIn('admin@demo.test');
  await admin.waitForURL('**/admin**');
  try {
    // Settings > Chat > Submission: on, ticket mode, plus a required "Order number" field.
    await admin.goto('/admin/live-chat/settings/chat/submission');
    await admin.getByLabel('Offer the leave-a-message form').check();
    await admin.getByText('Ticket', { exact: true }).click();
    await admin.getByTestId('add-custom-field').click();
    const editor = admin.getByTestId('custom-field-editor');
    await editor.getByLabel('Label', { exact: true }).fill('Order number');
    await editor.getByLabel('Key').fill('order');
    await editor.getByLabel('Required').check();
    // The live preview shows the field as the widget will, marked required.
    const preview = admin.getByTestId('submission-preview');
    await expect(preview.getByLabel(/Order number/)).toBeVisible();
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(admin.getByText(/^Saved\./)).toBeVisible();

    // Working hours: on, with no hours on any day (closed now, whatever the time).
    await admin.goto('/admin/working-hours');
    await admin.getByLabel('Use working hours').check();
    await admin.getByRole('button', { name: 'Remove Monday range 1' }).click();
    await admin.getByRole('button', { name: 'Copy to Tue–Fri' }).click();
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) await expect(admin.getByTestId(`day-${day}`)).toContainText('Closed');
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(admin.getByText(/^Saved\./)).toBeVisible();

    // The visitor writes and is offered the form instead of a chat, with their text already in it.
    const visitorPage = await newPage();
    await visitorPage.goto('/demo');
    await visitorPage.getByTestId('livechat-launcher').click();
    const widget = visitorPage.frameLocator('[data-testid=livechat-frame]');
    await widget.getByTestId('composer-input').fill('My parcel has not arrived.');
    await widget.getByTestId('composer-input').press('Enter');
    const form = widget.getByTestId('submission-form');
    await expect(form).toBeVisible();
    await expect(form.getByLabel(/Message/)).toHaveValue('My parcel has not arrived.');
    await form.getByLabel(/Name/).fill('Ada');
    await form.getByLabel(/Email/).fill('ada@example.com');

    // Without the required custom field: the error shows under it, nothing is sent.
    await form.getByTestId('submission-send').click();
    const order = form.getByLabel(/Order number/);
    await expect(order).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByTestId('submission-field-error')).toHaveText('Order number is required');
    await expect(order).toBeFocused();

    // Alice has the inbox open in the agent workspace while the visitor writes.
    const alice = await signIn('alice@demo.test');
    await alice.waitForURL('**/agent');
    await alice.getByTestId('submissions-link').click();
    await alice.waitForURL('**/agent/submissions');

    await order.fill('A-1234');
    await expect(form.getByTestId('submission-field-error')).toHaveCount(0);
    await form.getByTestId('submission-send').click();
    const confirmation = widget.getByTestId('submission-confirmation');
    await expect(confirmation).toContainText('Thanks, we received your message.');
    const reference = (await widget.getByTestId('submission-reference').textContent())!;
    expect(reference).toMatch(/^#\d+$/);
    await expect(widget.getByTestId('visitor-submission')).toContainText('My parcel has not arrived.');

    // The new submission is announced live in her inbox; she shows it, opens it and replies.
    await expect(alice.getByTestId('submissions-new')).toHaveText('1 new submission — show');
    await alice.getByTestId('submissions-new').click();
    await expect(alice.getByTestId('submissions-new')).toHaveCount(0);
    const item = alice.getByTestId('submission-item').filter({ hasText: reference });
    await expect(item).toContainText('Ada');
    await item.click();
    const detail = alice.getByTestId('submission-detail');
    await expect(detail.locator('[data-field="custom.order"]')).toHaveText('A-1234');
    await expect(detail.locator('[data-field="content"]')).toHaveText('My parcel has not arrived.');
    await alice.getByTestId('assign-to-me').click();
    await expect(detail.getByLabel('Assignee').locator('option:checked')).toHaveText('Alice (me)');
    await expect(alice.getByTestId('assign-to-me')).toHaveCount(0);
    await alice.getByTestId('reply-input').fill('Sorry about that, it ships again today.');
    await alice.getByTestId('reply-send').click();
    await expect(detail.getByTestId('thread-message')).toHaveText(['Sorry about that, it ships again today.']);
    await expect(detail.getByTestId('status-in_progress')).toHaveAttribute('aria-checked', 'true');

    // The visitor sees the reply in the widget, live.
    await expect(widget.getByTestId('submission-reply').filter({ hasText: 'Sorry about that, it ships again today.' })).toBeVisible();
    // And after coming back.
    await visitorPage.reload();
    await visitorPage.getByTestId('livechat-launcher').click();
    await expect(widget.getByTestId('submission-reply').filter({ hasText: 'Sorry about that, it ships again today.' })).toBeVisible();
  } finally {
    // Back to what the other specs expect: submission off, working hours off.
    await admin.request.put('/api/admin/settings/submission', { data: { value: { enabled: false } } });
    await admin.request.put('/api/admin/settings/workingHours', { data: { value: {} } });
    await session.close();
  }
});
