-- 0017: measurement reads a flow's entries, emails and A/B arms out of a ledger that holds
-- millions of rows after a season on a large store; these partial indexes hold just those rows.
CREATE INDEX flow_decisions_entered ON flow_decisions(flow_id, customer_id, at, holdout) WHERE decision = 'entered';
CREATE INDEX flow_decisions_mail ON flow_decisions(flow_id, at) WHERE decision IN ('sent', 'attributed');
CREATE INDEX flow_decisions_arms ON flow_decisions(flow_id, customer_id, at, reason) WHERE decision = 'step' AND reason LIKE 'arm %';
