import { setPreference, verifyUnsubscribe, NOTIFICATION_LABELS } from '../../../../domain/email/preferences';
import { env } from '../../../../lib/env';
import { services } from '../../../../server/web';

/**
 * One-click unsubscribe (RFC 8058) from an agent notification email, without signing in: the link carries
 * the user, the kind and an HMAC of both. POST (`List-Unsubscribe=One-Click`, sent by mail clients) turns
 * the kind off; GET (a person clicking the link) does the same and answers with a small page.
 */
async function unsubscribe(req: Request): Promise<{ ok: true; label: string } | { ok: false }> {
  const target = verifyUnsubscribe(env().AUTH_SECRET, new URL(req.url).searchParams);
  if (!target) return { ok: false };
  await setPreference(services().db, target.userId, target.kind, false);
  return { ok: true, label: NOTIFICATION_LABELS[target.kind] };
}

export async function POST(req: Request): Promise<Response> {
  const result = await unsubscribe(req);
  return result.ok ? Response.json({ ok: true }) : Response.json({ ok: false, error: { code: 'not_found', message: 'This unsubscribe link is not valid' } }, { status: 404 });
}

export async function GET(req: Request): Promise<Response> {
  const result = await unsubscribe(req);
  const web = env().PUBLIC_WEB_URL.replace(/\/$/, '');
  const body = result.ok
    ? `<h1>You are unsubscribed</h1><p>No more emails for “${escapeHtml(result.label)}”. You can turn it back on in <a href="${web}/account/notifications">your notification settings</a>.</p>`
    : `<h1>This link does not work</h1><p>It may be incomplete. You can choose your emails in <a href="${web}/account/notifications">your notification settings</a>.</p>`;
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Email notifications</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1e293b}h1{font-size:1.25rem}a{color:#4f46e5}</style></head><body>${body}</body></html>`,
    { status: result.ok ? 200 : 404, headers: { 'content-type': 'text/html; charset=utf-8' } },
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
