-- Webhook relay wake-up (issue 16): every statement that adds outbox rows notifies channel `lc_outbox`
-- at commit, so the worker relays at once instead of polling. PostgreSQL folds identical notifications
-- of one transaction into one, so a batch of messages costs one notification.
CREATE OR REPLACE FUNCTION lc_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('lc_outbox', '');
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION lc_outbox_notify();
