-- 0019: platform sync. A connection names the store (never its key: that is in the system
-- keychain); each resource keeps a cursor, written in the same transaction as the records it
-- covers, so a sync killed at any point resumes with no gaps and no duplicates. Every run is
-- recorded with its counts, warnings and how it ended.

CREATE TABLE connections (
    platform      TEXT    PRIMARY KEY CHECK (platform IN ('shopify', 'woocommerce')),
    base_url      TEXT    NOT NULL,
    shop_name     TEXT,
    scopes        TEXT,   -- the access the key was granted, comma-separated, as the platform said
    created_at    INTEGER NOT NULL,
    last_sync_at  INTEGER,
    last_status   TEXT,   -- 'ok', 'failed', 'running'
    last_error    TEXT
) STRICT;

CREATE TABLE sync_cursors (
    platform    TEXT    NOT NULL,
    resource    TEXT    NOT NULL,
    cursor      TEXT    NOT NULL,   -- JSON, the resource's own shape
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (platform, resource)
) STRICT;

CREATE TABLE sync_runs (
    id           INTEGER PRIMARY KEY,
    platform     TEXT    NOT NULL,
    full         INTEGER NOT NULL CHECK (full IN (0, 1)),
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    status       TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
    counts       TEXT    NOT NULL DEFAULT '{}',   -- JSON {resource: {inserted, updated, unchanged}}
    warnings     TEXT    NOT NULL DEFAULT '[]',   -- JSON [text]
    error        TEXT
) STRICT;
CREATE INDEX sync_runs_by_platform ON sync_runs(platform, id);
