-- 0007: an audit finding may say why it could not be checked (for example: offline).

ALTER TABLE audit_findings ADD COLUMN note TEXT;
