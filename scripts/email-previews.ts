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
import { UnseenRepliesEmail } from '../src/domain/email/templates/unseen-replies';
import { fill, visitorWording } from '../src/domain/email/visitor-wording';

const brand = { workspaceName: 'Demo Co' };
/** A workspace with an email logo (Widget settings; a real one is an https address, inlined here to render offline). */
const logo = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" rx="14" fill="#4f46e5"/><text x="32" y="42" font-family="Arial" font-size="28" font-weight="700" fill="#fff" text-anchor="middle">DC</text></svg>',
).toString('base64');
const brandWithLogo = { workspaceName: 'Demo Co', logoUrl: `data:image/svg+xml;base64,${logo}` };
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
    'submission-notification': await renderEmail(
      'Ada Lovelace left a message for Sales (#12)',
      createElement(AgentNotificationEmail, {
        brand: brandWithLogo,
        agentName: 'Alice',
        headline: 'Ada Lovelace left a message for Sales (#12)',
        lines: ['No one could chat, so Ada Lovelace left a message for the Sales group.', 'Contact: ada@example.com · +44 20 7946 0000'],
        messages: [{ sender: 'Ada Lovelace', body: 'Do you have volume discounts for 50 seats?', time: '22:40 UTC', fromVisitor: true }],
        link: link('/agent/submissions'),
        actionLabel: 'Open the submissions inbox',
        unsubscribeUrl: link('/api/email/unsubscribe?u=…'),
        unsubscribeLabel: 'Stop emails like this (“A visitor leaves a message for my group”)',
        preferencesUrl: link('/account/notifications'),
      }),
    ),
    'unseen-replies-en': await renderEmail(
      fill(visitorWording('en').unseenTitle, { ws: brand.workspaceName }),
      createElement(UnseenRepliesEmail, {
        brand: brandWithLogo,
        words: visitorWording('en'),
        lang: 'en',
        canReply: true,
        chatUrl: 'https://shop.example.com/order/10234',
        lines: [
          { sender: 'Alice', time: '2026-12-07 09:13 UTC', body: 'Yes, we ship to Norway.', fromVisitor: false },
          { sender: 'Alice', time: '2026-12-07 09:14 UTC', body: 'Delivery takes 3 to 5 days, and it is free above 50 €.', fromVisitor: false },
        ],
      }),
    ),
    'unseen-replies-de': await renderEmail(
      fill(visitorWording('de').unseenTitle, { ws: brand.workspaceName }),
      createElement(UnseenRepliesEmail, {
        brand,
        words: visitorWording('de'),
        lang: 'de',
        canReply: true,
        chatUrl: null,
        lines: [{ sender: 'Alice', time: '2026-12-07 09:13 UTC', body: 'Ja, wir liefern nach Norwegen.', fromVisitor: false }],
      }),
    ),
    'unseen-replies-ar': await renderEmail(
      fill(visitorWording('ar').unseenTitle, { ws: brand.workspaceName }),
      createElement(UnseenRepliesEmail, {
        brand: brandWithLogo,
        words: visitorWording('ar'),
        lang: 'ar',
        canReply: false,
        chatUrl: 'https://shop.example.com/',
        lines: [{ sender: 'Alice', time: '2026-12-07 09:13 UTC', body: 'نعم، نشحن إلى النرويج.', fromVisitor: false }],
      }),
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
