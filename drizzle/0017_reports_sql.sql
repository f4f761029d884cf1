-- Reports (F14): the reporting event log is written by triggers, in the same transaction as the change it
-- reports. Definitions of every row kind and metric: docs/reports.md.

-- The reporting clock: now(), or the `lc.report_clock` setting of the transaction when set (only a change that
-- carries no time of its own uses it: a reopen; backfills and fixtures set it).
CREATE OR REPLACE FUNCTION lc_report_clock() RETURNS timestamptz LANGUAGE sql STABLE AS $$
  select coalesce(nullif(current_setting('lc.report_clock', true), '')::timestamptz, now())
$$;
--> statement-breakpoint
-- The workspace's weekly schedule (F5), or null when working hours are off (then every moment counts).
CREATE OR REPLACE FUNCTION lc_report_schedule(ws uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
  select case when coalesce((s.value->>'enabled')::boolean, false)
    then coalesce(s.value->'workspace', '{"timezone":"UTC","days":{"mon":[{"start":"09:00","end":"17:00"}],"tue":[{"start":"09:00","end":"17:00"}],"wed":[{"start":"09:00","end":"17:00"}],"thu":[{"start":"09:00","end":"17:00"}],"fri":[{"start":"09:00","end":"17:00"}],"sat":[],"sun":[]},"holidays":[]}'::jsonb)
    else null end
  from settings s where s.workspace_id = ws and s.section = 'workingHours'
$$;
--> statement-breakpoint
-- Seconds of [t0, t1) inside the workspace's working hours (holidays closed all day); all of it when off.
-- Ranges are wall-clock times in the schedule's zone, so a DST day is 23 or 25 hours long as it should be.
CREATE OR REPLACE FUNCTION lc_report_wh_seconds(ws uuid, t0 timestamptz, t1 timestamptz) RETURNS double precision
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  sched jsonb;
  tz text;
  d date;
  r jsonb;
  total double precision := 0;
BEGIN
  IF t0 IS NULL OR t1 IS NULL THEN RETURN NULL; END IF;
  IF t1 <= t0 THEN RETURN 0; END IF;
  sched := lc_report_schedule(ws);
  IF sched IS NULL THEN RETURN extract(epoch FROM t1 - t0); END IF;
  tz := coalesce(sched->>'timezone', 'UTC');
  FOR d IN SELECT generate_series((t0 AT TIME ZONE tz)::date, (t1 AT TIME ZONE tz)::date, interval '1 day')::date LOOP
    CONTINUE WHEN coalesce(sched->'holidays', '[]'::jsonb) ? to_char(d, 'YYYY-MM-DD');
    FOR r IN SELECT value FROM jsonb_array_elements(coalesce(sched->'days'->lower(to_char(d, 'Dy')), '[]'::jsonb)) LOOP
      total := total + greatest(0, extract(epoch FROM
        least(((d + (r->>'end')::time) AT TIME ZONE tz), t1) - greatest(((d + (r->>'start')::time) AT TIME ZONE tz), t0)));
    END LOOP;
  END LOOP;
  RETURN total;
END
$fn$;
--> statement-breakpoint
-- Whether the workspace is receiving (inside working hours) at an instant; always, when working hours are off.
CREATE OR REPLACE FUNCTION lc_report_open_at(ws uuid, t timestamptz) RETURNS boolean LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  sched jsonb;
  tz text;
  local timestamp;
BEGIN
  sched := lc_report_schedule(ws);
  IF sched IS NULL THEN RETURN true; END IF;
  tz := coalesce(sched->>'timezone', 'UTC');
  local := t AT TIME ZONE tz;
  IF coalesce(sched->'holidays', '[]'::jsonb) ? to_char(local, 'YYYY-MM-DD') THEN RETURN false; END IF;
  RETURN EXISTS (
    SELECT 1 FROM jsonb_array_elements(coalesce(sched->'days'->lower(to_char(local, 'Dy')), '[]'::jsonb)) r
    WHERE local::time >= (r.value->>'start')::time AND (r.value->>'end' = '24:00' OR local::time < (r.value->>'end')::time));
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lc_report_tags(conv uuid) RETURNS text[] LANGUAGE sql STABLE AS $$
  select coalesce(array_agg(t.name order by lower(t.name)), '{}'::text[])
  from conversation_tags ct join tags t on t.id = ct.tag_id where ct.conversation_id = conv
$$;
--> statement-breakpoint
-- One row of the log. `since` makes it a duration row: calendar and working-hours seconds from since to t.
CREATE OR REPLACE FUNCTION lc_report_put(c conversations, cyc integer, k text, t timestamptz, agent uuid, since timestamptz,
  fl boolean, det text, tg text[], w smallint DEFAULT 1) RETURNS void LANGUAGE sql AS $$
  insert into report_events (workspace_id, conversation_id, cycle, kind, at, agent_id, group_id, channel, tags, value_s, value_wh_s, flag, weight, detail)
  values (c.workspace_id, c.id, cyc, k, t, agent, c.group_id, c.channel::text, coalesce(tg, '{}'::text[]),
    case when since is null then null else greatest(0, extract(epoch from t - since)) end,
    case when since is null then null else lc_report_wh_seconds(c.workspace_id, since, t) end,
    fl, w, det)
$$;
--> statement-breakpoint
-- A conversation row changed (o.id is null for a new one): cycle start, queue entry, first assignment,
-- transfer, end, reopen. Called by the trigger and by the backfill (with rows it replays).
CREATE OR REPLACE FUNCTION lc_report_on_conversation(o conversations, n conversations) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  s report_state;
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
-- A visitor or agent message (system messages never reach here; notes and whispers are another table).
-- msg_in / msg_out count messages; an agent message answering a run of visitor messages carries the reply
-- time; the cycle's first agent message writes first_response, the holder's first writes agent_first_response.
CREATE OR REPLACE FUNCTION lc_report_on_message(m messages, c conversations) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  s report_state;
  tg text[];
BEGIN
  SELECT * INTO s FROM report_state WHERE conversation_id = m.conversation_id FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  tg := lc_report_tags(c.id);
  IF m.sender_type = 'visitor' THEN
    PERFORM lc_report_put(c, s.cycle, 'msg_in', m.created_at, c.agent_id, NULL, NULL, NULL, tg);
    IF s.pending_since IS NULL THEN
      UPDATE report_state SET pending_since = m.created_at WHERE conversation_id = m.conversation_id;
    END IF;
  ELSIF m.sender_type = 'agent' THEN
    PERFORM lc_report_put(c, s.cycle, 'msg_out', m.created_at, m.sender_id, s.pending_since, NULL, NULL, tg);
    IF NOT s.replied THEN
      PERFORM lc_report_put(c, s.cycle, 'first_response', m.created_at, m.sender_id, s.started_at, NULL, NULL, tg);
    END IF;
    IF m.sender_id = c.agent_id AND s.holder_since IS NOT NULL AND NOT s.holder_replied THEN
      PERFORM lc_report_put(c, s.cycle, 'agent_first_response', m.created_at, m.sender_id, s.holder_since, NULL, NULL, tg);
    END IF;
    UPDATE report_state SET replied = true, pending_since = NULL, holder_replied = holder_replied OR (m.sender_id = c.agent_id)
      WHERE conversation_id = m.conversation_id;
  END IF;
END
$fn$;
--> statement-breakpoint
-- Positive rating: top two levels of 5, top level of 2 or 3.
CREATE OR REPLACE FUNCTION lc_report_good(scale smallint, score smallint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  select case when scale = 5 then score >= 4 else score = scale end
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lc_report_on_rating(o ratings, n ratings) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  c conversations;
  cyc integer;
  tg text[];
  t timestamptz;
BEGIN
  SELECT * INTO c FROM conversations WHERE id = n.conversation_id;
  SELECT s.cycle INTO cyc FROM report_state s WHERE s.conversation_id = n.conversation_id;
  tg := lc_report_tags(n.conversation_id);
  t := coalesce(n.updated_at, n.created_at);
  c.group_id := n.group_id;
  IF o.id IS NOT NULL THEN
    IF o.score = n.score AND o.scale = n.scale AND o.agent_id IS NOT DISTINCT FROM n.agent_id THEN RETURN; END IF;
    -- The overwritten rating is taken back (append-only: a -1 row), the new one counted.
    c.group_id := o.group_id;
    PERFORM lc_report_put(c, cyc, 'rating', t, o.agent_id, NULL, lc_report_good(o.scale, o.score), o.score::text, tg, (-1)::smallint);
    c.group_id := n.group_id;
  END IF;
  PERFORM lc_report_put(c, cyc, 'rating', t, n.agent_id, NULL, lc_report_good(n.scale, n.score), n.score::text, tg);
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lc_report_conversations_trg() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN PERFORM lc_report_on_conversation(NULL::conversations, NEW);
  ELSE PERFORM lc_report_on_conversation(OLD, NEW);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER report_conversations_insert AFTER INSERT ON conversations FOR EACH ROW EXECUTE FUNCTION lc_report_conversations_trg();
--> statement-breakpoint
-- Only the columns reports follow (a message bumps last_seq on every append: that must cost nothing here).
CREATE TRIGGER report_conversations_update AFTER UPDATE ON conversations FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.agent_id IS DISTINCT FROM NEW.agent_id OR OLD.enqueued_at IS DISTINCT FROM NEW.enqueued_at)
  EXECUTE FUNCTION lc_report_conversations_trg();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lc_report_messages_trg() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  c conversations;
BEGIN
  SELECT * INTO c FROM conversations WHERE id = NEW.conversation_id;
  PERFORM lc_report_on_message(NEW, c);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER report_messages_insert AFTER INSERT ON messages FOR EACH ROW WHEN (NEW.sender_type <> 'system')
  EXECUTE FUNCTION lc_report_messages_trg();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lc_report_ratings_trg() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN PERFORM lc_report_on_rating(NULL::ratings, NEW);
  ELSE PERFORM lc_report_on_rating(OLD, NEW);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER report_ratings_change AFTER INSERT OR UPDATE ON ratings FOR EACH ROW EXECUTE FUNCTION lc_report_ratings_trg();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lc_report_invites_trg() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  c conversations;
  added integer;
BEGIN
  added := NEW.rating_invites - CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.rating_invites END;
  IF added <= 0 THEN RETURN NULL; END IF;
  SELECT * INTO c FROM conversations WHERE id = NEW.conversation_id;
  PERFORM lc_report_put(c, (SELECT s.cycle FROM report_state s WHERE s.conversation_id = NEW.conversation_id), 'rating_invited',
    NEW.updated_at, c.agent_id, NULL, NULL, NULL, lc_report_tags(c.id), added::smallint);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER report_invites_change AFTER INSERT OR UPDATE OF rating_invites ON conversation_state FOR EACH ROW EXECUTE FUNCTION lc_report_invites_trg();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lc_report_status_trg() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO report_events (workspace_id, kind, at, agent_id, detail) VALUES (NEW.workspace_id, 'agent_status', NEW.created_at, NEW.user_id, NEW.status);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER report_status_insert AFTER INSERT ON agent_status_log FOR EACH ROW EXECUTE FUNCTION lc_report_status_trg();
--> statement-breakpoint
-- Builds the log of a workspace's conversations that have none (written before the log existed), by
-- replaying each one's rows through the same functions as the triggers. Idempotent: a conversation with a
-- reporting state is skipped, and an agent status row already in the log is not written again.
-- What the rows no longer tell (earlier transfers, reopens) cannot be replayed: the first assignment is the
-- last known one (assigned_at), and the conversation has one cycle.
CREATE OR REPLACE FUNCTION lc_report_backfill(ws uuid) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  c conversations;
  cur conversations;
  nx conversations;
  m messages;
  r ratings;
  assigned boolean;
  done integer := 0;
BEGIN
  FOR c IN SELECT * FROM conversations cv WHERE cv.workspace_id = ws
      AND NOT EXISTS (SELECT 1 FROM report_state s WHERE s.conversation_id = cv.id) ORDER BY cv.created_at LOOP
    cur := c;
    cur.status := 'queued'; cur.agent_id := NULL; cur.enqueued_at := NULL; cur.assigned_at := NULL; cur.ended_at := NULL; cur.ended_by := NULL;
    PERFORM lc_report_on_conversation(NULL::conversations, cur);
    IF c.enqueued_at IS NOT NULL THEN
      nx := cur; nx.enqueued_at := c.enqueued_at; PERFORM lc_report_on_conversation(cur, nx); cur := nx;
    END IF;
    assigned := false;
    FOR m IN SELECT * FROM messages WHERE conversation_id = c.id AND sender_type <> 'system' ORDER BY seq LOOP
      IF NOT assigned AND c.agent_id IS NOT NULL AND c.assigned_at IS NOT NULL AND c.assigned_at <= m.created_at THEN
        nx := cur; nx.status := 'active'; nx.agent_id := c.agent_id; nx.assigned_at := c.assigned_at;
        PERFORM lc_report_on_conversation(cur, nx); cur := nx; assigned := true;
      END IF;
      PERFORM lc_report_on_message(m, cur);
    END LOOP;
    IF NOT assigned AND c.agent_id IS NOT NULL AND c.assigned_at IS NOT NULL THEN
      nx := cur; nx.status := 'active'; nx.agent_id := c.agent_id; nx.assigned_at := c.assigned_at;
      PERFORM lc_report_on_conversation(cur, nx); cur := nx;
    END IF;
    IF c.status = 'ended' THEN
      nx := cur; nx.status := 'ended'; nx.ended_at := c.ended_at; nx.ended_by := c.ended_by;
      PERFORM lc_report_on_conversation(cur, nx); cur := nx;
    END IF;
    FOR r IN SELECT * FROM ratings WHERE conversation_id = c.id LOOP
      PERFORM lc_report_on_rating(NULL::ratings, r);
    END LOOP;
    INSERT INTO report_events (workspace_id, conversation_id, cycle, kind, at, agent_id, group_id, channel, tags, weight)
      SELECT c.workspace_id, c.id, 1, 'rating_invited', cs.updated_at, c.agent_id, c.group_id, c.channel::text, lc_report_tags(c.id), cs.rating_invites::smallint
      FROM conversation_state cs WHERE cs.conversation_id = c.id AND cs.rating_invites > 0;
    done := done + 1;
  END LOOP;
  INSERT INTO report_events (workspace_id, kind, at, agent_id, detail)
    SELECT l.workspace_id, 'agent_status', l.created_at, l.user_id, l.status FROM agent_status_log l
    WHERE l.workspace_id = ws AND NOT EXISTS (
      SELECT 1 FROM report_events e WHERE e.workspace_id = ws AND e.kind = 'agent_status' AND e.agent_id = l.user_id AND e.at = l.created_at);
  RETURN done;
END
$fn$;
