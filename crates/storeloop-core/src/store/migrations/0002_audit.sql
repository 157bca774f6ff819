-- 0002: results of the data audit, kept with the time they were found.

CREATE TABLE audit_runs (
    id       INTEGER PRIMARY KEY,
    ran_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_findings (
    run_id    INTEGER NOT NULL REFERENCES audit_runs(id) ON DELETE CASCADE,
    code      TEXT    NOT NULL,
    severity  TEXT    NOT NULL CHECK (severity IN ('blocker', 'warning', 'info')),
    count     INTEGER NOT NULL CHECK (count >= 0),
    examples  TEXT    NOT NULL DEFAULT ''   -- up to 10, one per line
) STRICT;
CREATE INDEX audit_findings_by_run ON audit_findings(run_id);
