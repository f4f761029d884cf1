/**
 * A typed client of the live-chat API with openapi-fetch and the types openapi-typescript generated
 * (schema.d.ts). Run: LIVECHAT_URL=http://localhost:3000 LIVECHAT_TOKEN=lc_live_… npx tsx examples/api-client/client.ts
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';

const client = createClient<paths>({
  baseUrl: `${process.env.LIVECHAT_URL ?? 'http://localhost:3000'}/api/v1`,
  headers: { authorization: `Bearer ${process.env.LIVECHAT_TOKEN}` },
});

// Every active or queued conversation, page by page (limit ≤ 100, cursor paging).
let cursor: string | undefined;
let total = 0;
do {
  const { data, error, response } = await client.GET('/conversations', { params: { query: { status: ['active', 'queued'], limit: 100, cursor } } });
  if (error) throw new Error(`${error.status} ${error.code}: ${error.detail}`);
  for (const c of data.data) console.log(`${c.id}  ${c.status.padEnd(8)} ${c.visitorName ?? 'visitor'} -> ${c.agentName ?? '(waiting)'}  tags: ${c.tags.join(', ') || '-'}`);
  total += data.data.length;
  cursor = data.next_cursor ?? undefined;
  console.log(`page of ${data.data.length}; RateLimit-Remaining ${response.headers.get('ratelimit-remaining')}`);
} while (cursor);
console.log(`${total} open conversation(s)`);

// Agents with their live presence.
const agents = await client.GET('/agents', { params: { query: { limit: 100 } } });
if (agents.error) throw new Error(agents.error.detail);
for (const a of agents.data.data) console.log(`${a.name.padEnd(12)} ${a.role.padEnd(10)} ${a.status} (${a.load}/${a.limit})`);

// Create or update a customer by your own id; safe to retry with the same Idempotency-Key.
const upsert = await client.POST('/customers', {
  params: { header: { 'Idempotency-Key': `crm-sync-42-${new Date().toISOString().slice(0, 10)}` } },
  body: { partnerId: 'crm-42', name: 'Ada Lovelace', email: 'ada@example.com', params: { plan: 'pro' } },
});
if (upsert.error) console.log(`customers: ${upsert.error.status} ${upsert.error.code}: ${upsert.error.detail}`);
else console.log(`customer ${upsert.data.partnerId} (${upsert.data.name}) ${upsert.response.status === 201 ? 'created' : 'updated'}`);
