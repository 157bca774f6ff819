-- 0013: running flows. Enrolments and their due steps are rows, so a restart, a crash or a
-- sleeping laptop resumes where it was; every decision is a row of the ledger (the audit trail).

-- One customer's way through one version of a flow. `due_at` is NULL while the enrolment waits
-- for a person (kill switch, pause) or a support ticket to close.
CREATE TABLE enrolments (
    id            INTEGER PRIMARY KEY,
    flow_id       INTEGER NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    customer_id   INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    entered_at    INTEGER NOT NULL,
    node          TEXT    NOT NULL,
    due_at        INTEGER,
    since         INTEGER NOT NULL,
    holdout       INTEGER NOT NULL CHECK (holdout IN (0, 1)),
    state         TEXT    NOT NULL CHECK (state IN ('active', 'ended')),
    hold          TEXT    CHECK (hold IN ('ticket', 'cap', 'quiet', 'kill', 'paused')),
    seen          INTEGER NOT NULL DEFAULT 0,
    event_came    INTEGER NOT NULL DEFAULT 0 CHECK (event_came IN (0, 1)),
    offer_percent INTEGER,
    value_minor   INTEGER NOT NULL DEFAULT 0,
    margin_minor  INTEGER,
    reference     INTEGER NOT NULL DEFAULT 0,
    ended_at      INTEGER
) STRICT;
CREATE UNIQUE INDEX enrolments_one_active ON enrolments(flow_id, customer_id) WHERE state = 'active';
CREATE INDEX enrolments_by_customer ON enrolments(customer_id);

-- The decision ledger. `flow_id` is NULL for store-wide decisions (the kill switch).
CREATE TABLE flow_decisions (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    flow_id       INTEGER REFERENCES flows(id) ON DELETE CASCADE,
    enrolment_id  INTEGER,
    customer_id   INTEGER REFERENCES customers(id) ON DELETE CASCADE,
    node          TEXT,
    decision      TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    holdout       INTEGER NOT NULL DEFAULT 0 CHECK (holdout IN (0, 1)),
    amount_minor  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX flow_decisions_by_flow ON flow_decisions(flow_id, at);
CREATE INDEX flow_decisions_by_customer ON flow_decisions(customer_id, at);
CREATE INDEX flow_decisions_sends ON flow_decisions(at) WHERE decision IN ('sent', 'would_send', 'offer');

-- Follow-ups for a person.
CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    flow_id      INTEGER REFERENCES flows(id) ON DELETE SET NULL,
    ticket_id    INTEGER,
    text         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    done_at      INTEGER
) STRICT;
CREATE UNIQUE INDEX tasks_one_per_ticket ON tasks(ticket_id) WHERE ticket_id IS NOT NULL;

-- Dry runs: what a version would have done over the last N days.
CREATE TABLE flow_dry_runs (
    id        INTEGER PRIMARY KEY,
    flow_id   INTEGER NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    ran_at    INTEGER NOT NULL,
    report    TEXT    NOT NULL  -- JSON: api::DryRunReport
) STRICT;
CREATE INDEX flow_dry_runs_by_flow ON flow_dry_runs(flow_id, version);

-- Flow emails in the outbox name their flow, so a kill switch can hold them there.
ALTER TABLE messages ADD COLUMN flow_id INTEGER REFERENCES flows(id) ON DELETE SET NULL;

-- What a dry run and each scheduler tick read by time.
CREATE INDEX events_by_time ON events(occurred_at);
CREATE INDEX customers_unsubscribed ON customers(consent_at) WHERE consent = 'unsubscribed';
CREATE INDEX support_tickets_by_opened ON support_tickets(opened_at);
CREATE INDEX support_tickets_by_closed ON support_tickets(closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX customer_scores_by_next_order ON customer_scores(next_order_at) WHERE next_order_at IS NOT NULL;
