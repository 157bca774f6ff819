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
