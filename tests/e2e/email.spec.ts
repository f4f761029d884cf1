import { expect, test } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { linkIn, SmtpSink } from '../helpers/smtp-sink';
import { E2E_SMTP_PORT } from './e2e-env';
import { browserSession } from './session';

/**
 * Issue 25 (F15) in Chromium: an admin invites a member, who sets a password from the emailed link and
 * lands in the agent workspace; then the member forgets it and resets it from the sign-in page. The
 * emails are read from a REAL SMTP server this spec runs on the port the app sends to.
 */
const sink = new SmtpSink();
test.beforeAll(async () => {
  await sink.start(E2E_SMTP_PORT);
});
test.afterAll(async () => {
  await sink.stop();
});

test('invite -> set password -> signed in; forgot password -> reset -> sign in with the new one; two-factor sign-in', async ({ browser }) => {
  test.setTimeout(120_000);
  const session = browserSession(browser);
  const email = `ivy-${Date.now().toString(36)}@example.test`;
  try {
    const admin = await session.signIn('admin@demo.test');
    await admin.waitForURL('**/admin');
    await admin.goto('/admin/agents');
    await admin.getByLabel('Name').fill('Ivy Invitee');
    await admin.getByLabel('Email').fill(email);
    await expect(admin.getByLabel(/password/i)).toHaveCount(0);
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await expect(admin.getByRole('status').filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
    await expect(admin.getByRole('row').filter({ hasText: email }).getByText('Invited')).toBeVisible();

    await sink.waitFor(() => sink.to(email).length === 1, 30_000, 'the invitation email');
    const invitation = sink.to(email)[0];
    expect(invitation.parsed.subject).toMatch(/invited you to Demo Co/);
    const invitee = await session.newPage();
    await invitee.goto(linkIn(invitation, '/invite/'));
    await expect(invitee.getByRole('heading', { name: 'Join Demo Co' })).toBeVisible();
    await invitee.getByLabel('New password').fill('first-Password-2026');
    await invitee.getByLabel('Repeat the password').fill('first-Password-2026');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.waitForURL('**/agent');
    // The link worked once.
    await invitee.goto(linkIn(invitation, '/invite/'));
    await expect(invitee.getByRole('heading', { name: 'This invitation link no longer works' })).toBeVisible();

    // Forgot the password: reset from the sign-in page.
    const forgetful = await session.newPage();
    await forgetful.goto('/signin');
    await forgetful.getByRole('link', { name: 'Forgot your password?' }).click();
    // Wait for the new page: until then 'Email' is still the sign-in form's field (a client-side navigation).
    await expect(forgetful.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
    await forgetful.getByLabel('Email').fill(email);
    await forgetful.getByRole('button', { name: 'Send reset link' }).click();
    await expect(forgetful.getByRole('status')).toContainText('If an account uses this address');
    await sink.waitFor(() => sink.to(email).length === 2, 30_000, 'the reset email');
    const reset = sink.to(email)[1];
    expect(reset.parsed.subject).toBe('Reset your password');
    await forgetful.goto(linkIn(reset, '/reset-password/'));
    await forgetful.getByLabel('New password').fill('second-Password-2026');
    await forgetful.getByLabel('Repeat the password').fill('second-Password-2026');
    await forgetful.getByRole('button', { name: 'Change password' }).click();
    await forgetful.waitForURL('**/signin?**');
    await expect(forgetful.getByRole('status')).toContainText('every device was signed out');
    await expect(forgetful.getByLabel('Email')).toHaveValue(email);
    await forgetful.getByLabel('Password').fill('second-Password-2026');
    await forgetful.getByRole('button', { name: /sign in/i }).click();
    await forgetful.waitForURL('**/agent');

    // The invitee's earlier session was signed out by the reset.
    await invitee.goto('/agent');
    await invitee.waitForURL('**/signin**');

    // Two-factor sign-in from the account page; the next sign-in asks for a code.
    await forgetful.goto('/account');
    await forgetful.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const key = (await forgetful.locator('code').filter({ hasText: /^[A-Z2-7]+$/ }).textContent())!.trim();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key), digits: 6, period: 30, algorithm: 'SHA1' });
    await forgetful.getByLabel('Code from the app').fill(totp.generate());
    await forgetful.locator('form').filter({ has: forgetful.getByLabel('Code from the app') }).getByRole('button', { name: 'Turn on' }).click();
    await expect(forgetful.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    const again = await session.newPage();
    await again.goto('/signin');
    await again.getByLabel('Email').fill(email);
    await again.getByLabel('Password').fill('second-Password-2026');
    await again.getByRole('button', { name: /sign in/i }).click();
    await again.getByLabel('Two-factor code').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await again.getByRole('button', { name: /sign in/i }).click();
    await again.waitForURL('**/agent');
  } finally {
    await session.close();
  }
});
