/**
 * Search scenario (F11 history): full-text and CJK search over a large message table. Seeds its own
 * database (`livechat_bench_search`: migrations, one workspace, BENCH_SEARCH_MESSAGES messages — default
 * 1,000,000 — in 50-message conversations, generated in PostgreSQL with generate_series; the search copy
 * `message_search` is filled as the migration's backfill does and its indexes are built after the load), then times SearchService.search() as an admin and as an agent, per kind of
 * query: rare word, mid-frequency word, two words, prefix while typing, common word, CJK substring,
 * filters only, a tag with a word (10% of the conversations carry the tag). Reports p50/p95/p99 per kind
 * and overall.
 *
 *   npx tsx bench/search.ts            standalone (prints JSON)
 *   npm run bench -- --only=search     from bench/run.ts (calls runSearchBench())
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createDb } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { AccountsService } from '../src/domain/accounts/service';
import { SearchFilters } from '../src/domain/search/schemas';
import { SearchService } from '../src/domain/search/service';
import { summarize } from './lib/metrics';
import { databaseUrl } from './lib/setup';

// BENCH_SEARCH_DATABASE: another name, so two checkouts on one server do not drop each other's database.
const DATABASE = process.env.BENCH_SEARCH_DATABASE ?? 'livechat_bench_search';
const MESSAGES = Number(process.env.BENCH_SEARCH_MESSAGES ?? 1_000_000);
const PER_CONVERSATION = 50;
const VOCABULARY = 5000;
const QUERIES_PER_KIND = Number(process.env.BENCH_SEARCH_QUERIES ?? 40);
const TARGET_MS = 300;
const CJK_SENTENCES = ['東京タワーの営業時間を教えてください', '注文した商品がまだ届いていません', '返品の手続きについて知りたいです', '配送状況を確認したいのですが', '支払い方法を変更できますか'];

export async function runSearchBench(ctx: { databaseUrl: string }): Promise<Record<string, unknown>> {
  const url = databaseUrl(ctx.databaseUrl, DATABASE);
  const adminClient = new pg.Client({ connectionString: databaseUrl(ctx.databaseUrl, 'postgres') });
  await adminClient.connect();
  // BENCH_SEARCH_REUSE=1 queries a database kept by an earlier BENCH_SEARCH_KEEP=1 run (no reseeding).
  const reuse = process.env.BENCH_SEARCH_REUSE === '1';
  if (!reuse) {
    await adminClient.query(`drop database if exists ${DATABASE} with (force)`);
    await adminClient.query(`create database ${DATABASE}`);
  }
  const db = createDb(url, { max: 4 });
  try {
    if (!reuse) await runMigrations(db);
    const seedStarted = performance.now();
    const world = reuse ? await existing(url) : await seed(db, url);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);
    const search = new SearchService(db);
    const kinds: Record<string, () => Record<string, string>> = {
      rare_word: () => ({ q: word(VOCABULARY - 1 - rand(VOCABULARY / 2)) }),
      mid_word: () => ({ q: word(200 + rand(800)) }),
      two_words: () => ({ q: `${word(50 + rand(200))} ${word(50 + rand(200))}` }),
      prefix_typing: () => ({ q: word(100 + rand(1000)).slice(0, 4) }),
      common_word: () => ({ q: word(rand(10)) }),
      cjk_substring: () => ({ q: CJK_SENTENCES[rand(CJK_SENTENCES.length)].slice(rand(4), rand(4) + 4) }),
      filters_only: () => ({ status: 'ended', channel: ['desktop', 'mobile', 'app'][rand(3)] }),
      tag_and_word: () => ({ tagId: world.tagId, q: word(200 + rand(800)) }),
    };
    const results: Record<string, unknown> = {};
    const all: number[] = [];
    for (const [who, actor] of [
      ['admin', { id: world.adminId, role: 'admin' as const }],
      ['agent', { id: world.agentId, role: 'agent' as const }],
    ] as const) {
      const perKind: Record<string, unknown> = {};
      for (const [kind, make] of Object.entries(kinds)) {
        const samples: number[] = [];
        let hits = 0;
        // A query that runs into the client's read timeout counts as lost (+Infinity), not as a crash.
        let lost = 0;
        for (let i = 0; i < QUERIES_PER_KIND; i++) {
          const filters = SearchFilters.parse(make());
          const t0 = performance.now();
          try {
            const out = await search.search(world.workspaceId, actor, filters);
            samples.push(performance.now() - t0);
            hits += out.items.length;
          } catch (error) {
            if (!/timeout/i.test(String((error as { cause?: unknown }).cause ?? error))) throw error;
            lost += 1;
            samples.push(Infinity);
          }
        }
        all.push(...samples);
        const s = summarize(samples.filter(Number.isFinite), lost);
        perKind[kind] = { p50: s.p50, p95: s.p95, p99: s.p99, max: s.max, timedOut: lost, avgResults: Math.round(hits / QUERIES_PER_KIND) };
      }
      results[who] = perKind;
    }
    const overall = summarize(all.filter(Number.isFinite), all.filter((v) => !Number.isFinite(v)).length);
    const [{ count }] = (await db.execute<{ count: string }>(sql`select count(*) from messages`)).rows;
    return { messages: Number(count), conversations: Math.ceil(Number(count) / PER_CONVERSATION), seedSeconds, queries: all.length, p50: overall.p50, p95: overall.p95, p99: overall.p99, targetMs: TARGET_MS, met: (overall.p99 ?? Infinity) < TARGET_MS, byKind: results };
  } finally {
    await db.$client.end();
    // BENCH_SEARCH_KEEP=1 keeps the seeded database for EXPLAIN sessions.
    if (process.env.BENCH_SEARCH_KEEP !== '1') await adminClient.query(`drop database if exists ${DATABASE} with (force)`).catch(() => {});
    await adminClient.end();
  }
}

const rand = (n: number) => Math.floor(Math.random() * n);
/** Vocabulary word i: pronounceable, distinct ("w" + base-26 syllables). */
function word(i: number): string {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'do', 'gu', 'fi', 'be', 'ho', 'ja'];
  let out = '';
  let n = i + 16;
  while (n > 0) {
    out += syllables[n % 16];
    n = Math.floor(n / 16);
  }
  return out;
}

async function existing(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`select w.id as workspace, (select id from users where workspace_id = w.id and role = 'admin' limit 1) as admin,
      (select id from users where workspace_id = w.id and role = 'agent' order by email limit 1) as agent,
      (select id from tags where workspace_id = w.id limit 1) as tag from workspaces w limit 1`);
    return { workspaceId: rows[0].workspace as string, adminId: rows[0].admin as string, agentId: rows[0].agent as string, tagId: rows[0].tag as string };
  } finally {
    await client.end();
  }
}

async function seed(db: ReturnType<typeof createDb>, url: string) {
  const accounts = new AccountsService(db);
  const { workspaceId, user } = await accounts.signUp({ workspaceName: 'Search Bench', name: 'Admin', email: 'admin@search.bench', password: 'bench-password' });
  const agents = [];
  for (let i = 0; i < 20; i++) agents.push((await accounts.createAgent(workspaceId, { name: `Agent ${i + 1}`, email: `a${i}@search.bench`, password: 'bench-password' })).id);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const conversations = Math.ceil(MESSAGES / PER_CONVERSATION);
    const words = Array.from({ length: VOCABULARY }, (_, i) => word(i));
    // Indexes are built after the load (much faster than maintaining them row by row).
    await client.query(`drop index message_search_tsv_idx; drop index message_search_trgm_idx; drop index message_search_ws_created_idx; drop index message_search_conv_idx; drop index messages_ws_created_idx`);
    await client.query(
      `insert into visitors (id, workspace_id, name) select gen_random_uuid(), $1, 'Visitor ' || g from generate_series(1, $2) g`,
      [workspaceId, conversations],
    );
    await client.query(
      `insert into conversations (workspace_id, visitor_id, agent_id, status, channel, created_at, ended_at, last_seq)
       select $1, v.id, ($3::uuid[])[1 + (row_number() over () % 20)], 'ended', (array['desktop','mobile','app'])[1 + floor(random() * 3)::int]::channel,
              now() - (random() * interval '365 days'), now(), $2
       from visitors v where v.workspace_id = $1`,
      [workspaceId, PER_CONVERSATION, agents],
    );
    // Word i is picked with a skewed (Zipf-like) distribution: a few very common words, a long tail of rare
    // ones; 5% of the messages are Japanese sentences. The subquery depends on s.seq, so it runs per row.
    await client.query(
      `insert into messages (workspace_id, conversation_id, seq, sender_type, body, created_at)
       select $1, c.id, s.seq, case when s.seq % 2 = 0 then 'agent' else 'visitor' end::sender_type,
         case when random() < 0.05 then ($4::text[])[1 + floor(random() * array_length($4::text[], 1))::int]
           else (select string_agg(($5::text[])[1 + floor(power(random(), 2.2) * $2)::int], ' ') from generate_series(1, 6 + (s.seq % 13)) k) end,
         c.created_at + s.seq * interval '20 seconds'
       from conversations c cross join generate_series(1, $3) s(seq)
       where c.workspace_id = $1`,
      [workspaceId, VOCABULARY, PER_CONVERSATION, CJK_SENTENCES, words],
    );
    // One tag on a tenth of the conversations (the tag filter combined with a word).
    const { rows: tagRows } = await client.query(`insert into tags (workspace_id, name, color) values ($1, 'Billing', '#0ea5e9') returning id`, [workspaceId]);
    await client.query(
      `insert into conversation_tags (conversation_id, tag_id, workspace_id) select id, $2, $1 from conversations where workspace_id = $1 and random() < 0.1`,
      [workspaceId, tagRows[0].id],
    );
    // The search copy, as the migration's backfill and then the worker's indexer write it: in time order.
    await client.query(`insert into message_search (message_id, workspace_id, conversation_id, seq, sender_type, body, created_at)
      select id, workspace_id, conversation_id, seq, sender_type, body, created_at from messages where sender_type <> 'system' order by created_at`);
    await client.query(`update search_index_state set watermark = now()`);
    await client.query(`create index messages_ws_created_idx on messages (workspace_id, created_at)`);
    await client.query(`create index message_search_tsv_idx on message_search using gin (body_tsv)`);
    await client.query(`create index message_search_trgm_idx on message_search using gin (body gin_trgm_ops)`);
    await client.query(`create index message_search_ws_created_idx on message_search (workspace_id, created_at)`);
    await client.query(`create index message_search_conv_idx on message_search (conversation_id, created_at)`);
    await client.query(`vacuum analyze messages`);
    await client.query(`vacuum analyze message_search`);
    await client.query(`vacuum analyze conversations`);
    await client.query(`vacuum analyze conversation_tags`);
    return { workspaceId, adminId: user.id, agentId: agents[0], tagId: tagRows[0].id as string };
  } finally {
    await client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSearchBench({ databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/livechat' }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
