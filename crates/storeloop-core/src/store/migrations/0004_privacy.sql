-- 0004: a log of privacy requests (exports and erasures), kept without the personal data itself:
-- a customer is named by their internal id only.

CREATE TABLE privacy_log (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    action       TEXT    NOT NULL CHECK (action IN ('export', 'forget')),
    customer_id  INTEGER NOT NULL,
    detail       TEXT    NOT NULL DEFAULT ''   -- counts only, e.g. "orders=3 events=12"
) STRICT;
