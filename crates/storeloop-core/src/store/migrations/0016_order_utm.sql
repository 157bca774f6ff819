-- 0016: the campaign an order's visit came from (its landing link's utm_ parameters), so
-- last-click revenue can be shown beside the incremental revenue a holdout measures.
ALTER TABLE orders ADD COLUMN utm_source TEXT;
ALTER TABLE orders ADD COLUMN utm_medium TEXT;
ALTER TABLE orders ADD COLUMN utm_campaign TEXT;
CREATE INDEX orders_by_campaign ON orders(utm_campaign, created_at) WHERE utm_campaign IS NOT NULL;
