-- Reports rollups (docs/reports.md "Rollups") and cycle attribution for agent/group filters.

-- Histogram bucket of a duration (seconds): 1-second buckets [b, b+1) below 60 s, then buckets 2 % wide
-- ([60·1.02^k, 60·1.02^(k+1)), numbered 60 + k). lc_report_bucket_value is the value a bucket stands for:
-- its lower bound below 60 s (exact for whole seconds, < 1 s off otherwise), its geometric middle above
-- (within 1 % of any value in it).
CREATE OR REPLACE FUNCTION lc_report_bucket(v double precision) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select case when v < 60 then greatest(0, floor(v))::integer else 60 + floor(ln(v / 60) / ln(1.02))::integer end
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lc_report_bucket_value(b integer) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select case when b < 60 then b::double precision else 60 * power(1.02::double precision, b - 60 + 0.5) end
$$;
--> statement-breakpoint
INSERT INTO report_rollup_watermark (id, watermark) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The conversation trigger function again, plus the `cycle_handled` rows (attribution of a cycle to the
-- agent and group handling it: +1 at each assignment or transfer, -1 for the previous one).
CREATE OR REPLACE FUNCTION lc_report_on_conversation(o conversations, n conversations) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  s report_state;
  h report_events;
  tg text[];
  t timestamptz;
BEGIN
  tg := lc_report_tags(n.id);
  IF o.id IS NULL THEN
    INSERT INTO report_state (conversation_id, workspace_id, cycle, started_at, in_hours)
      VALUES (n.id, n.workspace_id, 1, n.created_at, lc_report_open_at(n.workspace_id, n.created_at))
      ON CONFLICT (conversation_id) DO NOTHING
      RETURNING * INTO s;
    IF s.conversation_id IS NULL THEN RETURN; END IF;
    PERFORM lc_report_put(n, 1, 'cycle_started', n.created_at, NULL, NULL, s.in_hours, NULL, tg);
    o := n;
    o.status := 'queued'; o.agent_id := NULL; o.enqueued_at := NULL; o.assigned_at := NULL; o.ended_at := NULL;
  ELSE
    SELECT * INTO s FROM report_state WHERE conversation_id = n.id FOR UPDATE;
    -- A conversation from before the log existed: the backfill replays it whole.
    IF NOT FOUND THEN RETURN; END IF;
  END IF;

  -- Reopened: a new cycle starts now.
  IF o.status = 'ended' AND n.status <> 'ended' THEN
    t := lc_report_clock();
    s.cycle := s.cycle + 1; s.started_at := t; s.in_hours := lc_report_open_at(n.workspace_id, t);
    s.queued_at := NULL; s.first_assigned_at := NULL; s.holder_since := NULL; s.holder_replied := false;
    s.replied := false; s.pending_since := NULL;
    PERFORM lc_report_put(n, s.cycle, 'cycle_started', t, NULL, NULL, s.in_hours, 'reopen', tg);
    o.agent_id := NULL;
  END IF;

  -- Entered the queue or the Unassigned pool (the first time in this cycle, before any assignment).
  IF n.enqueued_at IS NOT NULL AND n.enqueued_at IS DISTINCT FROM o.enqueued_at AND s.queued_at IS NULL
     AND s.first_assigned_at IS NULL AND n.status <> 'ended' THEN
    s.queued_at := greatest(n.enqueued_at, s.started_at);
    PERFORM lc_report_put(n, s.cycle, 'queued', s.queued_at, NULL, NULL, NULL, NULL, tg);
  END IF;

  -- Assigned to an agent: the cycle's first assignment (value = queue wait when it waited), else a transfer.
  IF n.status = 'active' AND n.agent_id IS NOT NULL AND (n.agent_id IS DISTINCT FROM o.agent_id OR s.first_assigned_at IS NULL) THEN
    t := CASE WHEN n.assigned_at IS NOT NULL AND n.assigned_at IS DISTINCT FROM o.assigned_at THEN n.assigned_at ELSE lc_report_clock() END;
    IF s.first_assigned_at IS NULL THEN
      s.first_assigned_at := t;
      PERFORM lc_report_put(n, s.cycle, 'assigned', t, n.agent_id, s.queued_at, NULL, NULL, tg);
    ELSE
      PERFORM lc_report_put(n, s.cycle, 'transfer', t, n.agent_id, NULL, NULL, o.agent_id::text, tg);
    END IF;
    -- Attribution (docs/reports.md "Filters"): the cycle belongs to the agent and group now handling it,
    -- placed at the cycle's start. The previous attribution is taken back with the same dimensions.
    SELECT * INTO h FROM report_events e WHERE e.conversation_id = n.id AND e.cycle = s.cycle AND e.kind = 'cycle_handled'
      ORDER BY e.id DESC LIMIT 1;
    IF h.id IS NOT NULL AND h.weight = 1 THEN
      INSERT INTO report_events (workspace_id, conversation_id, cycle, kind, at, agent_id, group_id, channel, tags, weight, detail)
        VALUES (h.workspace_id, h.conversation_id, h.cycle, 'cycle_handled', h.at, h.agent_id, h.group_id, h.channel, h.tags, -1, h.detail);
    END IF;
    PERFORM lc_report_put(n, s.cycle, 'cycle_handled', s.started_at, n.agent_id, NULL, NULL, CASE WHEN s.cycle > 1 THEN 'reopen' END, tg);
    s.holder_since := t; s.holder_replied := false;
  END IF;

  -- Ended: resolution, handle, waited/abandoned, missed; all counted at the end of the cycle.
  IF n.status = 'ended' AND o.status <> 'ended' THEN
    t := coalesce(n.ended_at, lc_report_clock());
    PERFORM lc_report_put(n, s.cycle, 'resolution', t, n.agent_id, s.started_at, NULL, n.ended_by::text, tg);
    IF s.first_assigned_at IS NOT NULL THEN
      PERFORM lc_report_put(n, s.cycle, 'handle', t, n.agent_id, s.first_assigned_at, NULL, NULL, tg);
    END IF;
    IF s.queued_at IS NOT NULL THEN
      PERFORM lc_report_put(n, s.cycle, 'waited', t, n.agent_id, NULL, NULL, NULL, tg);
      IF s.first_assigned_at IS NULL AND t - s.queued_at >= interval '10 seconds' THEN
        PERFORM lc_report_put(n, s.cycle, 'abandoned', t, NULL, s.queued_at, NULL, n.ended_by::text, tg);
      END IF;
    END IF;
    IF s.in_hours AND NOT s.replied THEN
      PERFORM lc_report_put(n, s.cycle, 'missed', t, n.agent_id, NULL, NULL, NULL, tg);
    END IF;
  END IF;

  UPDATE report_state SET cycle = s.cycle, started_at = s.started_at, in_hours = s.in_hours, queued_at = s.queued_at,
    first_assigned_at = s.first_assigned_at, holder_since = s.holder_since, holder_replied = s.holder_replied,
    replied = s.replied, pending_since = s.pending_since
  WHERE conversation_id = n.id;
END
$fn$;
--> statement-breakpoint
-- Cheaper per message (docs/performance.md, "Reports: cost per message"): the message trigger inserts the
-- log row directly (no nested function call), and updates report_state only when a field changes (an agent
-- message after the holder already replied and with no visitor message pending writes nothing).
CREATE OR REPLACE FUNCTION lc_report_on_message(m messages, c conversations) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  s report_state;
  tg text[];
  holder boolean;
BEGIN
  SELECT * INTO s FROM report_state WHERE conversation_id = m.conversation_id FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  tg := lc_report_tags(c.id);
  IF m.sender_type = 'visitor' THEN
    INSERT INTO report_events (workspace_id, conversation_id, cycle, kind, at, agent_id, group_id, channel, tags)
      VALUES (c.workspace_id, c.id, s.cycle, 'msg_in', m.created_at, c.agent_id, c.group_id, c.channel::text, tg);
    IF s.pending_since IS NULL THEN
      UPDATE report_state SET pending_since = m.created_at WHERE conversation_id = m.conversation_id;
    END IF;
  ELSIF m.sender_type = 'agent' THEN
    IF s.pending_since IS NULL THEN
      INSERT INTO report_events (workspace_id, conversation_id, cycle, kind, at, agent_id, group_id, channel, tags)
        VALUES (c.workspace_id, c.id, s.cycle, 'msg_out', m.created_at, m.sender_id, c.group_id, c.channel::text, tg);
    ELSE
      PERFORM lc_report_put(c, s.cycle, 'msg_out', m.created_at, m.sender_id, s.pending_since, NULL, NULL, tg);
    END IF;
    IF NOT s.replied THEN
      PERFORM lc_report_put(c, s.cycle, 'first_response', m.created_at, m.sender_id, s.started_at, NULL, NULL, tg);
    END IF;
    holder := m.sender_id = c.agent_id;
    IF holder AND s.holder_since IS NOT NULL AND NOT s.holder_replied THEN
      PERFORM lc_report_put(c, s.cycle, 'agent_first_response', m.created_at, m.sender_id, s.holder_since, NULL, NULL, tg);
    END IF;
    IF NOT s.replied OR s.pending_since IS NOT NULL OR (holder AND NOT s.holder_replied) THEN
      UPDATE report_state SET replied = true, pending_since = NULL, holder_replied = holder_replied OR holder
        WHERE conversation_id = m.conversation_id;
    END IF;
  END IF;
END
$fn$;
--> statement-breakpoint
-- Message rows (msg_in, msg_out: the bulk of the log) leave the (workspace, kind, at) b-tree: reports read
-- them through the rollups and, for the unfolded tail, by id; the log path's range scans over them use a
-- BRIN index on `at` (the log is appended in time order, so it is tiny and nearly free to maintain).
DROP INDEX IF EXISTS report_events_ws_kind_at_idx;
--> statement-breakpoint
CREATE INDEX report_events_ws_kind_at_idx ON report_events (workspace_id, kind, at) WHERE kind NOT IN ('msg_in', 'msg_out');
--> statement-breakpoint
CREATE INDEX report_events_at_brin ON report_events USING brin (at);
