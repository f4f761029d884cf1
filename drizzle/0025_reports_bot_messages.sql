-- An agent-side message without a sender id (a named bot through the public API) or in a chat with no
-- assigned agent made `holder` NULL and the message insert failed on report_state.holder_replied (NOT NULL).
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
    -- A bot message (no sender) or a chat with no agent is not the holder's reply (NULL would break the NOT NULL column).
    holder := coalesce(m.sender_id = c.agent_id, false);
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
