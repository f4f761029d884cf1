/**
 * `npx tsx scripts/email-previews.ts [outDir] [--shots dir]`: renders every email template with sample data
 * to HTML and plain-text files (default `.data/email-previews/`) to look at in a browser; with `--shots`,
 * also takes a Chromium screenshot of each (Debian's /usr/bin/chromium through Playwright).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderEmail, type RenderedEmail } from '../src/domain/email/render';
import { EmailChangeEmail, InviteEmail, PasswordResetEmail } from '../src/domain/email/templates/accounts';
import { AgentNotificationEmail } from '../src/domain/email/templates/agent-notification';
import { SubmissionReplyEmail } from '../src/domain/email/templates/submission-reply';
import { TranscriptEmail } from '../src/domain/email/templates/transcript';
import { fill, visitorWording } from '../src/domain/email/visitor-wording';

const brand = { workspaceName: 'Demo Co' };
const link = (p: string) => `http://localhost:3000${p}`;

async function previews(): Promise<Record<string, RenderedEmail>> {
  return {
    invite: await renderEmail(
      'Ada Admin invited you to Demo Co',
      createElement(InviteEmail, { brand, inviterName: 'Ada Admin', inviteeName: 'Ivy', role: 'agent', link: link('/invite/3q2Lk9…'), expiresInDays: 7 }),
    ),
    'password-reset': await renderEmail('Reset your password', createElement(PasswordResetEmail, { brand, name: 'Alice', link: link('/reset-password/Yt8p…'), expiresInMinutes: 60 })),
    'email-change': await renderEmail(
      'Confirm your new email address',
      createElement(EmailChangeEmail, { brand, name: 'Alice', newEmail: 'alice@new.example', link: link('/account/confirm-email/Qm3…'), expiresInMinutes: 60 }),
    ),
    'agent-notification': await renderEmail(
      'Maria is waiting for your reply',
      createElement(AgentNotificationEmail, {
        brand,
        agentName: 'Alice',
        headline: 'Maria is waiting for your reply',
        lines: ['Maria wrote to you while you were away.'],
        messages: [
          { sender: 'Alice', body: 'Let me check the order for you.', time: '09:12 UTC', fromVisitor: false },
          { sender: 'Maria', body: 'Thanks! It is order 10234.', time: '09:13 UTC', fromVisitor: true },
          { sender: 'Maria', body: 'It was supposed to arrive yesterday.', time: '09:15 UTC', fromVisitor: true },
          { sender: 'Maria', body: 'Are you still there?', time: '09:19 UTC', fromVisitor: true },
        ],
        link: link('/agent?conversation=…'),
        unsubscribeUrl: link('/api/email/unsubscribe?u=…'),
        unsubscribeLabel: 'Stop emails like this (“A visitor writes in my chat”)',
        preferencesUrl: link('/account/notifications'),
      }),
    ),
    transcript: await renderEmail(
      fill(visitorWording('en').transcriptTitle, { ws: brand.workspaceName }),
      createElement(TranscriptEmail, {
        brand,
        started: '2026-12-07 09:12 UTC',
        words: visitorWording('en'),
        lang: 'en',
        canReply: true,
        lines: [
          { sender: 'You', time: '2026-12-07 09:12 UTC', body: 'Do you ship to Norway?', fromVisitor: true },
          { sender: 'Alice', time: '2026-12-07 09:13 UTC', body: 'Yes, in 3 to 5 days.', fromVisitor: false },
        ],
      }),
    ),
    'submission-reply-de': await renderEmail(
      `${fill(visitorWording('de').submissionTitle, { n: 12 })} – ${brand.workspaceName}`,
      createElement(SubmissionReplyEmail, { brand, number: 12, reply: 'Ihr Paket kommt morgen an.', original: 'Wo ist mein Paket?', canReply: true, words: visitorWording('de'), lang: 'de' }),
    ),
    'submission-reply-ar': await renderEmail(
      `${fill(visitorWording('ar').submissionTitle, { n: 12 })} – ${brand.workspaceName}`,
      createElement(SubmissionReplyEmail, { brand, number: 12, reply: 'سيصل طردك غدًا.', original: 'أين طردي؟', canReply: false, words: visitorWording('ar'), lang: 'ar' }),
    ),
  };
}

const args = process.argv.slice(2);
const shotsAt = args.indexOf('--shots');
const shotsDir = shotsAt >= 0 ? args[shotsAt + 1] : undefined;
const outDir = path.resolve(args.find((a, i) => !a.startsWith('--') && (shotsAt < 0 || i !== shotsAt + 1)) ?? '.data/email-previews');
mkdirSync(outDir, { recursive: true });
const all = await previews();
for (const [name, email] of Object.entries(all)) {
  writeFileSync(path.join(outDir, `${name}.html`), email.html);
  writeFileSync(path.join(outDir, `${name}.txt`), `Subject: ${email.subject}\n\n${email.text}`);
}
console.log(`email previews in ${outDir}`);
if (shotsDir) {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  mkdirSync(shotsDir, { recursive: true });
  for (const [name, email] of Object.entries(all)) {
    for (const width of [720, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.setContent(email.html);
      await page.screenshot({ path: path.join(shotsDir, `email-${name}${width === 390 ? '-mobile' : ''}.png`), fullPage: true });
      await page.close();
    }
  }
  await browser.close();
  console.log(`screenshots in ${shotsDir}`);
}
