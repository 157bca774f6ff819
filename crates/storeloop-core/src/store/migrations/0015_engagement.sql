-- 0015: when each address last opened or clicked a marketing email (from provider events), so
-- flows can stop mailing people who never engage.
CREATE TABLE engagement (
    address  TEXT    PRIMARY KEY,
    last_at  INTEGER NOT NULL
) STRICT;

-- A score that crossed a threshold a flow triggers on ("churn risk rises above 0.7"), written
-- when scoring finds it, read by the next scheduler tick.
CREATE TABLE score_crossings (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    field        TEXT    NOT NULL,
    value        REAL    NOT NULL,
    at           INTEGER NOT NULL
) STRICT;
CREATE INDEX score_crossings_by_time ON score_crossings(at);
