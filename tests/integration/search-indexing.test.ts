import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConversationService } from '../../src/domain/conversations/service';
import { SearchFilters } from '../../src/domain/search/schemas';
import { SearchService } from '../../src/domain/search/service';
import { ChatHarness, type TestWorkspace } from '../helpers/chat';

/**
 * Search indexing off the commit path (issue 27): the worker copies committed messages into the search
 * index shortly after the commit. A message sent through the hot path becomes searchable without anything
 * else happening, and a message whose transaction commits after later messages were indexed is not skipped.
 */

const h = new ChatHarness();
let conversations: ConversationService;
let search: SearchService;
let ws: TestWorkspace;

beforeAll(async () => {
  await h.setup();
  await h.startWorker();
  conversations = new ConversationService(h.database.db);
  search = new SearchService(h.database.db);
  ws = await h.createWorkspace(1);
});
afterAll(async () => {
  await h.teardown();
});

const admin = () => ({ id: ws.adminId, role: 'admin' as const });
const findIds = async (q: string) => (await search.search(ws.workspaceId, admin(), SearchFilters.parse({ q }))).items.map((i) => i.conversation.id);
/** Polls the search until it finds exactly these conversations (bounded: the documented delay is 2 s). */
const searchable = (q: string, expected: string[]) => vi.waitFor(async () => expect(await findIds(q)).toEqual(expected), { timeout: 10_000, interval: 50 });

async function startChat(): Promise<{ conversationId: string; visitorId: string }> {
  const visitorId = await conversations.createVisitor(ws.workspaceId, { name: 'Ada' });
  const { conversation } = await conversations.start(ws.workspaceId, visitorId, { channel: 'desktop', entryUrl: null, mode: 'realtime' });
  return { conversationId: conversation.id, visitorId };
}

describe('search indexing (asynchronous)', () => {
  it('a message sent through the hot path becomes searchable (words and CJK substrings); system notes never are', async () => {
    const { conversationId, visitorId } = await startChat();
    await conversations.appendMessage(ws.workspaceId, conversationId, { type: 'visitor', id: visitorId, name: null }, 'My kettle zorbulated twice', 'k1');
    await conversations.appendMessage(ws.workspaceId, conversationId, { type: 'visitor', id: visitorId, name: null }, '注文した湯沸かし器が届きません', 'k2');
    await conversations.appendSystemNote(ws.workspaceId, conversationId, 'Note quibblewock');
    await searchable('zorbulated', [conversationId]);
    await searchable('湯沸かし', [conversationId]);
    expect(await findIds('quibblewock')).toEqual([]);
  });

  it('a message whose transaction commits after later messages were indexed is still indexed', async () => {
    const early = await startChat();
    const late = await startChat();
    // A transaction that wrote a message and stays open: its message is invisible to the indexer meanwhile,
    // and the indexer's watermark must not pass it.
    const client = new pg.Client({ connectionString: h.database.url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into messages (workspace_id, conversation_id, seq, sender_type, sender_id, body) values ($1, $2, 1000, 'visitor', $3, 'slowpoke flamingo')`,
        [ws.workspaceId, early.conversationId, early.visitorId],
      );
      // Later messages commit and are indexed while it is open…
      await conversations.appendMessage(ws.workspaceId, late.conversationId, { type: 'visitor', id: late.visitorId, name: null }, 'speedy flamingo', 'f1');
      await searchable('speedy', [late.conversationId]);
      await client.query('commit');
    } finally {
      await client.end();
    }
    // …and the earlier one is found once it commits.
    await searchable('slowpoke', [early.conversationId]);
    expect(new Set(await findIds('flamingo'))).toEqual(new Set([early.conversationId, late.conversationId]));
  });

  it('deleting a conversation removes its messages from the search', async () => {
    const { conversationId, visitorId } = await startChat();
    await conversations.appendMessage(ws.workspaceId, conversationId, { type: 'visitor', id: visitorId, name: null }, 'ephemeral gnocchi', 'g1');
    await searchable('gnocchi', [conversationId]);
    await h.database.db.execute(sql`delete from conversations where id = ${conversationId}`);
    expect(await findIds('gnocchi')).toEqual([]);
  });
});
