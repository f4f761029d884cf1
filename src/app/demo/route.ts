import { env } from '@/lib/env';
import { embedSnippet } from '@/widget/loader';

export const dynamic = 'force-dynamic';

const DEMO_KEY = 'wk_demo_livechat';

/**
 * A plain customer page (no React, no framework) that embeds the widget with one <script> tag, exactly as
 * a customer would. `?key=` picks another workspace's widget key.
 */
export function GET(request: Request) {
  const url = new URL(request.url);
  const key = (url.searchParams.get('key') ?? DEMO_KEY).replace(/[^a-zA-Z0-9_-]/g, '');
  const origin = new URL(env().PUBLIC_WEB_URL).origin;
  const snippet = embedSnippet(origin, key);
  const shown = snippet.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Acme Outdoor — demo shop</title>
  <style>
    body{margin:0;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a;background:#f8fafc}
    header{background:#0f172a;color:#fff;padding:20px 24px}
    main{max-width:760px;margin:0 auto;padding:32px 24px;line-height:1.6}
    .card{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:20px;margin:16px 0}
    code{background:#e2e8f0;border-radius:4px;padding:2px 6px;font-size:13px;word-break:break-all}
  </style>
</head>
<body>
  <header><strong>Acme Outdoor</strong> · demo shop</header>
  <main>
    <h1>Trail shoes for every season</h1>
    <p>This is a plain HTML page standing in for a customer's website. The chat button in the corner comes from the embed code:</p>
    <div class="card"><code style="white-space:pre-wrap">${shown}</code></div>
    <p>Open it, write a message, and answer it as an agent at <a href="${origin}/agent">${origin}/agent</a>.</p>
  </main>
  ${snippet}
</body>
</html>`;
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
