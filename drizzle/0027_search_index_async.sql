-- Issue 27: the message hot path keeps only what an acknowledgement needs.
--
-- 1. Search indexing leaves the commit path. The two GIN indexes on `messages` (tsvector and trigram, migration
--    0006) roughly doubled the insert cost and WAL per message (bench/gin-cost.ts). The searchable copy of each
--    message now lives in `message_search`, filled by the worker shortly after the commit (lc_search_index_pass,
--    polled; docs/architecture.md "Search indexing"), and the search reads only that table.
-- 2. The `message.created` outbox row is written only for a workspace with an enabled webhook endpoint (the
--    outbox feeds webhooks only; rows of other workspaces were marked relayed unread by the fallback poll).
--
-- `messages.indexed_from` is when the row was inserted (clock_timestamp()): the indexer's watermark. created_at
-- cannot serve (fixtures, imports and bulk loads set it in the past). Existing rows get the migration's time
-- without a table rewrite (a stable DEFAULT now() is evaluated once by ADD COLUMN; the volatile default is
-- set afterwards, for new rows only). BRIN: nearly free to maintain on insert.
ALTER TABLE "messages" ADD COLUMN "indexed_from" timestamptz DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "indexed_from" SET DEFAULT clock_timestamp();--> statement-breakpoint
CREATE INDEX "messages_indexed_from_brin" ON "messages" USING brin ("indexed_from") WITH (pages_per_range = 32, autosummarize = on);--> statement-breakpoint
CREATE TABLE "message_search" (
	"message_id" uuid PRIMARY KEY NOT NULL REFERENCES "messages"("id") ON DELETE CASCADE,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"sender_type" "sender_type" NOT NULL,
	"body" text NOT NULL,
	"body_tsv" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "body")) STORED,
	"created_at" timestamptz NOT NULL
);--> statement-breakpoint
-- Backfill (system messages are never searched, so never indexed); the indexes are built after the load. In
-- time order, as the indexer appends: the newest-first walk of a common word then reads neighbouring pages.
INSERT INTO "message_search" ("message_id", "workspace_id", "conversation_id", "seq", "sender_type", "body", "created_at")
  SELECT id, workspace_id, conversation_id, seq, sender_type, body, created_at FROM messages WHERE sender_type <> 'system' ORDER BY created_at;--> statement-breakpoint
CREATE INDEX "message_search_tsv_idx" ON "message_search" USING gin ("body_tsv");--> statement-breakpoint
CREATE INDEX "message_search_trgm_idx" ON "message_search" USING gin ("body" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "message_search_ws_created_idx" ON "message_search" ("workspace_id", "created_at");--> statement-breakpoint
CREATE INDEX "message_search_conv_idx" ON "message_search" ("conversation_id", "created_at");--> statement-breakpoint
DROP INDEX IF EXISTS "messages_body_tsv_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "messages_body_trgm_idx";--> statement-breakpoint
ALTER TABLE "messages" DROP COLUMN IF EXISTS "body_tsv";--> statement-breakpoint
-- The indexer's position: every message inserted before it (in (indexed_from, id) order) is in message_search.
CREATE TABLE "search_index_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
	"watermark" timestamptz NOT NULL,
	"watermark_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL
);--> statement-breakpoint
-- The backfilled rows all carry the migration's time (ADD COLUMN above): the watermark starts after them.
INSERT INTO "search_index_state" ("id", "watermark", "watermark_id") VALUES (1, now(), 'ffffffff-ffff-ffff-ffff-ffffffffffff');--> statement-breakpoint
-- One indexing pass: copies the messages inserted after the watermark (at most max_rows, in (indexed_from, id)
-- order) and advances the watermark up to the horizon. The horizon is the start of the oldest transaction that
-- has written and is still open in this database: a message not yet visible was inserted by an open transaction
-- after its first write, so its indexed_from is at or past the horizon (a transaction without a write yet can
-- only insert later, past now()). Below the horizon every message is visible: the watermark never passes a
-- message it has not read. Rows past the horizon are copied too (ON CONFLICT skips those read again), so a
-- long open transaction delays neither the other messages nor, once it commits, its own. The state row lock
-- serialises concurrent workers. Returns the number of rows copied for the first time. The role must see
-- its other sessions in pg_stat_activity (same role, or a member of pg_read_all_stats).
CREATE OR REPLACE FUNCTION lc_search_index_pass(max_rows integer) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  since timestamptz;
  since_id uuid;
  horizon timestamptz;
  last_at timestamptz;
  last_id uuid;
  seen integer;
  copied integer;
  zero constant uuid := '00000000-0000-0000-0000-000000000000';
BEGIN
  SELECT s.watermark, s.watermark_id INTO since, since_id FROM search_index_state s WHERE s.id = 1 FOR UPDATE;
  SELECT least(now(), min(a.xact_start)) INTO horizon FROM pg_stat_activity a
    WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.backend_xid IS NOT NULL;
  WITH batch AS (
    SELECT m.id, m.workspace_id, m.conversation_id, m.seq, m.sender_type, m.body, m.created_at, m.indexed_from
    FROM messages m
    WHERE m.indexed_from >= since AND (m.indexed_from, m.id) > (since, since_id)
    ORDER BY m.indexed_from, m.id
    LIMIT max_rows
  ),
  ins AS (
    INSERT INTO message_search (message_id, workspace_id, conversation_id, seq, sender_type, body, created_at)
    SELECT b.id, b.workspace_id, b.conversation_id, b.seq, b.sender_type, b.body, b.created_at FROM batch b WHERE b.sender_type <> 'system'
    ON CONFLICT (message_id) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM ins),
    (SELECT b.indexed_from FROM batch b ORDER BY b.indexed_from DESC, b.id DESC LIMIT 1),
    (SELECT b.id FROM batch b ORDER BY b.indexed_from DESC, b.id DESC LIMIT 1)
    INTO seen, copied, last_at, last_id;
  IF seen < max_rows THEN
    -- Everything after the watermark was read: continue from the horizon.
    last_at := horizon;
    last_id := zero;
  ELSIF last_at >= horizon THEN
    last_at := horizon;
    last_id := zero;
  END IF;
  IF (last_at, last_id) > (since, since_id) THEN
    UPDATE search_index_state SET watermark = last_at, watermark_id = last_id WHERE id = 1;
  END IF;
  RETURN copied;
END
$fn$;--> statement-breakpoint
-- The hot path (migration 0004) without the outbox row for workspaces that have no enabled webhook endpoint.
CREATE OR REPLACE FUNCTION lc_append_messages(items jsonb)
RETURNS TABLE (idx integer, id uuid, conversation_id uuid, seq integer, sender_type text, sender_id uuid, body text, client_msg_id text, created_at timestamptz)
LANGUAGE plpgsql AS $fn$
DECLARE
  item jsonb;
  position integer := -1;
  ws uuid;
  conv uuid;
  client text;
  stored record;
  bumped record;
  inserted record;
  hooked boolean;
  hooked_ws uuid;
BEGIN
  FOR item IN SELECT value FROM jsonb_array_elements(items) LOOP
    position := position + 1;
    ws := (item->>'workspaceId')::uuid;
    conv := (item->>'conversationId')::uuid;
    client := item->>'clientMsgId';
    IF client IS NOT NULL THEN
      SELECT m.id, m.conversation_id, m.seq, m.sender_type::text AS sender_type, m.sender_id, m.body, m.client_msg_id, m.created_at INTO stored
        FROM messages m WHERE m.conversation_id = conv AND m.workspace_id = ws AND m.client_msg_id = client;
      IF FOUND THEN
        RETURN QUERY SELECT position, stored.id, stored.conversation_id, stored.seq, stored.sender_type, stored.sender_id, stored.body, stored.client_msg_id, stored.created_at;
        CONTINUE;
      END IF;
    END IF;
    UPDATE conversations c SET last_seq = c.last_seq + 1, event_seq = c.event_seq + 1, last_message_at = now()
      WHERE c.id = conv AND c.workspace_id = ws AND (c.status <> 'ended' OR (item->>'allowEnded')::boolean)
      RETURNING c.last_seq, c.event_seq INTO bumped;
    IF NOT FOUND THEN CONTINUE; END IF;
    INSERT INTO messages (workspace_id, conversation_id, seq, sender_type, sender_id, body, client_msg_id, offline)
      VALUES (ws, conv, bumped.last_seq, (item->>'senderType')::sender_type, (item->>'senderId')::uuid, item->>'body', client, (item->>'offline')::boolean)
      RETURNING messages.id, messages.conversation_id, messages.seq, messages.sender_type::text AS sender_type, messages.sender_id, messages.body, messages.client_msg_id, messages.created_at, messages.offline, messages.workspace_id
      INTO inserted;
    -- Whether the workspace has an enabled endpoint: looked up once per workspace per batch.
    IF hooked_ws IS DISTINCT FROM ws THEN
      hooked := EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.workspace_id = ws AND e.disabled_at IS NULL);
      hooked_ws := ws;
    END IF;
    -- The message.created event commits with the message (transactional outbox, F10) where someone listens.
    IF hooked THEN
      INSERT INTO outbox (workspace_id, type, conversation_id, seq, payload)
        VALUES (inserted.workspace_id, 'message.created', inserted.conversation_id, bumped.event_seq,
          jsonb_build_object('conversationId', inserted.conversation_id, 'messageId', inserted.id, 'messageSeq', inserted.seq,
            'senderType', inserted.sender_type, 'senderId', inserted.sender_id, 'body', inserted.body, 'offline', inserted.offline,
            'createdAt', to_char(inserted.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
    END IF;
    RETURN QUERY SELECT position, inserted.id, inserted.conversation_id, inserted.seq, inserted.sender_type, inserted.sender_id, inserted.body, inserted.client_msg_id, inserted.created_at;
  END LOOP;
END
$fn$;
