-- Appends chat messages in ONE statement per batch (group commit: one round trip and one WAL flush for
-- many messages). Per item, exactly what ConversationService.appendMessage specifies: a repeated
-- client_msg_id returns the stored message; otherwise the conversation's last_seq and event_seq are
-- bumped (row lock: per-conversation order), the message is inserted with that seq, and its
-- message.created event goes to the outbox in the same transaction. An ended conversation (unless
-- allowEnded) yields no row for that item. Items are processed in array order.
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
    -- The message.created event commits with the message (transactional outbox, F10).
    INSERT INTO outbox (workspace_id, type, conversation_id, seq, payload)
      VALUES (inserted.workspace_id, 'message.created', inserted.conversation_id, bumped.event_seq,
        jsonb_build_object('conversationId', inserted.conversation_id, 'messageId', inserted.id, 'messageSeq', inserted.seq,
          'senderType', inserted.sender_type, 'senderId', inserted.sender_id, 'body', inserted.body, 'offline', inserted.offline,
          'createdAt', to_char(inserted.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
    RETURN QUERY SELECT position, inserted.id, inserted.conversation_id, inserted.seq, inserted.sender_type, inserted.sender_id, inserted.body, inserted.client_msg_id, inserted.created_at;
  END LOOP;
END
$fn$;
