/**
 * Where the time goes in a realtime node's V8 .cpuprofile (`npm run bench -- --profile`), by AREA of self
 * time: socket writes by who wrote (websocket frames, pg queries, Redis commands), JSON, each package
 * (socket.io family, pg driver, drizzle, ioredis, jose, zod …), node core by the area that called it, GC, and
 * our own code by source file (the bundle's source map maps dist/server lines back to src/).
 *
 *   npx tsx bench/profile-areas.ts <file.cpuprofile> [--from=s] [--to=s] [--busiest=s] [--timeline]
 *
 * --from/--to: seconds since the profile started; --busiest=N: the N-second window with the most busy
 * samples (the scenario, not start-up or idle phases); --timeline: busy share per second, to pick a window.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, ...flags] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile-areas.ts <file.cpuprofile> [--from=s] [--to=s] [--busiest=s] [--timeline]');
const flag = (name: string) => flags.find((f) => f.startsWith(`--${name}=`))?.split('=')[1];
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample times (seconds since the first sample).
const times: number[] = [];
let t = 0;
for (const d of profile.timeDeltas) times.push((t += d) / 1e6);
const IDLE = new Set(['(idle)', '(program)']);
const busy = (i: number) => !IDLE.has(byId.get(profile.samples[i])!.callFrame.functionName);

let from = Number(flag('from') ?? 0);
let to = Number(flag('to') ?? Infinity);
const busiest = Number(flag('busiest') ?? 0);
if (busiest > 0) {
  // Sliding window over the samples: the start whose next `busiest` seconds hold the most busy samples.
  let best = 0;
  let count = 0;
  let j = 0;
  for (let i = 0; i < times.length; i++) {
    while (j < times.length && times[j] < times[i] + busiest) count += busy(j++) ? 1 : 0;
    if (count > best) [best, from, to] = [count, times[i], times[i] + busiest];
    count -= busy(i) ? 1 : 0;
  }
}

if (flags.includes('--timeline')) {
  const perSecond = new Map<number, [number, number]>();
  times.forEach((s, i) => {
    const k = Math.floor(s);
    const [b, all] = perSecond.get(k) ?? [0, 0];
    perSecond.set(k, [b + (busy(i) ? 1 : 0), all + 1]);
  });
  console.log([...perSecond].map(([s, [b, all]]) => `${s}s:${Math.round((b / all) * 100)}%`).join(' '));
}

// ------------------------------------------------------------------------------------------ areas

const PACKAGE_AREA: [RegExp, string][] = [
  [/^(socket\.io|socket\.io-parser|socket\.io-adapter|engine\.io|engine\.io-parser|ws|@socket\.io\/.*)$/, 'socket.io / engine.io / ws'],
  [/^(pg|pg-pool|pg-protocol|pg-types|postgres-.*|pgpass)$/, 'pg driver'],
  [/^drizzle-orm$/, 'drizzle-orm (query building, row mapping)'],
  [/^(ioredis|redis-parser|denque|cluster-key-slot|@ioredis\/.*)$/, 'ioredis'],
  [/^jose$/, 'jose (JWT)'],
  [/^zod$/, 'zod'],
  [/^(pino|pino-std-serializers|sonic-boom|thread-stream)$/, 'logging (pino)'],
  [/^bullmq$/, 'bullmq'],
];
const WRITES = new Set(['writev', 'writeUtf8String', 'writeBuffer', 'writeLatin1String', 'writeAsciiString', 'writeUcs2String']);

function packageOf(url: string): string | null {
  const rest = url.split('node_modules/').pop()!;
  if (rest === url) return null;
  const parts = rest.split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

const maps = new Map<string, SourceMap | null>();
function sourceFile(url: string, line: number, column: number): string {
  const filePath = url.replace(/^file:\/\//, '');
  if (!maps.has(filePath)) {
    try {
      maps.set(filePath, new SourceMap(JSON.parse(readFileSync(`${filePath}.map`, 'utf8'))));
    } catch {
      maps.set(filePath, null);
    }
  }
  const entry = maps.get(filePath)?.findEntry(line, column) as { originalSource?: string } | undefined;
  const original = entry?.originalSource;
  if (!original) return path.basename(filePath);
  const inSrc = original.replace(/^file:\/\//, '').split('/src/').pop()!;
  return original.includes('/node_modules/') ? `nm:${packageOf(original)}` : `src/${inSrc}`;
}

/** The area of a frame, or null for frames that take their caller's area (native helpers, node core). */
function areaOf(node: ProfileNode): string | null {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (!url) return functionName === 'stringify' || functionName === 'parse' ? 'JSON (stringify/parse)' : null;
  if (url.startsWith('node:')) return null;
  const pkg = packageOf(url);
  if (pkg) return PACKAGE_AREA.find(([re]) => re.test(pkg))?.[1] ?? `other package: ${pkg}`;
  const mapped = sourceFile(url, lineNumber, columnNumber);
  if (mapped.startsWith('nm:')) return PACKAGE_AREA.find(([re]) => re.test(mapped.slice(3)))?.[1] ?? `other package: ${mapped.slice(3)}`;
  return `our code: ${mapped}`;
}

/** The nearest ancestor (or self) with an area. */
function callerArea(id: number): string {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const area = areaOf(byId.get(cur)!);
    if (area && area !== 'GC') return area;
  }
  return 'node core (no package caller)';
}

const areas = new Map<string, number>();
const functions = new Map<string, number>();
let inWindow = 0;
let busyInWindow = 0;
profile.samples.forEach((id, i) => {
  if (times[i] < from || times[i] >= to) return;
  inWindow++;
  if (!busy(i)) return;
  busyInWindow++;
  const node = byId.get(id)!;
  const { functionName, url } = node.callFrame;
  let area: string;
  if (!url && WRITES.has(functionName)) area = `socket writes, by ${callerArea(id)}`;
  else area = areaOf(node) ?? (url.startsWith('node:') || !url ? `node core, under ${callerArea(id)}` : 'unknown');
  areas.set(area, (areas.get(area) ?? 0) + 1);
  const fn = `${functionName || '(anonymous)'} ${url ? (areaOf(node) ?? url).replace(/^our code: /, '') : ''}`;
  functions.set(fn, (functions.get(fn) ?? 0) + 1);
});

const pct = (n: number, of: number) => `${((n / Math.max(1, of)) * 100).toFixed(1)} %`;
const seconds = Math.min(to, times[times.length - 1]) - from;
console.log(`window ${from.toFixed(1)}–${Math.min(to, times[times.length - 1]).toFixed(1)} s (${seconds.toFixed(1)} s): ${inWindow} samples, busy ${pct(busyInWindow, inWindow)} of the window`);
console.log('\n| area (self time) | share of busy time |\n| --- | --- |');
for (const [area, n] of [...areas].sort((a, b) => b[1] - a[1])) if (n / busyInWindow >= 0.003) console.log(`| ${area} | ${pct(n, busyInWindow)} |`);
console.log('\ntop functions (self, share of busy time):');
for (const [fn, n] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(flag('top') ?? 20))) console.log(`${pct(n, busyInWindow).padStart(7)}  ${fn}`);
