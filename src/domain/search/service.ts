import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Role } from '../../db/schema';
import { escapeLike, parseQuery, snippet, type Snippet, type TextQuery } from './query';
import type { SearchFilters } from './schemas';
import { TagService, type TagDto } from '../tags/service';

export interface Searcher {
  id: string;
  role: Role;
}

export interface SearchResult {
  conversation: {
    id: string;
    status: string;
    channel: string;
    visitorId: string;
    visitorName: string | null;
    agentId: string | null;
    agentName: string | null;
    groupId: string | null;
    groupName: string | null;
    startedAt: string;
    endedAt: string | null;
    rating: { score: number; scale: number } | null;
    tags: TagDto[];
  };
  /** The best matching message (text searches only). */
  match: { messageId: string; seq: number; senderType: string; createdAt: string; snippet: Snippet } | null;
}

/**
 * How many of the most recent matching messages are ranked. Ranking every match of a very common word in
 * a large workspace would cost a re-parse per row; the newest matches are what people look for. For rare
 * words PostgreSQL reads the matches from the GIN index; for common ones it walks messages newest first
 * (message_search_ws_created_idx) and stops after this many.
 */
const RANKED_CANDIDATES = 300;

/**
 * An agent (or a filter) that can see only this many conversations or fewer is searched through those
 * conversations' messages (index on conversation_id): walking the workspace's newest matches and dropping
 * the ones outside the scope reads the whole table when the scope is a small share of it (bench: an agent
 * of 20 at 1M messages, CJK p95 12 s). A wider scope keeps the newest-first walk.
 */
const NARROW_SCOPE_CONVERSATIONS = 2000;

/**
 * Conversation history and search (F11): filters plus full-text search over messages. Agents see the
 * conversations they served and those of their skill groups; supervisors and admins see all.
 */
export class SearchService {
  constructor(private readonly db: Db) {}

  async search(workspaceId: string, who: Searcher, filters: SearchFilters): Promise<{ items: SearchResult[]; hasMore: boolean }> {
    const conditions = [sql`c.workspace_id = ${workspaceId}`, ...this.scope(who), ...this.filterConditions(filters)];
    const where = sql.join(conditions, sql` and `);
    const offset = (filters.page - 1) * filters.limit;
    const query = parseQuery(filters.q);
    const narrow = query && conditions.length > 1 ? await this.narrowScope(where) : null;
    const rows = query ? await this.textSearch(workspaceId, narrow ?? where, query, filters.limit + 1, offset) : await this.browse(where, filters.limit + 1, offset);
    const page = rows.slice(0, filters.limit);
    const tags = await new TagService(this.db).forConversations(workspaceId, page.map((row) => row.id));
    const items = page.map((row) => toResult(row, query, tags.get(row.id) ?? []));
    return { items, hasMore: rows.length > filters.limit };
  }

  /** Whether this staff member may read the conversation (same scope as the search). */
  async canRead(workspaceId: string, who: Searcher, conversationId: string): Promise<boolean> {
    const where = sql.join([sql`c.workspace_id = ${workspaceId}`, sql`c.id = ${conversationId}`, ...this.scope(who)], sql` and `);
    const { rows } = await this.db.execute(sql`select 1 from conversations c where ${where}`);
    return rows.length > 0;
  }

  private scope(who: Searcher): SQL[] {
    if (who.role === 'admin' || who.role === 'supervisor') return [];
    return [sql`(c.agent_id = ${who.id} or c.group_id in (select usg.group_id from user_skill_groups usg where usg.user_id = ${who.id}))`];
  }

  private filterConditions(f: SearchFilters): SQL[] {
    const out: SQL[] = [];
    if (f.contact) {
      // Issue 21 item 7: the visitor's or customer's name or email, a customer field or a pre-chat answer.
      const p = `%${escapeLike(f.contact)}%`;
      out.push(sql`exists (
        select 1 from visitors sv left join customers sc on sc.id = c.customer_id and sc.workspace_id = c.workspace_id
        where sv.id = c.visitor_id and (
          sv.name ilike ${p} or sv.email ilike ${p} or sc.name ilike ${p} or sc.email ilike ${p}
          or exists (select 1 from jsonb_each_text(coalesce(sc.params, '{}'::jsonb)) kv where kv.value ilike ${p})
          or exists (select 1 from jsonb_array_elements(coalesce(sv.prechat->'fields', '[]'::jsonb)) pf where pf->>'value' ilike ${p})))`);
    }
    if (f.status) out.push(sql`c.status = ${f.status}`);
    if (f.agentId) out.push(sql`c.agent_id = ${f.agentId}`);
    if (f.groupId) out.push(sql`c.group_id = ${f.groupId}`);
    if (f.tagId) out.push(sql`exists (select 1 from conversation_tags ct where ct.conversation_id = c.id and ct.tag_id = ${f.tagId})`);
    if (f.channel) out.push(sql`c.channel = ${f.channel}`);
    if (f.from) out.push(sql`c.created_at >= ${f.from}::date`);
    if (f.to) out.push(sql`c.created_at < ${f.to}::date + 1`);
    if (f.rating === 'rated') out.push(sql`exists (select 1 from ratings r where r.conversation_id = c.id)`);
    else if (f.rating === 'unrated') out.push(sql`not exists (select 1 from ratings r where r.conversation_id = c.id)`);
    else if (f.rating) out.push(sql`exists (select 1 from ratings r where r.conversation_id = c.id and r.score = ${Number(f.rating)})`);
    return out;
  }

  /** The visible conversations when they are few (see NARROW_SCOPE_CONVERSATIONS), as a condition on messages. */
  private async narrowScope(where: SQL): Promise<{ conversationIds: string[] } | null> {
    const { rows } = await this.db.execute<{ id: string }>(sql`select c.id from conversations c where ${where} limit ${NARROW_SCOPE_CONVERSATIONS + 1}`);
    return rows.length <= NARROW_SCOPE_CONVERSATIONS ? { conversationIds: rows.map((r) => r.id) } : null;
  }

  private async browse(where: SQL, limit: number, offset: number): Promise<Row[]> {
    const { rows } = await this.db.execute<Row>(sql`
      select ${CONVERSATION_COLUMNS}, null as message_id, null as seq, null as body, null as sender_type, null as message_at
      from conversations c ${CONVERSATION_JOINS}
      where ${where}
      order by c.created_at desc, c.id
      limit ${limit} offset ${offset}`);
    return rows;
  }

  /**
   * Matching messages (GIN index: full-text for words, trigrams for substrings), the newest candidates
   * ranked, the best message per conversation, conversations by their best match. Messages are read from
   * `message_search`, the search copy the worker fills shortly after each commit (domain/search/indexing.ts;
   * system messages are not in it): a message becomes searchable within about a second of being sent.
   */
  private async textSearch(workspaceId: string, scope: SQL | { conversationIds: string[] }, query: TextQuery, limit: number, offset: number): Promise<Row[]> {
    if ('conversationIds' in scope && !scope.conversationIds.length) return [];
    const indexed = query.kind === 'words' || [...query.terms[0]].length >= TRIGRAM;
    const match = query.kind === 'words' ? sql`m.body_tsv @@ to_tsquery('simple', ${query.tsquery})` : substringMatch(query.terms[0], query.pattern);
    const ids = 'conversationIds' in scope ? sql`${`{${scope.conversationIds.join(',')}}`}::uuid[]` : null;
    // A narrow scope is a list of conversations (read through message_search_conv_idx); otherwise the
    // conversation conditions are checked on each candidate. A match no index serves (a short substring)
    // reads the scope's conversations one by one: given the list as a filter, the planner walks the whole
    // workspace newest first (bench: 600,000 rows for an agent's one-character query).
    const source = !ids
      ? sql`message_search m join conversations c on c.id = m.conversation_id where m.workspace_id = ${workspaceId} and ${match} and ${scope as SQL}`
      : indexed
        ? sql`message_search m join conversations c on c.id = m.conversation_id where m.workspace_id = ${workspaceId} and ${match} and m.conversation_id = any(${ids})`
        : sql`unnest(${ids}) s(conversation_id)
            cross join lateral (select * from message_search m where m.conversation_id = s.conversation_id and m.workspace_id = ${workspaceId} and ${match}) m
            join conversations c on c.id = m.conversation_id`;
    const rank =
      query.kind === 'words'
        ? sql`ts_rank_cd(m.body_tsv, to_tsquery('simple', ${query.tsquery}), 1)`
        : sql`(length(${query.terms[0]})::float4 / greatest(length(m.body), 1)) * (1 + (length(m.body) - length(replace(lower(m.body), lower(${query.terms[0]}), ''))) / greatest(length(${query.terms[0]}), 1))`;
    const { rows } = await this.db.execute<Row>(sql`
      with candidates as (
        select m.message_id as id, m.conversation_id, m.seq, m.body, m.body_tsv, m.sender_type, m.created_at
        from ${source}
        order by m.created_at desc
        limit ${RANKED_CANDIDATES}
      ),
      ranked as (select m.*, ${rank} as rank from candidates m),
      best as (
        select distinct on (conversation_id) * from ranked order by conversation_id, rank desc, created_at desc
      )
      select ${CONVERSATION_COLUMNS}, b.id as message_id, b.seq, b.body, b.sender_type, b.created_at as message_at
      from best b join conversations c on c.id = b.conversation_id ${CONVERSATION_JOINS}
      order by b.rank desc, b.created_at desc
      limit ${limit} offset ${offset}`);
    return rows;
  }
}

/**
 * A substring match. A needle of fewer than three characters has no trigram: `ilike` would make the trigram
 * index return every row of the table (bench: a one-character CJK query of an agent took 3.2 s at 1M
 * messages), so short needles are matched with `strpos`, which no index serves, and the planner reads the
 * scope's messages or walks the newest ones instead.
 */
const TRIGRAM = 3;

function substringMatch(needle: string, pattern: string): SQL {
  if ([...needle].length >= TRIGRAM) return sql`m.body ilike ${pattern}`;
  return sql`strpos(lower(m.body), lower(${needle})) > 0`;
}

const CONVERSATION_COLUMNS = sql.raw(`c.id, c.status, c.channel, c.visitor_id, v.name as visitor_name, c.agent_id, u.name as agent_name,
  c.group_id, g.name as group_name, c.created_at as started_at, c.ended_at, r.score as rating_score, r.scale as rating_scale`);
const CONVERSATION_JOINS = sql.raw(`join visitors v on v.id = c.visitor_id
  left join users u on u.id = c.agent_id
  left join skill_groups g on g.id = c.group_id
  left join ratings r on r.conversation_id = c.id`);

interface Row extends Record<string, unknown> {
  id: string;
  status: string;
  channel: string;
  visitor_id: string;
  visitor_name: string | null;
  agent_id: string | null;
  agent_name: string | null;
  group_id: string | null;
  group_name: string | null;
  started_at: Date | string;
  ended_at: Date | string | null;
  rating_score: number | null;
  rating_scale: number | null;
  message_id: string | null;
  seq: number | null;
  body: string | null;
  sender_type: string | null;
  message_at: Date | string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toResult(row: Row, query: TextQuery | null, tags: TagDto[]): SearchResult {
  return {
    conversation: {
      id: row.id,
      status: row.status,
      channel: row.channel,
      visitorId: row.visitor_id,
      visitorName: row.visitor_name,
      agentId: row.agent_id,
      agentName: row.agent_name,
      groupId: row.group_id,
      groupName: row.group_name,
      startedAt: iso(row.started_at)!,
      endedAt: iso(row.ended_at),
      rating: row.rating_score === null ? null : { score: Number(row.rating_score), scale: Number(row.rating_scale) },
      tags,
    },
    match:
      query && row.message_id
        ? { messageId: row.message_id, seq: Number(row.seq), senderType: row.sender_type!, createdAt: iso(row.message_at)!, snippet: snippet(row.body ?? '', query) }
        : null,
  };
}
