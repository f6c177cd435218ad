-- Hand-written: what the live conversation streams rely on, which schema.prisma cannot express.
-- Triggers only, so the catalog the migrations test compares with schema.prisma stays the same.

-- A reader pages by `seq` ("everything after the last one I sent"). A sequence alone hands out
-- numbers in call order, not commit order: a message numbered 10 may commit after 11, and a
-- reader that already moved past 11 would never see it. So every insert takes one transaction
-- lock and draws its number under it: numbers are then handed out in commit order, and a
-- committed message never has a higher seq than one still in flight. (The column default's
-- number is replaced; the gap is harmless.) Chat volume is far below what one lock serves.
CREATE FUNCTION conversation_messages_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('conversation_messages_seq'));
  NEW.seq := nextval(pg_get_serial_sequence('conversation_messages', 'seq'));
  RETURN NEW;
END
$$;

CREATE TRIGGER conversation_messages_number BEFORE INSERT ON "conversation_messages"
  FOR EACH ROW EXECUTE FUNCTION conversation_messages_number();

-- Each API process LISTENs once and wakes its local streams, which then read from the table.
-- The payload is `<conversation id>:<seq>`, never text; NOTIFY is delivered at commit.
CREATE FUNCTION conversation_messages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('conversation_messages', NEW.conversation_id::text || ':' || NEW.seq::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER conversation_messages_notify AFTER INSERT ON "conversation_messages"
  FOR EACH ROW EXECUTE FUNCTION conversation_messages_notify();
