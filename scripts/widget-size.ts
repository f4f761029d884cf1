/**
 * What the widget iframe's first load costs (issue 14 item 8, budget 150 KB gzipped JS): the scripts the
 * built `/widget` page references — Next's root main files plus the page's entry chunks from its client
 * reference manifest — gzipped one by one and summed. Lazy chunks (next/dynamic) are not part of it.
 * Also the loader (`widget.js`) size. Needs `npm run build` first.
 *   npx tsx scripts/widget-size.ts          table + JSON line
 *   npx tsx scripts/widget-size.ts --json   JSON only
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

export const IFRAME_JS_BUDGET_GZ = 150 * 1024;
export const LOADER_BUDGET_GZ = 6 * 1024;

export interface WidgetSize {
  /** Gzipped bytes of every script the widget page loads at first (before any lazy chunk). */
  iframeJsGzBytes: number;
  iframeJsRawBytes: number;
  files: { file: string; rawBytes: number; gzBytes: number }[];
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;

/** The first-load scripts of the built `/widget` page, read from `.next` (paths relative to `.next/`). */
export function widgetPageScripts(nextDir = join(process.cwd(), '.next')): string[] {
  const build = JSON.parse(readFileSync(join(nextDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const g = globalThis as { self?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> };
  g.self ??= globalThis;
  createRequire(import.meta.url)(join(nextDir, 'server/app/widget/page_client-reference-manifest.js'));
  const entry = g.__RSC_MANIFEST?.['/widget/page']?.entryJSFiles ?? {};
  const page = Object.entries(entry).find(([k]) => k.endsWith('/src/app/widget/page'))?.[1];
  if (!page) throw new Error('No /widget page entry in the client reference manifest: run `npm run build` first');
  return [...new Set([...build.rootMainFiles, ...page])];
}

export function measureWidgetPage(nextDir = join(process.cwd(), '.next')): WidgetSize {
  const files = widgetPageScripts(nextDir).map((file) => {
    const buf = readFileSync(join(nextDir, file));
    return { file, rawBytes: buf.length, gzBytes: gz(buf) };
  });
  return { iframeJsGzBytes: files.reduce((s, f) => s + f.gzBytes, 0), iframeJsRawBytes: files.reduce((s, f) => s + f.rawBytes, 0), files };
}

/** Gzipped size of a body fetched from a running app (e.g. `/widget.js`). */
export async function gzSizeOf(url: string): Promise<number> {
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return gz(Buffer.from(await res.arrayBuffer()));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const size = measureWidgetPage();
  if (!process.argv.includes('--json')) {
    for (const f of size.files) console.log(`${(f.gzBytes / 1024).toFixed(1).padStart(7)} KB gz  ${(f.rawBytes / 1024).toFixed(1).padStart(7)} KB  ${f.file}`);
    console.log(`${(size.iframeJsGzBytes / 1024).toFixed(1).padStart(7)} KB gz total (budget ${IFRAME_JS_BUDGET_GZ / 1024} KB)`);
  }
  console.log(JSON.stringify({ iframeJsGzBytes: size.iframeJsGzBytes, iframeJsRawBytes: size.iframeJsRawBytes, withinBudget: size.iframeJsGzBytes <= IFRAME_JS_BUDGET_GZ }));
}
