/**
 * Widget scenario (issue 14 item 8): time to interactive of the opened widget on a customer's page from
 * another origin, in Chromium (playwright-core, /usr/bin/chromium). A host page on 127.0.0.1:<port> embeds
 * `widget.js` from the product (localhost:<port>) with `data-open="true"`; the time is from navigation
 * start to the composer being enabled (loader + iframe loaded, handshake done, socket connected).
 * Cold: a fresh browser context (empty HTTP cache) per run; warm: one context, its cache filled by a first
 * load. Also the sizes: widget.js gzipped, the iframe's first-load JS gzipped (scripts/widget-size.ts) and
 * the JS the iframe actually fetched until interactive (lazy chunks included), gzipped.
 *
 * Runs the built app: `next start` (needs `npm run build`) and the compiled realtime server, on ports
 * 4400/4401 (+BENCH_PORT_OFFSET). `--smoke`: one cold and one warm run.
 *   npm run bench -- --only=widget
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { gzSizeOf, IFRAME_JS_BUDGET_GZ, LOADER_BUDGET_GZ, measureWidgetPage } from '../scripts/widget-size';
import { summarize } from './lib/metrics';
import { ROOT, startNode, stop, type Child } from './lib/proc';

interface Ctx {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  authSecret: string;
  widgetKey: string;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TTI_TIMEOUT_MS = 60_000;

export async function runWidgetBench(ctx: Ctx): Promise<Record<string, unknown>> {
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) return { skipped: 'no Next build: run `npm run build` first' };
  const smoke = process.argv.includes('--smoke');
  const runs = smoke ? 1 : Number(process.env.BENCH_WIDGET_RUNS ?? 8);
  const offset = Number(process.env.BENCH_PORT_OFFSET ?? 0);
  const webPort = 4400 + offset;
  const realtimePort = 4401 + offset;
  const webUrl = `http://localhost:${webPort}`;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: ctx.databaseUrl,
    REDIS_URL: ctx.redisUrl,
    REDIS_PREFIX: ctx.redisPrefix,
    AUTH_SECRET: ctx.authSecret,
    WEB_PORT: String(webPort),
    REALTIME_PORT: String(realtimePort),
    PUBLIC_WEB_URL: webUrl,
    PUBLIC_REALTIME_URL: `http://localhost:${realtimePort}`,
    NEXTAUTH_URL: webUrl,
    LOG_LEVEL: 'warn',
    RL_VISITOR_HANDSHAKES_PER_IP_PER_MINUTE: '100000000',
    RL_VISITOR_HANDSHAKES_PER_KEY_PER_MINUTE: '100000000',
  };

  let realtime: Child | null = null;
  let web: ChildProcess | null = null;
  let host: Server | null = null;
  let browser: Browser | null = null;
  try {
    realtime = startNode('widget-realtime', 'dist/server/realtime/main.js', env);
    web = spawn(path.join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-p', String(webPort)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore', detached: true });
    host = await serveHostPage(webUrl, ctx.widgetKey);
    const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
    await waitFor(`${webUrl}/api/health`, 120_000);
    await waitFor(`http://127.0.0.1:${realtimePort}/health`, 60_000);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

    // One unmeasured load first: Next compiles nothing in production, but the server's first render warms its caches.
    await timeToInteractive(await browser.newContext(), hostUrl, webUrl, true);

    const cold: number[] = [];
    const coldFrameHtml: number[] = [];
    let fetched: { jsGzBytes: number; jsFiles: number } | null = null;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const r = await timeToInteractive(context, hostUrl, webUrl, true);
      cold.push(r.ms);
      if (r.frameHtmlMs !== null) coldFrameHtml.push(r.frameHtmlMs);
      fetched ??= r.fetched;
    }
    const warm: number[] = [];
    const warmContext = await browser.newContext();
    await timeToInteractive(warmContext, hostUrl, webUrl, false);
    for (let i = 0; i < runs; i++) warm.push((await timeToInteractive(warmContext, hostUrl, webUrl, false)).ms);
    await warmContext.close();

    const size = measureWidgetPage();
    const bootstrapGz = await gzSizeOf(`${webUrl}/widget.js`);
    // The bootstrap loads the content-hashed loader: both count for "widget.js".
    const loaderPath = (await (await fetch(`${webUrl}/widget.js`)).text()).match(/\/widget-loader\/[\w.-]+\.js/)?.[0];
    const loaderGz = bootstrapGz + (loaderPath ? await gzSizeOf(`${webUrl}${loaderPath}`) : 0);
    const pick = (s: ReturnType<typeof summarize>) => ({ runs: s.count, p50: s.p50, p95: s.p95, max: s.max });
    return {
      runs,
      coldMs: pick(summarize(cold)),
      warmMs: pick(summarize(warm)),
      /** Navigation start → the iframe's HTML received (cold): how much of the time is the server's render. */
      coldFrameHtmlMs: pick(summarize(coldFrameHtml)),
      widgetJsGzBytes: loaderGz,
      widgetJsBootstrapGzBytes: bootstrapGz,
      iframeFirstLoadJsGzBytes: size.iframeJsGzBytes,
      /** Everything the iframe fetched as JS until the composer was usable (cold), lazy chunks included. */
      iframeJsFetchedUntilInteractiveGzBytes: fetched?.jsGzBytes ?? null,
      iframeJsFilesUntilInteractive: fetched?.jsFiles ?? null,
      budgets: { widgetJsGzBytes: LOADER_BUDGET_GZ, iframeFirstLoadJsGzBytes: IFRAME_JS_BUDGET_GZ },
      withinBudgets: loaderGz <= LOADER_BUDGET_GZ && size.iframeJsGzBytes <= IFRAME_JS_BUDGET_GZ,
    };
  } finally {
    await browser?.close().catch(() => {});
    if (host) await new Promise((resolve) => host!.close(resolve));
    if (web?.pid) {
      try {
        process.kill(-web.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (realtime) await stop(realtime);
  }
}

/** A customer's page on another origin, embedding the widget opened. */
async function serveHostPage(webUrl: string, widgetKey: string): Promise<Server> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench shop</title></head>
<body><h1>Bench shop</h1><script src="${webUrl}/widget.js" data-key="${widgetKey}" data-open="true" async></script></body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Navigation start → composer enabled in the widget frame; the JS the frame fetched (gzipped) on the way. */
async function timeToInteractive(context: BrowserContext, hostUrl: string, webUrl: string, closeAfter: boolean): Promise<{ ms: number; frameHtmlMs: number | null; fetched: { jsGzBytes: number; jsFiles: number } }> {
  const page = await context.newPage();
  const bodies: Promise<number>[] = [];
  let frameHtmlAt: number | null = null;
  page.on('response', (response) => {
    const url = response.url();
    if (url.startsWith(`${webUrl}/widget?`)) frameHtmlAt ??= performance.now();
    if (url.startsWith(`${webUrl}/_next/static/`) && url.endsWith('.js') && response.status() === 200) bodies.push(response.body().then((b) => gzipSync(b, { level: 9 }).length, () => 0));
  });
  const t0 = performance.now();
  await page.goto(hostUrl, { waitUntil: 'commit' });
  await page.frameLocator('[data-testid=livechat-frame]').locator('[data-testid=composer-input]:not([disabled])').waitFor({ state: 'visible', timeout: TTI_TIMEOUT_MS });
  const ms = performance.now() - t0;
  const sizes = await Promise.all(bodies);
  await page.close();
  if (closeAfter) await context.close();
  return { ms, frameHtmlMs: frameHtmlAt === null ? null : frameHtmlAt - t0, fetched: { jsGzBytes: sizes.reduce((a, b) => a + b, 0), jsFiles: sizes.length } };
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
