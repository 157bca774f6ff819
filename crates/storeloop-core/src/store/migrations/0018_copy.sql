-- 0018: the copy studio's review queue. A variant is approved for the exact text it had when
-- approved (`approved_hash`); an edit puts it back to review. Every action is a row of
-- `copy_reviews` (who, when, which checks passed, which were overridden and why).
CREATE TABLE copy_variants (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL,
    sku            TEXT,
    text           TEXT    NOT NULL,
    hook           TEXT,
    generator      TEXT    NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    state          TEXT    NOT NULL CHECK (state IN ('review', 'approved', 'rejected')),
    approved_hash  TEXT,
    note           TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX copy_variants_by_state ON copy_variants(state, id);

CREATE TABLE copy_reviews (
    id          INTEGER PRIMARY KEY,
    variant_id  INTEGER NOT NULL REFERENCES copy_variants(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    by          TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('generated', 'edited', 'approved', 'rejected', 'noted', 'tested')),
    checks      TEXT,   -- JSON: the rules that found something at that moment
    overridden  TEXT,   -- JSON: {rule: reason} for findings the owner approved anyway
    note        TEXT
) STRICT;
CREATE INDEX copy_reviews_by_variant ON copy_reviews(variant_id, at);
