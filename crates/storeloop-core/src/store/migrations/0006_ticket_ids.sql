-- 0006: imported support tickets keep the helpdesk's ticket id (so a re-import updates rather
-- than duplicates) and the requester's email (so a ticket finds its customer once they exist).

ALTER TABLE support_tickets ADD COLUMN external_id TEXT;
ALTER TABLE support_tickets ADD COLUMN email TEXT;
CREATE UNIQUE INDEX support_tickets_by_external_id ON support_tickets(external_id) WHERE external_id IS NOT NULL;
