-- 0020: abandoned checkouts synced from a platform keep its id, so a checkout read again (it
-- changed, or a sync resumed) is updated in place, never stored twice.
ALTER TABLE abandoned_checkouts ADD COLUMN platform_id TEXT;
CREATE UNIQUE INDEX abandoned_checkouts_by_platform ON abandoned_checkouts(platform_id) WHERE platform_id IS NOT NULL;
