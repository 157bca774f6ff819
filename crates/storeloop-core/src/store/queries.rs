//! Every SQL statement Storeloop runs outside migrations, each named and explained. A test
//! prepares all of them against a freshly migrated database, so a typo fails the build's tests
//! rather than a user's session.

macro_rules! queries {
    ($( $(#[$doc:meta])* $name:ident = $sql:expr; )*) => {
        $( $(#[$doc])* pub const $name: &str = $sql; )*
        /// Every named query, for the test that prepares them all.
        pub const ALL: &[(&str, &str)] = &[ $( (stringify!($name), $name) ),* ];
    };
}

queries! {
    /// The store row: name, currency, time zone, source, domain, address, demo seed, created.
    STORE_SETTINGS = "SELECT name, currency, timezone, source, domain, postal_address, demo_seed, created_at FROM store WHERE id = 1";

    /// Writes the store row; written last by a bulk load, so its presence marks a complete store.
    STORE_INSERT = "INSERT INTO store (id, name, currency, timezone, source, domain, postal_address, demo_seed, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    /// How many customers the store has.
    COUNT_CUSTOMERS = "SELECT count(*) FROM customers";

    /// One row per order that was not cancelled, in storage order: what the store statistics fold.
    ORDER_SUMMARIES = "SELECT customer_id, created_at, subtotal_minor, discount_minor, (discount_minor > 0 OR discount_code IS NOT NULL) FROM orders WHERE cancelled_at IS NULL";

    /// Units on every order line.
    UNITS_ALL = "SELECT total(quantity) FROM line_items";

    /// Units on the lines of cancelled orders (subtracted from the above; uses the partial index).
    UNITS_CANCELLED = "SELECT total(quantity) FROM line_items WHERE order_id IN (SELECT id FROM orders WHERE cancelled_at IS NOT NULL)";

    /// Units refunded on orders that were not cancelled.
    UNITS_REFUNDED = "SELECT total(quantity) FROM refunds WHERE order_id NOT IN (SELECT id FROM orders WHERE cancelled_at IS NOT NULL)";

    /// The indexes a bulk load drops and rebuilds: every one with a definition (SQLite's own
    /// indexes for primary keys and UNIQUE constraints have none and stay).
    SECONDARY_INDEXES = "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";

    /// Empties the store completely (the demo store, before the owner's own data comes in).
    /// Children first, for the foreign keys.
    CLEAR_STORE = "DELETE FROM sync_runs; DELETE FROM sync_cursors; DELETE FROM connections; DELETE FROM copy_reviews; DELETE FROM copy_variants; DELETE FROM score_crossings; DELETE FROM engagement; DELETE FROM flow_counters; DELETE FROM flow_decisions; DELETE FROM tasks; DELETE FROM enrolments; DELETE FROM flow_dry_runs; DELETE FROM flow_versions; DELETE FROM flows; DELETE FROM message_attempts; DELETE FROM messages; DELETE FROM suppressions; DELETE FROM customer_scores; DELETE FROM model_runs; DELETE FROM model_health; DELETE FROM segments; DELETE FROM audit_findings; DELETE FROM audit_runs; DELETE FROM imports; DELETE FROM support_tickets; DELETE FROM events; DELETE FROM abandoned_checkout_items; DELETE FROM abandoned_checkouts; DELETE FROM refunds; DELETE FROM line_items; DELETE FROM orders; DELETE FROM customers; DELETE FROM variants; DELETE FROM products; DELETE FROM store;";

    /// Every order with its customer's email, for benchmarks that replay a store's orders.
    ALL_ORDERS = "SELECT o.id, c.email, o.number, o.created_at, o.currency, o.subtotal_minor, o.discount_minor, o.discount_code, o.shipping_minor, o.tax_minor, o.total_minor, o.financial_status FROM orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY o.id";

    /// Every order line, in order id order, for the same benchmarks.
    ALL_LINES = "SELECT order_id, sku, title, quantity, unit_price_minor, discount_minor FROM line_items ORDER BY order_id, id";

    /// Whether any commerce rows exist at all.
    HAS_COMMERCE_ROWS = "SELECT EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM products) OR EXISTS (SELECT 1 FROM orders)";

    /// A product.
    INSERT_PRODUCT = "INSERT INTO products (id, handle, title, category, regulated, status, product_url, image_url, care_text) VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6, ?7, ?8)";

    /// A variant of a product.
    INSERT_VARIANT = "INSERT INTO variants (id, product_id, sku, title, price_minor, cost_minor, inventory, inventory_updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    /// A customer.
    INSERT_CUSTOMER = "INSERT INTO customers (id, email, first_name, last_name, consent, consent_source, consent_at, tags, timezone, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

    /// An order (its lines and refunds follow).
    INSERT_ORDER = "INSERT INTO orders (id, customer_id, number, created_at, currency, subtotal_minor, discount_minor, discount_code, shipping_minor, shipping_cost_minor, tax_minor, total_minor, financial_status, fulfillment_status, source, cancelled_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

    /// A line of an order.
    INSERT_LINE_ITEM = "INSERT INTO line_items (id, order_id, variant_id, sku, title, quantity, unit_price_minor, discount_minor, unit_cost_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

    /// A refund of (part of) a line.
    INSERT_REFUND = "INSERT INTO refunds (order_id, line_item_id, quantity, amount_minor, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    /// An abandoned checkout (its items follow).
    INSERT_CHECKOUT = "INSERT INTO abandoned_checkouts (id, customer_id, email, created_at, currency, value_minor, recovered_order_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

    /// An item left in an abandoned checkout.
    INSERT_CHECKOUT_ITEM = "INSERT INTO abandoned_checkout_items (checkout_id, variant_id, quantity, unit_price_minor) VALUES (?1, ?2, ?3, ?4)";

    /// A behavioural event.
    INSERT_EVENT = "INSERT INTO events (customer_id, kind, variant_id, occurred_at) VALUES (?1, ?2, ?3, ?4)";

    /// A support ticket.
    INSERT_TICKET = "INSERT INTO support_tickets (customer_id, order_id, subject, tags, status, opened_at, closed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
}

/// The data audit's checks: for each, a query counting the problems and one listing up to ten
/// examples. Parameters, where used: ?1 = now (UTC seconds), ?2 = the store's currency.
pub mod audit {
    queries! {
        /// Order lines whose SKU matches no variant in the catalog.
        UNKNOWN_SKUS_COUNT = "SELECT count(*) FROM line_items li WHERE li.sku IS NOT NULL AND trim(li.sku) <> '' AND NOT EXISTS (SELECT 1 FROM variants v WHERE v.sku = li.sku)";
        /// The most frequent of those SKUs, with how many lines carry each.
        UNKNOWN_SKUS_EXAMPLES = "SELECT li.sku || ' (' || count(*) || CASE count(*) WHEN 1 THEN ' order line)' ELSE ' order lines)' END FROM line_items li WHERE li.sku IS NOT NULL AND trim(li.sku) <> '' AND NOT EXISTS (SELECT 1 FROM variants v WHERE v.sku = li.sku) GROUP BY li.sku ORDER BY count(*) DESC, li.sku LIMIT 10";

        /// Variants with no SKU.
        MISSING_SKUS_COUNT = "SELECT count(*) FROM variants WHERE sku IS NULL OR trim(sku) = ''";
        /// Some of them, by product and variant title.
        MISSING_SKUS_EXAMPLES = "SELECT p.title || ' — ' || v.title FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku IS NULL OR trim(v.sku) = '' ORDER BY p.title, v.title LIMIT 10";

        /// SKUs that more than one variant carries (counted once per SKU).
        DUPLICATE_SKUS_COUNT = "SELECT count(*) FROM (SELECT sku FROM variants WHERE sku IS NOT NULL AND trim(sku) <> '' GROUP BY sku HAVING count(*) > 1)";
        /// Some of them, with how many variants share each.
        DUPLICATE_SKUS_EXAMPLES = "SELECT sku || ' (' || count(*) || ' variants)' FROM variants WHERE sku IS NOT NULL AND trim(sku) <> '' GROUP BY sku HAVING count(*) > 1 ORDER BY count(*) DESC, sku LIMIT 10";

        /// Variants without a unit cost (their margin is unknown).
        MISSING_COSTS_COUNT = "SELECT count(*) FROM variants WHERE cost_minor IS NULL";
        /// Some of them.
        MISSING_COSTS_EXAMPLES = "SELECT p.title || ' — ' || v.title || coalesce(' (' || v.sku || ')', '') FROM variants v JOIN products p ON p.id = v.product_id WHERE v.cost_minor IS NULL ORDER BY p.title, v.title LIMIT 10";

        /// Variants at zero stock or below that were sold in the last 7 days.
        SOLD_OUT_SELLING_COUNT = "SELECT count(*) FROM variants v WHERE v.inventory <= 0 AND EXISTS (SELECT 1 FROM line_items li JOIN orders o ON o.id = li.order_id WHERE li.variant_id = v.id AND o.created_at >= ?1 - 7 * 86400)";
        /// Some of them.
        SOLD_OUT_SELLING_EXAMPLES = "SELECT p.title || ' — ' || v.title || coalesce(' (' || v.sku || ')', '') || ': ' || v.inventory || ' in stock' FROM variants v JOIN products p ON p.id = v.product_id WHERE v.inventory <= 0 AND EXISTS (SELECT 1 FROM line_items li JOIN orders o ON o.id = li.order_id WHERE li.variant_id = v.id AND o.created_at >= ?1 - 7 * 86400) ORDER BY p.title LIMIT 10";

        /// Customers whose email consent is unknown.
        UNKNOWN_CONSENT_COUNT = "SELECT count(*) FROM customers WHERE consent = 'unknown'";
        /// Some of them.
        UNKNOWN_CONSENT_EXAMPLES = "SELECT email || coalesce(' (from ' || consent_source || ')', '') FROM customers WHERE consent = 'unknown' ORDER BY id LIMIT 10";

        /// Product events that name no known product.
        ORPHAN_EVENTS_COUNT = "SELECT count(*) FROM events WHERE kind IN ('product_viewed', 'product_added') AND (variant_id IS NULL OR NOT EXISTS (SELECT 1 FROM variants v WHERE v.id = events.variant_id))";
        /// Some of them.
        ORPHAN_EVENTS_EXAMPLES = "SELECT kind || ' at ' || datetime(occurred_at, 'unixepoch') || ' UTC' FROM events WHERE kind IN ('product_viewed', 'product_added') AND (variant_id IS NULL OR NOT EXISTS (SELECT 1 FROM variants v WHERE v.id = events.variant_id)) ORDER BY occurred_at DESC LIMIT 10";

        /// Variants whose stock count is older than 24 hours (or was never counted).
        STALE_INVENTORY_COUNT = "SELECT count(*) FROM variants WHERE inventory_updated_at IS NULL OR inventory_updated_at < ?1 - 86400";
        /// Some of them, oldest first.
        STALE_INVENTORY_EXAMPLES = "SELECT p.title || ' — ' || v.title || ': ' || coalesce('counted ' || CAST((?1 - v.inventory_updated_at) / 86400 AS INTEGER) || ' days ago', 'never counted') FROM variants v JOIN products p ON p.id = v.product_id WHERE v.inventory_updated_at IS NULL OR v.inventory_updated_at < ?1 - 86400 ORDER BY v.inventory_updated_at IS NOT NULL, v.inventory_updated_at, p.title LIMIT 10";

        /// Orders in another currency than the store's.
        OTHER_CURRENCY_COUNT = "SELECT count(*) FROM orders WHERE currency <> ?2";
        /// Those currencies, with how many orders each.
        OTHER_CURRENCY_EXAMPLES = "SELECT currency || ' (' || count(*) || CASE count(*) WHEN 1 THEN ' order)' ELSE ' orders)' END FROM orders WHERE currency <> ?2 GROUP BY currency ORDER BY count(*) DESC LIMIT 10";

        /// Records the start of an audit run.
        INSERT_AUDIT_RUN = "INSERT INTO audit_runs (ran_at) VALUES (?1)";
        /// Every product and image link, with the product's title.
        PRODUCT_LINKS = "SELECT title, product_url FROM products WHERE product_url IS NOT NULL UNION ALL SELECT title, image_url FROM products WHERE image_url IS NOT NULL";
        /// Records one finding of a run.
        INSERT_AUDIT_FINDING = "INSERT INTO audit_findings (run_id, code, severity, count, examples, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
        /// The latest run.
        LATEST_AUDIT_RUN = "SELECT id, ran_at FROM audit_runs ORDER BY ran_at DESC, id DESC LIMIT 1";
        /// The findings of one run, in the order they were written.
        AUDIT_FINDINGS = "SELECT code, severity, count, examples, note FROM audit_findings WHERE run_id = ?1 ORDER BY rowid";
    }
}

/// Imports: finding what exists, writing orders one at a time, and the checkpoint of a run.
pub mod import {
    queries! {
        /// A customer by email. Importers pass it lower-cased (emails are stored lower-cased), so
        /// the plain comparison can use the email index.
        CUSTOMER_BY_EMAIL = "SELECT id FROM customers WHERE email = ?1 LIMIT 1";
        /// A new customer; the id is SQLite's.
        INSERT_CUSTOMER = "INSERT INTO customers (email, first_name, last_name, consent, consent_source, consent_at, tags, timezone, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', NULL, ?7)";
        /// What a customers import may change about a customer, by email.
        CUSTOMER_FIELDS = "SELECT id, first_name, last_name, consent, consent_source, tags FROM customers WHERE email = ?1";
        /// Updates a customer from a customers import.
        UPDATE_CUSTOMER = "UPDATE customers SET first_name = ?2, last_name = ?3, consent = ?4, consent_source = ?5, consent_at = coalesce(?6, consent_at), tags = ?7 WHERE id = ?1";
        /// A customer new from a customers import.
        INSERT_CUSTOMER_WITH_TAGS = "INSERT INTO customers (email, first_name, last_name, consent, consent_source, consent_at, tags, timezone, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8)";
        /// A product by handle, with what an import may change.
        PRODUCT_BY_HANDLE = "SELECT id, title, category, image_url, status FROM products WHERE handle = ?1";
        /// A product new from a products import.
        INSERT_PRODUCT = "INSERT INTO products (handle, title, category, regulated, status, product_url, image_url, care_text) VALUES (?1, ?2, ?3, 0, ?4, NULL, ?5, NULL)";
        /// Updates a product from a products import.
        UPDATE_PRODUCT = "UPDATE products SET title = ?2, category = ?3, status = ?4, image_url = ?5 WHERE id = ?1";
        /// A product's variant by SKU, or by title when it has no SKU.
        VARIANT_OF_PRODUCT = "SELECT id, title, price_minor, cost_minor, inventory FROM variants WHERE product_id = ?1 AND ((?2 IS NOT NULL AND sku = ?2) OR (?2 IS NULL AND sku IS NULL AND title = ?3))";
        /// A variant new from a products import.
        INSERT_VARIANT = "INSERT INTO variants (product_id, sku, title, price_minor, cost_minor, inventory, inventory_updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        /// Updates a variant from a products import (the stock count's time moves with it).
        UPDATE_VARIANT = "UPDATE variants SET title = ?2, price_minor = ?3, cost_minor = ?4, inventory = ?5, inventory_updated_at = ?6 WHERE id = ?1";
        /// A newer export with the same stock count still means the count is fresh.
        TOUCH_VARIANT_COUNT = "UPDATE variants SET inventory_updated_at = ?2 WHERE id = ?1 AND (inventory_updated_at IS NULL OR inventory_updated_at < ?2)";
        /// Order lines imported before their product: link them by SKU now, and take the
        /// variant's current cost where the line has none (the cost when sold is unknown).
        LINK_LINES = "UPDATE line_items SET variant_id = (SELECT v.id FROM variants v WHERE v.sku = line_items.sku LIMIT 1), unit_cost_minor = coalesce(unit_cost_minor, (SELECT v.cost_minor FROM variants v WHERE v.sku = line_items.sku LIMIT 1)) WHERE variant_id IS NULL AND sku IS NOT NULL AND EXISTS (SELECT 1 FROM variants v WHERE v.sku = line_items.sku)";
        /// An imported event; ignored when its message id is already stored. The customer is
        /// found by email, the variant by SKU.
        INSERT_EVENT = "INSERT OR IGNORE INTO events (customer_id, kind, variant_id, occurred_at, anonymous_id, sku, message_id) VALUES ((SELECT id FROM customers WHERE email = ?1), ?2, (SELECT id FROM variants WHERE sku = ?3 LIMIT 1), ?4, ?5, ?3, ?6)";
        /// A ticket by the helpdesk's id, with what an import may change.
        TICKET_BY_EXTERNAL_ID = "SELECT id, subject, tags, status, opened_at, closed_at, email FROM support_tickets WHERE external_id = ?1";
        /// A ticket new from an import; its customer is found by email.
        INSERT_TICKET = "INSERT INTO support_tickets (customer_id, order_id, subject, tags, status, opened_at, closed_at, external_id, email) VALUES ((SELECT id FROM customers WHERE email = ?1), NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?1)";
        /// Updates an imported ticket.
        UPDATE_TICKET = "UPDATE support_tickets SET customer_id = (SELECT id FROM customers WHERE email = ?2), email = ?2, subject = ?3, tags = ?4, status = ?5, opened_at = ?6, closed_at = ?7 WHERE id = ?1";
        /// An order already stored under this number, with its fingerprint.
        ORDER_BY_NUMBER = "SELECT id, fingerprint FROM orders WHERE number = ?1";
        /// Removes an order (its lines and refunds follow by cascade) before it is written anew.
        DELETE_ORDER = "DELETE FROM orders WHERE id = ?1";
        /// An imported order; the id is SQLite's unless one is given.
        INSERT_ORDER = "INSERT INTO orders (id, customer_id, number, created_at, currency, subtotal_minor, discount_minor, discount_code, shipping_minor, shipping_cost_minor, tax_minor, total_minor, financial_status, fulfillment_status, source, cancelled_at, platform_id, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
        /// A line of an imported order; the variant is found by SKU when the catalog has it.
        INSERT_LINE = "INSERT INTO line_items (order_id, variant_id, sku, title, quantity, unit_price_minor, discount_minor, unit_cost_minor) VALUES (?1, (SELECT id FROM variants WHERE sku = ?2 LIMIT 1), ?2, ?3, ?4, ?5, ?6, (SELECT cost_minor FROM variants WHERE sku = ?2 LIMIT 1))";
        /// An order-level refund (the export gives only the amount).
        INSERT_REFUND = "INSERT INTO refunds (order_id, line_item_id, quantity, amount_minor, reason, created_at) VALUES (?1, NULL, 0, ?2, ?4, ?3)";
        /// An unfinished run of the same kind over the same file, to resume.
        UNFINISHED_IMPORT = "SELECT id, last_line, rows_read, inserted, updated, unchanged, rejected FROM imports WHERE kind = ?1 AND file = ?2 AND file_size = ?3 AND file_head = ?4 AND finished_at IS NULL ORDER BY id DESC LIMIT 1";
        /// Starts recording a run.
        INSERT_IMPORT = "INSERT INTO imports (kind, file, file_size, file_head, started_at) VALUES (?1, ?2, ?3, ?4, ?5)";
        /// Moves a run's checkpoint forward (in the same transaction as the rows it covers).
        CHECKPOINT_IMPORT = "UPDATE imports SET last_line = ?2, rows_read = ?3, inserted = ?4, updated = ?5, unchanged = ?6, rejected = ?7 WHERE id = ?1";
        /// Marks a run finished.
        FINISH_IMPORT = "UPDATE imports SET finished_at = ?2 WHERE id = ?1";
    }
}

/// Privacy requests: everything held about one person, and erasing it.
pub mod privacy {
    queries! {
        /// A customer by email (emails are stored lower-cased).
        CUSTOMER = "SELECT id, email, first_name, last_name, consent, consent_source, consent_at, tags, timezone, created_at FROM customers WHERE email = ?1";
        /// Their orders, oldest first.
        ORDERS = "SELECT id, number, created_at, currency, subtotal_minor, discount_minor, discount_code, shipping_minor, tax_minor, total_minor, financial_status, fulfillment_status, cancelled_at FROM orders WHERE customer_id = ?1 ORDER BY created_at";
        /// The lines of one order.
        LINES = "SELECT sku, title, quantity, unit_price_minor, discount_minor FROM line_items WHERE order_id = ?1 ORDER BY id";
        /// The refunds of one order.
        REFUNDS = "SELECT quantity, amount_minor, reason, created_at FROM refunds WHERE order_id = ?1 ORDER BY id";
        /// Their abandoned checkouts.
        CHECKOUTS = "SELECT created_at, currency, value_minor, recovered_order_id IS NOT NULL FROM abandoned_checkouts WHERE customer_id = ?1 ORDER BY created_at";
        /// Their browsing events.
        EVENTS = "SELECT kind, variant_id, occurred_at FROM events WHERE customer_id = ?1 ORDER BY occurred_at";
        /// Their support tickets.
        TICKETS = "SELECT subject, tags, status, opened_at, closed_at FROM support_tickets WHERE customer_id = ?1 ORDER BY opened_at";
        /// When they last opened or clicked: behaviour, removed (before the address is erased).
        DELETE_ENGAGEMENT = "DELETE FROM engagement WHERE address = (SELECT email FROM customers WHERE id = ?1)";
        /// Erases a customer's personal fields; the row stays (anonymous) so orders keep counting.
        ANONYMISE_CUSTOMER = "UPDATE customers SET email = 'erased-' || id || '@invalid', first_name = NULL, last_name = NULL, consent = 'unsubscribed', consent_source = 'erased on request', consent_at = ?2, tags = '', timezone = NULL WHERE id = ?1";
        /// Emails typed into their abandoned checkouts.
        ERASE_CHECKOUT_EMAILS = "UPDATE abandoned_checkouts SET email = NULL WHERE customer_id = ?1";
        /// Browsing is behaviour, not needed for totals: removed.
        DELETE_EVENTS = "DELETE FROM events WHERE customer_id = ?1";
        /// Ticket subjects may quote the person: removed, the ticket kept for counts.
        ERASE_TICKETS = "UPDATE support_tickets SET subject = 'erased on request', tags = '' WHERE customer_id = ?1";
        /// A privacy request, logged without personal data.
        LOG = "INSERT INTO privacy_log (at, action, customer_id, detail) VALUES (?1, ?2, ?3, ?4)";
    }
}

/// Customer scoring: its input, the scores, runs, health checks and custom segments.
pub mod scores {
    queries! {
        /// Every product with its price, mean known cost and whether any variant can be sold.
        PRODUCTS = "SELECT p.id, p.title, p.handle, p.category, p.status, p.regulated, p.recommend_approved, coalesce(max(v.inventory IS NULL OR v.inventory > 0), 0), max(v.price_minor), avg(v.cost_minor) FROM products p LEFT JOIN variants v ON v.product_id = p.id GROUP BY p.id ORDER BY p.id";
        /// Every customer, by id.
        CUSTOMERS = "SELECT id, created_at FROM customers ORDER BY id";
        /// Orders of known customers up to a time, by customer then time (the customer index).
        ORDERS = "SELECT id, customer_id, created_at, subtotal_minor, discount_minor, (discount_minor > 0 OR discount_code IS NOT NULL), coalesce(shipping_cost_minor, 0), cancelled_at IS NOT NULL FROM orders WHERE customer_id IS NOT NULL AND created_at <= ?1 ORDER BY customer_id, created_at, id";
        /// Every order line with its product, in storage order.
        LINES = "SELECT li.order_id, v.product_id, li.quantity, li.unit_price_minor, li.unit_cost_minor FROM line_items li LEFT JOIN variants v ON v.id = li.variant_id";
        /// Refunded amounts per order.
        REFUNDS = "SELECT order_id, sum(amount_minor) FROM refunds GROUP BY order_id";
        /// Product views per customer in a time window.
        VIEWS = "SELECT customer_id, count(*) FROM events WHERE kind = 'product_viewed' AND customer_id IS NOT NULL AND occurred_at > ?1 AND occurred_at <= ?2 GROUP BY customer_id";
        /// Each customer's latest checkout that did not become an order (up to a time).
        OPEN_CARTS = "SELECT customer_id, value_minor, max(created_at) FROM abandoned_checkouts WHERE customer_id IS NOT NULL AND recovered_order_id IS NULL AND created_at <= ?1 GROUP BY customer_id";
        /// Scores are replaced whole.
        CLEAR_SCORES = "DELETE FROM customer_scores";
        /// One customer's scores.
        INSERT_SCORE = "INSERT INTO customer_scores (customer_id, orders, first_order_at, last_order_at, revenue_minor, discount_share, p_alive, churn_risk, expected_orders_90d, expected_orders_365d, expected_order_value_minor, clv_minor, reorder_days, reorder_basis, next_order_at, seasonal_month, full_price_probability, status, segment, reasons, recommendations) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)";
        /// A scoring run.
        INSERT_RUN = "INSERT INTO model_runs (ran_at, summary, models) VALUES (?1, ?2, ?3)";
        /// The latest scoring run.
        LATEST_RUN = "SELECT ran_at, summary, models FROM model_runs ORDER BY id DESC LIMIT 1";
        /// A health check.
        INSERT_HEALTH = "INSERT INTO model_health (checked_at, error, drifted, report) VALUES (?1, ?2, ?3, ?4)";
        /// Every health check, oldest first.
        HEALTH_REPORTS = "SELECT checked_at, report FROM model_health ORDER BY checked_at, id";
        /// Customers per built-in segment.
        SEGMENT_COUNTS = "SELECT segment, count(*) FROM customer_scores GROUP BY segment";
        /// Saved custom segments.
        CUSTOM_SEGMENTS = "SELECT id, name, rules FROM segments ORDER BY id";
        /// A new custom segment.
        INSERT_SEGMENT = "INSERT INTO segments (name, rules, created_at) VALUES (?1, ?2, ?3)";
        /// Removes a custom segment.
        DELETE_SEGMENT = "DELETE FROM segments WHERE id = ?1";
        /// The head of the customer-list count; filters are appended (columns from a fixed list,
        /// values bound). `?1` is now, for time-relative columns.
        LIST_COUNT = "SELECT count(*) FROM customers c JOIN customer_scores s ON s.customer_id = c.id";
        /// The head of the customer list; filters, order and limits are appended as above.
        LIST = "SELECT c.id, c.email, c.first_name, c.last_name, s.orders, s.last_order_at, s.revenue_minor, s.churn_risk, s.full_price_probability, s.clv_minor, s.status, s.segment, s.next_order_at, s.seasonal_month FROM customers c JOIN customer_scores s ON s.customer_id = c.id";
        /// A customer by id, for their page.
        CUSTOMER_BY_ID = "SELECT email, first_name, last_name, consent, consent_source, created_at FROM customers WHERE id = ?1";
        /// A customer's orders, newest first, with their item counts.
        CUSTOMER_ORDERS = "SELECT o.number, o.created_at, o.currency, o.subtotal_minor, o.discount_minor, o.discount_code, o.cancelled_at IS NOT NULL, (SELECT total(quantity) FROM line_items li WHERE li.order_id = o.id) FROM orders o WHERE o.customer_id = ?1 ORDER BY o.created_at DESC, o.id DESC";
        /// Products by id, for naming recommendations.
        PRODUCT_NAMES = "SELECT id, title, handle, category FROM products";
        /// One customer's scores.
        SCORE_OF = "SELECT orders, first_order_at, last_order_at, revenue_minor, discount_share, p_alive, churn_risk, expected_orders_90d, expected_orders_365d, expected_order_value_minor, clv_minor, reorder_days, reorder_basis, next_order_at, seasonal_month, full_price_probability, reasons, recommendations FROM customer_scores WHERE customer_id = ?1";
    }
}

/// The message ledger, suppressions and settings.
pub mod mail {
    queries! {
        /// A message by its idempotency key.
        MESSAGE_BY_KEY = "SELECT id, state, provider_message_id, detail FROM messages WHERE idempotency_key = ?1";
        /// A new message, queued with what is to be sent; ignored when the key is already there.
        ENQUEUE = "INSERT OR IGNORE INTO messages (idempotency_key, kind, customer_id, to_address, subject, transport, state, created_at, updated_at, payload, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?7, ?7, ?8, ?7)";
        /// When a queued message is tried next.
        RESCHEDULE = "UPDATE messages SET next_attempt_at = ?2 WHERE id = ?1 AND state = 'queued'";
        /// Queued messages due by a time, oldest first, with their payloads.
        /// Flow emails are held (left queued) while the kill switch is on or their flow is
        /// stopped or paused: they go only after someone resumes.
        DUE = "SELECT id, idempotency_key, payload, (SELECT count(*) FROM message_attempts a WHERE a.message_id = messages.id AND a.outcome = 'temporary') FROM messages WHERE state = 'queued' AND payload IS NOT NULL AND coalesce(next_attempt_at, 0) <= ?1 AND (flow_id IS NULL OR (NOT EXISTS (SELECT 1 FROM settings WHERE key = 'flows.kill_all' AND value = '1') AND flow_id NOT IN (SELECT id FROM flows WHERE status IN ('killed', 'paused')))) ORDER BY coalesce(next_attempt_at, 0), id LIMIT ?2";
        /// The payload is kept only while a message may still be sent.
        DROP_PAYLOAD = "UPDATE messages SET payload = NULL WHERE id = ?1 AND state IN ('sent', 'failed', 'suppressed')";
        /// Moves a message from one state to another; no row changes when it was not in `from`.
        TRANSITION = "UPDATE messages SET state = ?3, provider_message_id = coalesce(?4, provider_message_id), detail = ?5, updated_at = ?6 WHERE id = ?1 AND state = ?2";
        /// Records an attempt.
        ATTEMPT = "INSERT INTO message_attempts (message_id, at, outcome, detail) VALUES (?1, ?2, ?3, ?4)";
        /// Messages cut off while sending (after a crash): their ids.
        CUT_OFF = "SELECT id FROM messages WHERE state = 'sending'";
        /// The ledger, newest first.
        LIST = "SELECT id, idempotency_key, kind, to_address, subject, transport, state, provider_message_id, detail, created_at, updated_at, (SELECT count(*) FROM message_attempts a WHERE a.message_id = messages.id AND a.outcome != 'started') FROM messages ORDER BY id DESC LIMIT ?1";
        /// Messages per state.
        COUNT_BY_STATE = "SELECT state, count(*) FROM messages GROUP BY state";
        /// Whether an address is suppressed, and why.
        SUPPRESSION = "SELECT reason, source, at FROM suppressions WHERE address = ?1";
        /// Suppresses an address (the first reason is kept).
        SUPPRESS = "INSERT OR IGNORE INTO suppressions (address, reason, source, at) VALUES (?1, ?2, ?3, ?4)";
        /// An unsubscribe or complaint withdraws the customer's consent (kept when already withdrawn).
        WITHDRAW_CONSENT = "UPDATE customers SET consent = 'unsubscribed', consent_source = ?2, consent_at = ?3 WHERE email = ?1 AND consent != 'unsubscribed'";
        /// A customer's consent by email.
        CONSENT = "SELECT id, consent FROM customers WHERE email = ?1";
        /// One setting.
        SETTING = "SELECT value FROM settings WHERE key = ?1";
        /// Sets one setting.
        SET_SETTING = "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        DELETE_SETTING = "DELETE FROM settings WHERE key = ?1";
        /// The store's postal address, for email footers.
        SET_POSTAL_ADDRESS = "UPDATE store SET postal_address = ?1 WHERE id = 1";
        /// A human's decision on a message whose fate was unknown.
        RESOLVE_UNKNOWN = "UPDATE messages SET state = ?2, detail = ?3, updated_at = ?4 WHERE id = ?1 AND state = 'unknown'";
    }
}

/// Flows and their versions.
pub mod flows {
    queries! {
        /// A flow by slug: id, current version.
        BY_SLUG = "SELECT id, current_version FROM flows WHERE slug = ?1";
        /// A new flow at version 1.
        INSERT = "INSERT INTO flows (slug, name, status, live_percent, current_version, created_at, updated_at) VALUES (?1, ?2, 'draft', 0, 1, ?3, ?3)";
        /// A flow moves to a new version (back to draft: a changed flow is dry-run again).
        NEW_VERSION = "UPDATE flows SET name = ?2, current_version = ?3, status = 'draft', live_percent = 0, updated_at = ?4 WHERE id = ?1";
        /// One version's definition.
        INSERT_VERSION = "INSERT INTO flow_versions (flow_id, version, definition, created_at) VALUES (?1, ?2, ?3, ?4)";
    }
}

/// Running flows: enrolments, the decision ledger, tasks, dry runs, and what the engine reads.
pub mod flow_runs {
    queries! {
        /// Every flow with its current version's definition and approval.
        FLOWS = "SELECT f.id, f.slug, f.name, f.status, f.live_percent, f.current_version, f.updated_at, v.definition, v.approved_by, v.approved_at FROM flows f JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.current_version ORDER BY f.id";
        /// A flow's status and launch share.
        SET_STATUS = "UPDATE flows SET status = ?2, live_percent = ?3, updated_at = ?4 WHERE id = ?1";
        /// Records who approved a version.
        APPROVE = "UPDATE flow_versions SET approved_by = ?3, approved_at = ?4 WHERE flow_id = ?1 AND version = ?2";
        /// The approvals of earlier versions (offers approved once need not be approved again).
        APPROVED_VERSIONS = "SELECT definition FROM flow_versions WHERE flow_id = ?1 AND approved_at IS NOT NULL";
        /// What the engine knows of every customer.
        FACTS = "SELECT c.id, c.consent, c.consent_at, c.timezone, s.segment, s.status, s.orders, s.revenue_minor, s.discount_share, s.churn_risk, s.p_alive, s.expected_orders_90d, s.clv_minor, s.full_price_probability, s.last_order_at, s.expected_order_value_minor, (SELECT x.at FROM suppressions x WHERE x.address = c.email), (SELECT min(m.created_at) FROM messages m WHERE m.customer_id = c.id AND m.kind = 'marketing' AND m.state = 'sent'), (SELECT g.last_at FROM engagement g WHERE g.address = c.email) FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id";
        /// The same for the customers in the JSON array ?1.
        FACTS_OF = "SELECT c.id, c.consent, c.consent_at, c.timezone, s.segment, s.status, s.orders, s.revenue_minor, s.discount_share, s.churn_risk, s.p_alive, s.expected_orders_90d, s.clv_minor, s.full_price_probability, s.last_order_at, s.expected_order_value_minor, (SELECT x.at FROM suppressions x WHERE x.address = c.email), (SELECT min(m.created_at) FROM messages m WHERE m.customer_id = c.id AND m.kind = 'marketing' AND m.state = 'sent'), (SELECT g.last_at FROM engagement g WHERE g.address = c.email) FROM customers c LEFT JOIN customer_scores s ON s.customer_id = c.id WHERE c.id IN (SELECT value FROM json_each(?1))";
        /// Marketing sends (and holdout would-sends) since ?2 of the customers in the JSON array ?1.
        SENDS_OF = "SELECT customer_id, at, flow_id FROM flow_decisions WHERE customer_id IN (SELECT value FROM json_each(?1)) AND at > ?2 AND decision IN ('sent', 'would_send') ORDER BY at";
        /// Offers since ?2 to the customers in ?1 that no order has used yet.
        OFFERS_OF = "SELECT d.customer_id, max(d.at) FROM flow_decisions d WHERE d.customer_id IN (SELECT value FROM json_each(?1)) AND d.decision = 'offer' AND d.at > ?2 AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = d.customer_id AND o.created_at > d.at) GROUP BY d.customer_id";
        /// Tickets open at ?2 of the customers in ?1.
        TICKETS_OF = "SELECT customer_id, count(*) FROM support_tickets WHERE customer_id IN (SELECT value FROM json_each(?1)) AND opened_at <= ?2 AND (closed_at > ?2 OR (closed_at IS NULL AND status <> 'closed')) GROUP BY customer_id";
        /// Active enrolments of the customers in ?1.
        ENROLMENTS_OF = "SELECT e.id, e.flow_id, e.version, e.customer_id, e.entered_at, e.node, e.due_at, e.since, e.holdout, e.hold, e.seen, e.event_came, e.offer_percent, e.value_minor, e.margin_minor, e.reference FROM enrolments e WHERE e.state = 'active' AND e.customer_id IN (SELECT value FROM json_each(?1))";
        /// Abandoned checkouts in (?1, ?2] with their value and margin (NULL when a cost is missing).
        CHECKOUTS = "SELECT a.created_at, a.customer_id, a.value_minor, (SELECT CASE WHEN count(v.cost_minor) = count(*) AND count(*) > 0 THEN sum(i.quantity * (i.unit_price_minor - v.cost_minor)) END FROM abandoned_checkout_items i LEFT JOIN variants v ON v.id = i.variant_id WHERE i.checkout_id = a.id), a.id FROM abandoned_checkouts a WHERE a.customer_id IS NOT NULL AND a.created_at > ?1 AND a.created_at <= ?2";
        /// Product views and adds in (?1, ?2].
        BROWSING = "SELECT occurred_at, customer_id, kind FROM events WHERE customer_id IS NOT NULL AND kind IN ('product_viewed', 'product_added', 'cart_viewed') AND occurred_at > ?1 AND occurred_at <= ?2";
        /// Orders placed in (?1, ?2].
        ORDERS = "SELECT created_at, customer_id, subtotal_minor - discount_minor, id FROM orders WHERE customer_id IS NOT NULL AND cancelled_at IS NULL AND created_at > ?1 AND created_at <= ?2";
        /// Tickets opened in (?1, ?2].
        TICKETS_OPENED = "SELECT opened_at, customer_id, id FROM support_tickets WHERE customer_id IS NOT NULL AND opened_at > ?1 AND opened_at <= ?2";
        /// Tickets closed in (?1, ?2].
        TICKETS_CLOSED = "SELECT closed_at, customer_id, id FROM support_tickets WHERE customer_id IS NOT NULL AND closed_at > ?1 AND closed_at <= ?2";
        /// Unsubscribes in (?1, ?2].
        UNSUBSCRIBES = "SELECT consent_at, id FROM customers WHERE consent = 'unsubscribed' AND consent_at > ?1 AND consent_at <= ?2";
        /// Bounces and complaints in (?1, ?2].
        SUPPRESSED = "SELECT s.at, c.id, s.reason FROM suppressions s JOIN customers c ON c.email = s.address WHERE s.reason IN ('bounced', 'complained') AND s.at > ?1 AND s.at <= ?2";
        /// Every order up to ?1 by customer and time, with the customer's reorder cycle.
        REORDER_HISTORY = "SELECT o.customer_id, o.created_at, s.reorder_days FROM orders o JOIN customer_scores s ON s.customer_id = o.customer_id WHERE o.cancelled_at IS NULL AND o.created_at <= ?1 AND s.reorder_days IS NOT NULL ORDER BY o.customer_id, o.created_at";
        /// Expected reorder dates (as last scored) in (?1, ?2]: what a live tick triggers on.
        REORDER_NEXT = "SELECT customer_id, next_order_at FROM customer_scores WHERE next_order_at > ?1 AND next_order_at <= ?2";
        /// The first browsing event (where a replay starts).
        FIRST_EVENT = "SELECT min(occurred_at) FROM events";
        /// The first browsing event after ?1.
        EVENT_AFTER = "SELECT min(occurred_at) FROM events WHERE occurred_at > ?1";
        /// The highest enrolment id so far.
        MAX_ENROLMENT = "SELECT coalesce(max(id), 0) FROM enrolments";
        /// Writes an enrolment as it stands.
        UPSERT_ENROLMENT = "INSERT INTO enrolments (id, flow_id, version, customer_id, entered_at, node, due_at, since, holdout, state, hold, seen, event_came, offer_percent, value_minor, margin_minor, reference, ended_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) ON CONFLICT(id) DO UPDATE SET node = excluded.node, due_at = excluded.due_at, since = excluded.since, state = excluded.state, hold = excluded.hold, seen = excluded.seen, event_came = excluded.event_came, offer_percent = excluded.offer_percent, ended_at = excluded.ended_at";
        /// A decision of the ledger.
        INSERT_DECISION = "INSERT INTO flow_decisions (at, flow_id, enrolment_id, customer_id, node, decision, reason, holdout, amount_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
        /// A task for a person (one per ticket).
        INSERT_TASK = "INSERT OR IGNORE INTO tasks (customer_id, flow_id, ticket_id, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
        /// Discounts given since ?1.
        SPEND = "SELECT at, amount_minor FROM flow_decisions WHERE decision = 'offer' AND at > ?1 ORDER BY at";
        /// Per flow: emails delivered, unsubscribes and complaints put down to it.
        FLOW_STATS = "SELECT flow_id, delivered, unsubscribed, complained FROM flow_counters";
        /// Adds a tick's counts to a flow's running totals.
        ADD_COUNTERS = "INSERT INTO flow_counters (flow_id, delivered, unsubscribed, complained) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(flow_id) DO UPDATE SET delivered = delivered + excluded.delivered, unsubscribed = unsubscribed + excluded.unsubscribed, complained = complained + excluded.complained";
        /// Active enrolments due by ?1 (or moved on by a resume).
        DUE_ENROLMENTS = "SELECT e.id, e.flow_id, e.version, e.customer_id, e.entered_at, e.node, e.due_at, e.since, e.holdout, e.hold, e.seen, e.event_came, e.offer_percent, e.value_minor, e.margin_minor, e.reference FROM enrolments e WHERE e.state = 'active' AND e.due_at <= ?1";
        /// The order's main product (its largest line): id, title, link, care text, the reason its
        /// refunds most often give (filled later), category and units in stock (NULL: not tracked).
        ORDER_PRODUCT = "SELECT p.id, p.title, p.product_url, p.care_text, NULL, p.category, (SELECT sum(inventory) FROM variants WHERE product_id = p.id) FROM line_items li JOIN variants v ON v.id = li.variant_id JOIN products p ON p.id = v.product_id WHERE li.order_id = ?1 ORDER BY li.unit_price_minor * li.quantity DESC LIMIT 1";
        /// Refund reasons counted by product (for each product's most common reason, read once
        /// per tick rather than once per email).
        RETURN_REASONS = "SELECT v.product_id, r.reason, count(*) FROM refunds r JOIN line_items l ON l.id = r.line_item_id JOIN variants v ON v.id = l.variant_id WHERE r.reason IS NOT NULL AND r.reason <> '' GROUP BY v.product_id, r.reason";
        /// The checkout's main product, the same way.
        CHECKOUT_PRODUCT = "SELECT p.id, p.title, p.product_url, p.care_text, NULL, p.category, (SELECT sum(inventory) FROM variants WHERE product_id = p.id) FROM abandoned_checkout_items i JOIN variants v ON v.id = i.variant_id JOIN products p ON p.id = v.product_id WHERE i.checkout_id = ?1 ORDER BY i.unit_price_minor * i.quantity DESC LIMIT 1";
        /// One product: id, title, link, care text.
        PRODUCT = "SELECT p.id, p.title, p.product_url, p.care_text, NULL, p.category, (SELECT sum(inventory) FROM variants WHERE product_id = p.id) FROM products p WHERE p.id = ?1";
        /// A flow email into the outbox, queued, naming its flow.
        ENQUEUE_FLOW_MESSAGE = "INSERT OR IGNORE INTO messages (idempotency_key, kind, customer_id, to_address, subject, transport, state, created_at, updated_at, payload, next_attempt_at, flow_id) VALUES (?1, 'marketing', ?2, ?3, ?4, ?5, 'queued', ?6, ?6, ?7, ?6, ?8)";
        /// Customers' addresses and names by id.
        CUSTOMER_ADDRESS = "SELECT email, first_name, last_name FROM customers WHERE id = ?1";
        /// The ledger, newest first, filtered: flow slug, customer, decision, words in the reason.
        DECISIONS = "SELECT d.id, d.at, f.slug, d.customer_id, c.email, d.node, d.decision, d.reason, d.holdout FROM flow_decisions d LEFT JOIN flows f ON f.id = d.flow_id LEFT JOIN customers c ON c.id = d.customer_id WHERE (?1 IS NULL OR f.slug = ?1) AND (?2 IS NULL OR d.customer_id = ?2) AND (?3 IS NULL OR d.decision = ?3) AND (?4 IS NULL OR d.reason LIKE '%' || ?4 || '%') ORDER BY d.id DESC LIMIT ?5 OFFSET ?6";
        /// How many ledger rows match the same filters.
        COUNT_DECISIONS = "SELECT count(*) FROM flow_decisions d LEFT JOIN flows f ON f.id = d.flow_id WHERE (?1 IS NULL OR f.slug = ?1) AND (?2 IS NULL OR d.customer_id = ?2) AND (?3 IS NULL OR d.decision = ?3) AND (?4 IS NULL OR d.reason LIKE '%' || ?4 || '%')";
        /// A flow's live decisions by kind.
        LIVE_COUNTS = "SELECT decision, count(*) FROM flow_decisions WHERE flow_id = ?1 GROUP BY decision ORDER BY count(*) DESC";
        /// Enrolments now in a flow.
        ACTIVE_IN_FLOW = "SELECT count(*) FROM enrolments WHERE flow_id = ?1 AND state = 'active'";
        /// Tasks, open first, newest first.
        TASKS = "SELECT t.id, t.customer_id, c.email, f.slug, t.text, t.created_at, t.done_at FROM tasks t JOIN customers c ON c.id = t.customer_id LEFT JOIN flows f ON f.id = t.flow_id ORDER BY t.done_at IS NOT NULL, t.created_at DESC, t.id DESC LIMIT 500";
        /// An open or click: keeps the latest time per address.
        RECORD_ENGAGEMENT = "INSERT INTO engagement (address, last_at) VALUES (?1, ?2) ON CONFLICT(address) DO UPDATE SET last_at = max(last_at, excluded.last_at)";
        /// A score that crossed a flow's threshold.
        INSERT_CROSSING = "INSERT INTO score_crossings (customer_id, field, value, at) VALUES (?1, ?2, ?3, ?4)";
        /// Crossings found in (?1, ?2].
        CROSSINGS = "SELECT at, customer_id, field, value FROM score_crossings WHERE at > ?1 AND at <= ?2";
        /// Where the next scheduler tick starts reading.
        SET_CURSOR = "INSERT INTO settings (key, value) VALUES ('flows.cursor', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        /// The explicit decision to resume: enrolments held by the kill switch or a pause of
        /// flow ?1 (every flow when NULL) become due at ?2.
        RESUME_ENROLMENTS = "UPDATE enrolments SET due_at = ?2 WHERE state = 'active' AND hold IN ('kill', 'paused') AND (?1 IS NULL OR flow_id = ?1)";
        /// Products in a regulated category.
        REGULATED_PRODUCTS = "SELECT count(*) FROM products WHERE regulated = 1 AND status = 'active'";
        /// Marks a task done.
        COMPLETE_TASK = "UPDATE tasks SET done_at = ?2 WHERE id = ?1 AND done_at IS NULL";
        /// Saves a dry run.
        INSERT_DRY_RUN = "INSERT INTO flow_dry_runs (flow_id, version, ran_at, report) VALUES (?1, ?2, ?3, ?4)";
        /// The newest dry run of a version.
        LATEST_DRY_RUN = "SELECT report FROM flow_dry_runs WHERE flow_id = ?1 AND version = ?2 ORDER BY id DESC LIMIT 1";
        /// Flow emails waiting in the outbox for flows that are held (or all, with ?1 = 1).
        HELD_MESSAGES = "SELECT count(*) FROM messages WHERE state = 'queued' AND flow_id IS NOT NULL AND (?1 = 1 OR flow_id IN (SELECT id FROM flows WHERE status IN ('killed', 'paused')))";
        /// Ends a flow's active enrolments (a new version replaces the one they were on).
        END_FLOW_ENROLMENTS = "UPDATE enrolments SET state = 'ended', ended_at = ?2 WHERE flow_id = ?1 AND state = 'active'";
        /// Records the ending of each of a flow's active enrolments.
        END_FLOW_DECISIONS = "INSERT INTO flow_decisions (at, flow_id, enrolment_id, customer_id, node, decision, reason, holdout) SELECT ?2, flow_id, id, customer_id, node, 'exited', ?3, holdout FROM enrolments WHERE flow_id = ?1 AND state = 'active'";
    }
}

/// Measurement: each recipient of a flow with what they did in the conversion window.
pub mod measure {
    queries! {
        /// Per customer who entered flow ?1 (the holdout is chosen per customer, so the customer
        /// is the unit measured): their group, enrolments, first entry, scoring group, and their
        /// orders that fell in any of their conversion windows (entry, entry + ?2] — each order
        /// once: count, revenue (items − discounts), discounts, orders with a discount, shipping
        /// cost borne, unit costs, refunds, units sold and units refunded; and the revenue of their
        /// orders in the ?3 seconds before their first entry (the covariate CUPED adjusts by).
        RECIPIENTS = "WITH r AS (SELECT customer_id, max(holdout) AS holdout, count(*) AS enrolments, min(at) AS first_at FROM flow_decisions WHERE flow_id = ?1 AND decision = 'entered' AND customer_id IS NOT NULL GROUP BY customer_id) SELECT r.enrolments, r.customer_id, r.holdout, r.first_at, coalesce(s.segment, 'other'), count(o.id), coalesce(sum(o.subtotal_minor - o.discount_minor), 0), coalesce(sum(o.discount_minor), 0), coalesce(sum(o.discount_minor > 0), 0), coalesce(sum(coalesce(o.shipping_cost_minor, 0)), 0), coalesce(sum((SELECT sum(li.quantity * coalesce(li.unit_cost_minor, 0)) FROM line_items li WHERE li.order_id = o.id)), 0), coalesce(sum((SELECT sum(x.amount_minor) FROM refunds x WHERE x.order_id = o.id)), 0), coalesce(sum((SELECT sum(li.quantity) FROM line_items li WHERE li.order_id = o.id)), 0), coalesce(sum((SELECT sum(x.quantity) FROM refunds x WHERE x.order_id = o.id)), 0), (SELECT coalesce(sum(p.subtotal_minor - p.discount_minor), 0) FROM orders p WHERE p.customer_id = r.customer_id AND p.cancelled_at IS NULL AND p.created_at > r.first_at - ?3 AND p.created_at <= r.first_at) FROM r LEFT JOIN customer_scores s ON s.customer_id = r.customer_id LEFT JOIN orders o ON o.customer_id = r.customer_id AND o.cancelled_at IS NULL AND o.created_at > r.first_at AND EXISTS (SELECT 1 FROM flow_decisions d WHERE d.customer_id = r.customer_id AND d.flow_id = ?1 AND d.decision = 'entered' AND o.created_at > d.at AND o.created_at <= d.at + ?2) GROUP BY r.customer_id ORDER BY r.customer_id";
        /// A flow's id by slug.
        FLOW_ID = "SELECT id FROM flows WHERE slug = ?1";
        /// When flow ?1's emails went, and the unsubscribes ('u') and complaints ('c') put down
        /// to it: time and kind, in time order.
        MAIL_TIMES = "SELECT at, CASE WHEN decision = 'sent' THEN 's' WHEN reason LIKE 'unsubscribed%' THEN 'u' ELSE 'c' END FROM flow_decisions WHERE flow_id = ?1 AND decision IN ('sent', 'attributed') AND (decision = 'sent' OR reason LIKE 'unsubscribed%' OR reason LIKE 'marked%') ORDER BY at";
        /// The A/B arm each customer of flow ?1 was first given (the ledger's "arm NAME" steps).
        ARMS = "SELECT customer_id, substr(min(printf('%020d', at) || reason), 25) FROM flow_decisions WHERE flow_id = ?1 AND decision = 'step' AND reason LIKE 'arm %' AND customer_id IS NOT NULL GROUP BY customer_id";
        /// Flow ?1 in (?2, ?3]: customers who entered, emails sent, unsubscribes put down to it.
        FLOW_WEEK = "SELECT coalesce(sum(decision = 'entered'), 0), coalesce(sum(decision = 'sent'), 0), coalesce(sum(decision = 'attributed' AND reason LIKE 'unsubscribed%'), 0) FROM flow_decisions WHERE flow_id = ?1 AND at > ?2 AND at <= ?3";
        /// Orders since ?2 whose visit came through campaign ?1 (last click): count and revenue.
        LAST_CLICK = "SELECT count(*), coalesce(sum(subtotal_minor - discount_minor), 0) FROM orders WHERE utm_campaign = ?1 AND cancelled_at IS NULL AND created_at >= ?2";
    }
}

/// The demo store's flow history: what the played flows sent, the baskets a persuaded customer
/// buys, and the orders and campaign tags the play writes.
pub mod demo_play {
    queries! {
        /// Emails the treatment group was sent in (?1, ?2]: decision, time, flow, customer,
        /// address, what the enrolment is about (checkout or order id) and any offer it carries.
        SENDS = "SELECT d.id, d.at, d.flow_id, d.customer_id, c.email, coalesce(e.reference, 0), e.offer_percent FROM flow_decisions d JOIN customers c ON c.id = d.customer_id LEFT JOIN enrolments e ON e.id = d.enrolment_id WHERE d.decision = 'sent' AND d.holdout = 0 AND d.at > ?1 AND d.at <= ?2 ORDER BY d.id";
        /// The demo store has no real people: its queued flow emails are recorded as handed
        /// over, without leaving the machine.
        DELIVER = "UPDATE messages SET state = 'sent', payload = NULL, next_attempt_at = NULL, detail = 'demo store: recorded, not sent', updated_at = ?1 WHERE state = 'queued' AND flow_id IS NOT NULL";
        /// The items of checkout ?1: variant, SKU, quantity, unit price, unit cost.
        CHECKOUT_BASKET = "SELECT i.variant_id, v.sku, i.quantity, i.unit_price_minor, v.cost_minor FROM abandoned_checkout_items i JOIN variants v ON v.id = i.variant_id WHERE i.checkout_id = ?1";
        /// The variant customer ?1 last viewed before ?2.
        VIEWED_BASKET = "SELECT v.id, v.sku, 1, v.price_minor, v.cost_minor FROM events e JOIN variants v ON v.id = e.variant_id WHERE e.customer_id = ?1 AND e.kind = 'product_viewed' AND e.occurred_at <= ?2 ORDER BY e.occurred_at DESC LIMIT 1";
        /// The variant on order ?1's first line.
        ORDER_BASKET = "SELECT v.id, v.sku, 1, v.price_minor, v.cost_minor FROM line_items li JOIN variants v ON v.id = li.variant_id WHERE li.order_id = ?1 ORDER BY li.id LIMIT 1";
        /// The variant customer ?1 bought most units of.
        FAVOURITE_BASKET = "SELECT v.id, v.sku, 1, v.price_minor, v.cost_minor FROM line_items li JOIN orders o ON o.id = li.order_id JOIN variants v ON v.id = li.variant_id WHERE o.customer_id = ?1 GROUP BY v.id ORDER BY sum(li.quantity) DESC, v.id LIMIT 1";
        /// The next free order and line ids.
        NEXT_IDS = "SELECT coalesce((SELECT max(id) FROM orders), 0) + 1, coalesce((SELECT max(id) FROM line_items), 0) + 1";
        /// Tags order ?1 with the campaign its visit came from.
        SET_UTM = "UPDATE orders SET utm_source = ?2, utm_medium = ?3, utm_campaign = ?4 WHERE id = ?1";
        /// Checkout ?1 was completed by order ?2.
        RECOVER = "UPDATE abandoned_checkouts SET recovered_order_id = ?2 WHERE id = ?1 AND recovered_order_id IS NULL";
        /// Untagged orders placed within ?1 seconds after a treatment email: order, flow slug,
        /// and the email's decision id (the latest email before the order comes last).
        CLICKABLE = "SELECT o.id, f.slug, d.id FROM flow_decisions d JOIN flows f ON f.id = d.flow_id JOIN orders o ON o.customer_id = d.customer_id AND o.created_at > d.at AND o.created_at <= d.at + ?1 WHERE d.decision IN ('sent', 'attributed') AND d.decision = 'sent' AND d.holdout = 0 AND o.utm_campaign IS NULL AND o.cancelled_at IS NULL ORDER BY o.id, d.at";
        /// Whether any flow has ever enrolled anyone.
        ANY_ENROLMENT = "SELECT EXISTS (SELECT 1 FROM enrolments)";
    }
}

/// The copy studio: the catalog facts copy may rest on.
pub mod copy {
    queries! {
        /// The product of SKU ?1: id, title, category, regulated, care text.
        PRODUCT_BY_SKU = "SELECT p.id, p.title, p.category, p.regulated, p.care_text FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ?1 LIMIT 1";
        /// Product ?1's variants: name, price, stock.
        VARIANTS = "SELECT title, price_minor, inventory FROM variants WHERE product_id = ?1 ORDER BY id";
        /// A new variant awaiting review.
        INSERT_VARIANT = "INSERT INTO copy_variants (kind, sku, text, hook, generator, version, state, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, 'review', ?6, ?6)";
        /// A review-trail row.
        INSERT_REVIEW = "INSERT INTO copy_reviews (variant_id, version, at, by, action, checks, overridden, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
        /// One variant.
        VARIANT = "SELECT id, kind, sku, text, hook, generator, version, state, approved_hash, note, created_at, updated_at FROM copy_variants WHERE id = ?1";
        /// Variants in state ?1 (all when NULL), newest first.
        VARIANTS_BY_STATE = "SELECT id, kind, sku, text, hook, generator, version, state, approved_hash, note, created_at, updated_at FROM copy_variants WHERE ?1 IS NULL OR state = ?1 ORDER BY id DESC LIMIT ?2";
        /// An edit: new text, a new version, back to review.
        EDIT_VARIANT = "UPDATE copy_variants SET text = ?2, version = version + 1, state = 'review', approved_hash = NULL, updated_at = ?3 WHERE id = ?1";
        /// A decision on variant ?1: state ?2, the approved text's hash ?3.
        DECIDE_VARIANT = "UPDATE copy_variants SET state = ?2, approved_hash = ?3, updated_at = ?4 WHERE id = ?1";
        /// A note on variant ?1.
        NOTE_VARIANT = "UPDATE copy_variants SET note = ?2, updated_at = ?3 WHERE id = ?1";
        /// Variant ?1's version.
        VARIANT_VERSION = "SELECT version FROM copy_variants WHERE id = ?1";
        /// Variant ?1's review trail, oldest first.
        REVIEWS = "SELECT version, at, by, action, checks, overridden, note FROM copy_reviews WHERE variant_id = ?1 ORDER BY at, id";
        /// Tickets about orders that held product ?1: tags and subject.
        PRODUCT_TICKETS = "SELECT DISTINCT t.id, t.tags, t.subject FROM support_tickets t JOIN line_items l ON l.order_id = t.order_id JOIN variants v ON v.id = l.variant_id WHERE v.product_id = ?1 AND t.tags <> ''";
        /// Product ?1's most common return reason.
        RETURN_REASON = "SELECT r.reason FROM refunds r JOIN line_items l ON l.id = r.line_item_id JOIN variants v ON v.id = l.variant_id WHERE v.product_id = ?1 AND r.reason IS NOT NULL AND r.reason <> '' GROUP BY r.reason ORDER BY count(*) DESC, r.reason LIMIT 1";
    }
}

/// Platform sync: connections, cursors and runs.
pub mod sync {
    queries! {
        /// Saves a connection (replacing the platform's earlier one).
        UPSERT_CONNECTION = "INSERT INTO connections (platform, base_url, shop_name, scopes, created_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (platform) DO UPDATE SET base_url = excluded.base_url, shop_name = excluded.shop_name, scopes = excluded.scopes";
        /// Every connection.
        CONNECTIONS = "SELECT platform, base_url, shop_name, scopes, created_at, last_sync_at, last_status, last_error FROM connections ORDER BY platform";
        /// Removes a connection and its cursors.
        DELETE_CONNECTION = "DELETE FROM connections WHERE platform = ?1";
        /// Removes a platform's cursors (a full sync starts again).
        DELETE_CURSORS = "DELETE FROM sync_cursors WHERE platform = ?1";
        /// One resource's cursor.
        CURSOR = "SELECT cursor FROM sync_cursors WHERE platform = ?1 AND resource = ?2";
        /// Moves one resource's cursor.
        SET_CURSOR = "INSERT INTO sync_cursors (platform, resource, cursor, updated_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (platform, resource) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at";
        /// A run starts.
        INSERT_RUN = "INSERT INTO sync_runs (platform, full, started_at, status) VALUES (?1, ?2, ?3, 'running')";
        /// A run's counts and warnings so far.
        UPDATE_RUN = "UPDATE sync_runs SET counts = ?2, warnings = ?3 WHERE id = ?1";
        /// A run ends.
        FINISH_RUN = "UPDATE sync_runs SET finished_at = ?2, status = ?3, error = ?4, counts = ?5, warnings = ?6 WHERE id = ?1";
        /// The connection's last sync.
        CONNECTION_STATUS = "UPDATE connections SET last_sync_at = ?2, last_status = ?3, last_error = ?4 WHERE platform = ?1";
        /// Runs that never ended (the app was closed or killed): marked as interrupted.
        INTERRUPTED_RUNS = "UPDATE sync_runs SET status = 'failed', error = 'interrupted (the app was closed or stopped): the next sync goes on from where it was', finished_at = ?2 WHERE platform = ?1 AND status = 'running'";
        /// A synced checkout by the platform's id: id, customer, time, currency, value.
        CHECKOUT_BY_PLATFORM = "SELECT id, coalesce(customer_id, -1), created_at, currency, value_minor FROM abandoned_checkouts WHERE platform_id = ?1";
        /// A synced checkout.
        INSERT_SYNCED_CHECKOUT = "INSERT INTO abandoned_checkouts (customer_id, email, created_at, currency, value_minor, platform_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
        /// A synced checkout changed.
        UPDATE_SYNCED_CHECKOUT = "UPDATE abandoned_checkouts SET customer_id = ?2, email = ?3, created_at = ?4, currency = ?5, value_minor = ?6 WHERE id = ?1";
        /// A synced checkout's items, before they are written again.
        DELETE_CHECKOUT_ITEMS = "DELETE FROM abandoned_checkout_items WHERE checkout_id = ?1";
        /// A synced checkout that was completed (bought): no longer abandoned.
        DELETE_SYNCED_CHECKOUT = "DELETE FROM abandoned_checkouts WHERE platform_id = ?1 AND recovered_order_id IS NULL";
        /// An item of a synced checkout, its variant found by SKU.
        INSERT_SYNCED_CHECKOUT_ITEM = "INSERT INTO abandoned_checkout_items (checkout_id, variant_id, quantity, unit_price_minor) VALUES (?1, (SELECT id FROM variants WHERE sku = ?2 LIMIT 1), ?3, ?4)";
        /// Snapshot: abandoned checkouts.
        SNAP_CHECKOUTS = "SELECT 'checkout', coalesce(a.platform_id, ''), coalesce(c.email, a.email, ''), a.created_at, a.currency, a.value_minor, (SELECT group_concat(coalesce(v.sku, '-') || 'x' || i.quantity, ',') FROM abandoned_checkout_items i LEFT JOIN variants v ON v.id = i.variant_id WHERE i.checkout_id = a.id) FROM abandoned_checkouts a LEFT JOIN customers c ON c.id = a.customer_id ORDER BY 2, 4";
        /// The ids a full sync saw, for finding the orders the platform no longer has.
        SEEN_TABLE = "CREATE TEMP TABLE IF NOT EXISTS sync_seen (platform_id TEXT PRIMARY KEY) WITHOUT ROWID";
        /// Empties the seen ids.
        SEEN_CLEAR = "DELETE FROM temp.sync_seen";
        /// One seen id.
        SEEN_ADD = "INSERT OR IGNORE INTO temp.sync_seen (platform_id) VALUES (?1)";
        /// Orders of platform ?1 a full sync did not see: deleted in the shop. Marked, not removed
        /// (flows and measurement refer to them).
        MARK_UNSEEN_ORDERS = "UPDATE orders SET financial_status = 'deleted', cancelled_at = coalesce(cancelled_at, ?2) WHERE source = ?1 AND platform_id IS NOT NULL AND financial_status <> 'deleted' AND platform_id NOT IN (SELECT platform_id FROM temp.sync_seen)";
        /// Snapshot: customers.
        SNAP_CUSTOMERS = "SELECT 'customer', email, coalesce(first_name, ''), coalesce(last_name, ''), consent FROM customers ORDER BY email";
        /// Snapshot: products.
        SNAP_PRODUCTS = "SELECT 'product', handle, title, coalesce(category, ''), coalesce(care_text, ''), coalesce(image_url, '') FROM products ORDER BY handle";
        /// Snapshot: variants.
        SNAP_VARIANTS = "SELECT 'variant', p.handle, coalesce(v.sku, ''), v.title, v.price_minor, coalesce(v.inventory, -1) FROM variants v JOIN products p ON p.id = v.product_id ORDER BY 2, 3, 4";
        /// Snapshot: orders.
        SNAP_ORDERS = "SELECT 'order', o.number, o.created_at, coalesce(c.email, ''), o.subtotal_minor, o.discount_minor, coalesce(o.discount_code, ''), o.shipping_minor, o.tax_minor, o.total_minor, o.financial_status, coalesce(o.fulfillment_status, ''), coalesce(o.cancelled_at, -1), coalesce(o.platform_id, '') FROM orders o LEFT JOIN customers c ON c.id = o.customer_id ORDER BY o.number";
        /// Snapshot: order lines.
        SNAP_LINES = "SELECT 'line', o.number, coalesce(l.sku, ''), coalesce(l.title, ''), l.quantity, l.unit_price_minor, l.discount_minor, coalesce(v.sku, '-') FROM line_items l JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id ORDER BY 2, 3, 4, 5, 6";
        /// Snapshot: refunds.
        SNAP_REFUNDS = "SELECT 'refund', o.number, r.amount_minor, coalesce(r.reason, '') FROM refunds r JOIN orders o ON o.id = r.order_id ORDER BY 2, 3, 4";
        /// The latest runs of a platform, newest first.
        RUNS = "SELECT id, full, started_at, finished_at, status, counts, warnings, error FROM sync_runs WHERE platform = ?1 ORDER BY id DESC LIMIT ?2";
    }
}

pub mod guide {
    queries! {
        /// Product categories in use, alphabetically.
        CATEGORIES = "SELECT DISTINCT category FROM products WHERE category IS NOT NULL AND category <> '' ORDER BY category";
        /// Abandoned checkouts between ?1 and ?2, and how many had an address to write to.
        CHECKOUTS_BETWEEN = "SELECT count(*), count(coalesce(customer_id, email)) FROM abandoned_checkouts WHERE created_at >= ?1 AND created_at < ?2";
        /// Events of kind ?1 between ?2 and ?3.
        EVENTS_BETWEEN = "SELECT count(*) FROM events WHERE kind = ?1 AND occurred_at >= ?2 AND occurred_at < ?3";
        /// A flow's decisions by kind between ?2 and ?3 (complaints put down to it told apart from
        /// unsubscribes as `complained`).
        FLOW_DAY = "SELECT CASE WHEN decision = 'attributed' AND reason LIKE '%as spam%' THEN 'complained' ELSE decision END, count(*) FROM flow_decisions WHERE flow_id = ?1 AND at >= ?2 AND at < ?3 GROUP BY 1";
        /// Messages in the ledger whose key starts with ?1, by state.
        MESSAGES_KEYED = "SELECT state, count(*) FROM messages WHERE idempotency_key >= ?1 AND idempotency_key < ?1 || char(1114111) GROUP BY state";
        /// A product's highest variant price.
        PRODUCT_PRICE = "SELECT max(price_minor) FROM variants WHERE product_id = ?1";
        /// When the flow first went live (its earliest "launched" decision).
        LAUNCHED_AT = "SELECT min(at) FROM flow_decisions WHERE flow_id = ?1 AND decision = 'launched'";
        /// A product to show a test customer: the best seller that is in stock where stock is
        /// tracked (id).
        SAMPLE_PRODUCT = "SELECT p.id FROM products p LEFT JOIN variants v ON v.product_id = p.id LEFT JOIN line_items li ON li.variant_id = v.id WHERE p.status = 'active' GROUP BY p.id ORDER BY coalesce((SELECT sum(inventory) FROM variants WHERE product_id = p.id), 1) > 0 DESC, count(li.id) DESC, p.id LIMIT 1";
    }
}
