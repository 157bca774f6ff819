-- 0008: events may also be "cart_viewed" (the e-commerce spec's Cart Viewed). SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt with its rows and indexes.

CREATE TABLE events_new (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER REFERENCES customers(id),
    kind          TEXT    NOT NULL CHECK (kind IN ('product_viewed', 'product_added', 'cart_viewed', 'checkout_started', 'order_completed')),
    variant_id    INTEGER REFERENCES variants(id),
    occurred_at   INTEGER NOT NULL,
    anonymous_id  TEXT,
    sku           TEXT,
    message_id    TEXT
) STRICT;
INSERT INTO events_new (id, customer_id, kind, variant_id, occurred_at, anonymous_id, sku, message_id)
    SELECT id, customer_id, kind, variant_id, occurred_at, anonymous_id, sku, message_id FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_customer ON events(customer_id, occurred_at);
CREATE UNIQUE INDEX events_by_message ON events(message_id) WHERE message_id IS NOT NULL;
