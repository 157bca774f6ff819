-- 0010: sending email. Every message that may leave the machine is in `messages` once, by its
-- idempotency key, before any transport sees it.

CREATE TABLE messages (
    id                   INTEGER PRIMARY KEY,
    idempotency_key      TEXT    NOT NULL UNIQUE,
    kind                 TEXT    NOT NULL CHECK (kind IN ('test', 'marketing', 'transactional')),
    customer_id          INTEGER REFERENCES customers(id) ON DELETE SET NULL,
    to_address           TEXT    NOT NULL,
    subject              TEXT    NOT NULL,
    transport            TEXT    NOT NULL,
    -- queued → sending → sent | failed | suppressed; `unknown` when a send was cut off and its
    -- fate cannot be known (a human decides; it is never re-sent blindly).
    state                TEXT    NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'suppressed', 'unknown')),
    provider_message_id  TEXT,
    detail               TEXT,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
) STRICT;
CREATE INDEX messages_by_state ON messages(state);
CREATE INDEX messages_by_customer ON messages(customer_id);

-- Every attempt to hand a message to a transport, and how it ended.
CREATE TABLE message_attempts (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('started', 'sent', 'temporary', 'permanent', 'cut_off')),
    detail      TEXT
) STRICT;
CREATE INDEX message_attempts_by_message ON message_attempts(message_id);

-- Addresses that must never receive marketing again, and why.
CREATE TABLE suppressions (
    address     TEXT    PRIMARY KEY,
    reason      TEXT    NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained', 'inactive', 'manual')),
    source      TEXT    NOT NULL,
    at          INTEGER NOT NULL
) STRICT;

-- App settings as key and value (no secrets: those live in the OS keychain).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
