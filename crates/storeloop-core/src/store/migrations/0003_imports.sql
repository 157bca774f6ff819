-- 0003: imports. Orders get the platform's id and a fingerprint of their imported content (so a
-- re-import can tell "unchanged" from "updated"); order numbers are unique within a store; and
-- each import run is recorded with the line it had safely reached, so an interrupted one resumes.

ALTER TABLE orders ADD COLUMN platform_id TEXT;
ALTER TABLE orders ADD COLUMN fingerprint TEXT;
CREATE UNIQUE INDEX orders_by_number ON orders(number);

CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL,
    file          TEXT    NOT NULL,
    file_size     INTEGER NOT NULL,
    file_head     TEXT    NOT NULL,          -- a hash of the file's first 64 KiB
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    last_line     INTEGER NOT NULL DEFAULT 0, -- every order ending on or before this line is stored
    rows_read     INTEGER NOT NULL DEFAULT 0,
    inserted      INTEGER NOT NULL DEFAULT 0,
    updated       INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0
) STRICT;
