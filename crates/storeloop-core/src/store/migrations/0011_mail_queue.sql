-- 0011: messages waiting to be (re)tried keep what is to be sent, and when to try next.
-- The payload is dropped once a message is sent, failed or suppressed.
ALTER TABLE messages ADD COLUMN payload TEXT;          -- JSON: the built message (MIME and fields)
ALTER TABLE messages ADD COLUMN next_attempt_at INTEGER;
CREATE INDEX messages_due ON messages(next_attempt_at) WHERE state = 'queued';
