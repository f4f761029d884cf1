-- Visitor gate invalidation (issue 16): realtime nodes cache token versions and "not banned" answers of the
-- visitor handshake; every change that could make a cached answer wrong notifies channel `lc_visitor_gate`
-- at commit, whoever makes it (web console, realtime node, scripts). Payload: `tv <workspace> <visitor>`
-- for a token revocation or a deleted visitor, `ban <workspace>` for a ban created or changed.
CREATE OR REPLACE FUNCTION lc_visitor_gate_tv_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('lc_visitor_gate', 'tv ' || OLD.workspace_id || ' ' || OLD.id);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION lc_visitor_gate_ban_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('lc_visitor_gate', 'ban ' || COALESCE(NEW.workspace_id, OLD.workspace_id));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER visitor_token_version_notify AFTER UPDATE OF token_version ON visitors FOR EACH ROW
  WHEN (OLD.token_version IS DISTINCT FROM NEW.token_version) EXECUTE FUNCTION lc_visitor_gate_tv_notify();--> statement-breakpoint
CREATE TRIGGER visitor_delete_notify AFTER DELETE ON visitors FOR EACH ROW EXECUTE FUNCTION lc_visitor_gate_tv_notify();--> statement-breakpoint
CREATE TRIGGER visitor_ban_notify AFTER INSERT OR UPDATE OR DELETE ON visitor_bans FOR EACH ROW EXECUTE FUNCTION lc_visitor_gate_ban_notify();
--> statement-breakpoint
-- Outbox wake-up (migration 0009) only for workspaces with a webhook endpoint: without one the worker is not
-- woken per message commit (its relay pass cost ~440 µs of CPU per chat message at 250 msgs/s); such rows
-- are marked relayed by the fallback poll, in batches.
CREATE OR REPLACE FUNCTION lc_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM lc_new_outbox n JOIN webhook_endpoints e ON e.workspace_id = n.workspace_id AND e.disabled_at IS NULL) THEN
    PERFORM pg_notify('lc_outbox', '');
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP TRIGGER outbox_notify ON outbox;--> statement-breakpoint
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox REFERENCING NEW TABLE AS lc_new_outbox FOR EACH STATEMENT EXECUTE FUNCTION lc_outbox_notify();
