-- 0012: flows. A flow has versions; each version's definition is JSON (flows::model::Flow).
CREATE TABLE flows (
    id               INTEGER PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,
    name             TEXT    NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'dry_run', 'live', 'paused', 'killed')),
    live_percent     INTEGER NOT NULL DEFAULT 0 CHECK (live_percent BETWEEN 0 AND 100),
    current_version  INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE flow_versions (
    flow_id      INTEGER NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    definition   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    approved_by  TEXT,
    approved_at  INTEGER,
    PRIMARY KEY (flow_id, version)
) STRICT;
