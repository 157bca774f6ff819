-- 0005: imported events keep who they came from when no customer is known (the anonymous id),
-- the SKU or product id they named, and the sender's message id, which makes re-imports no-ops.

ALTER TABLE events ADD COLUMN anonymous_id TEXT;
ALTER TABLE events ADD COLUMN sku TEXT;
ALTER TABLE events ADD COLUMN message_id TEXT;
CREATE UNIQUE INDEX events_by_message ON events(message_id) WHERE message_id IS NOT NULL;
