-- 0014: what a scheduler tick reads, indexed: due enrolments, offers, and per-flow counters of
-- emails delivered and unsubscribes and complaints put down to them (for the automatic pause),
-- kept as running totals rather than counted from the ledger each tick.
CREATE INDEX enrolments_due ON enrolments(due_at) WHERE state = 'active';
CREATE INDEX flow_decisions_offers ON flow_decisions(at) WHERE decision = 'offer';
-- Sends are read per customer now (flow_decisions_by_customer); the by-time index of sends goes.
DROP INDEX flow_decisions_sends;
CREATE TABLE flow_counters (
    flow_id       INTEGER PRIMARY KEY REFERENCES flows(id) ON DELETE CASCADE,
    delivered     INTEGER NOT NULL DEFAULT 0,
    unsubscribed  INTEGER NOT NULL DEFAULT 0,
    complained    INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO flow_counters (flow_id, delivered, unsubscribed, complained)
    SELECT flow_id, sum(decision = 'sent'), sum(decision = 'attributed' AND reason LIKE 'unsubscribed%'), sum(decision = 'attributed' AND reason LIKE 'marked%')
    FROM flow_decisions WHERE flow_id IS NOT NULL GROUP BY flow_id;
