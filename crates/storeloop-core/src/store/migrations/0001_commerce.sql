-- 0001: the commerce model. Append-only: never edit a migration that has shipped; add a new one.
-- Conventions: money is INTEGER minor units (*_minor) in the currency named beside it or the
-- store's; instants are INTEGER UTC seconds (*_at); booleans are INTEGER 0/1.

CREATE TABLE store (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT    NOT NULL,
    currency        TEXT    NOT NULL CHECK (length(currency) = 3),
    timezone        TEXT    NOT NULL,
    source          TEXT    NOT NULL CHECK (source IN ('demo', 'import', 'shopify', 'woocommerce')),
    domain          TEXT,
    postal_address  TEXT,
    demo_seed       INTEGER,
    created_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE products (
    id           INTEGER PRIMARY KEY,
    handle       TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    category     TEXT,
    regulated    INTEGER NOT NULL DEFAULT 0 CHECK (regulated IN (0, 1)),
    status       TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'draft', 'archived')),
    product_url  TEXT,
    image_url    TEXT,
    care_text    TEXT
) STRICT;

CREATE TABLE variants (
    id                    INTEGER PRIMARY KEY,
    product_id            INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    sku                   TEXT,
    title                 TEXT    NOT NULL,
    price_minor           INTEGER NOT NULL CHECK (price_minor >= 0),
    cost_minor            INTEGER CHECK (cost_minor >= 0),
    inventory             INTEGER,
    inventory_updated_at  INTEGER
) STRICT;
CREATE INDEX variants_by_product ON variants(product_id);
CREATE INDEX variants_by_sku ON variants(sku);

CREATE TABLE customers (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL,
    first_name      TEXT,
    last_name       TEXT,
    consent         TEXT    NOT NULL CHECK (consent IN ('subscribed', 'unsubscribed', 'not_asked', 'unknown')),
    consent_source  TEXT,
    consent_at      INTEGER,
    tags            TEXT    NOT NULL DEFAULT '',
    timezone        TEXT,
    created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX customers_by_email ON customers(email);

CREATE TABLE orders (
    id                   INTEGER PRIMARY KEY,
    customer_id          INTEGER REFERENCES customers(id),
    number               TEXT    NOT NULL,
    created_at           INTEGER NOT NULL,
    currency             TEXT    NOT NULL CHECK (length(currency) = 3),
    subtotal_minor       INTEGER NOT NULL,            -- gross item revenue: prices x quantities
    discount_minor       INTEGER NOT NULL DEFAULT 0,  -- order-level and line discounts together
    discount_code        TEXT,
    shipping_minor       INTEGER NOT NULL DEFAULT 0,  -- shipping charged to the customer
    shipping_cost_minor  INTEGER,                     -- shipping cost borne by the store
    tax_minor            INTEGER NOT NULL DEFAULT 0,
    total_minor          INTEGER NOT NULL,
    financial_status     TEXT    NOT NULL DEFAULT 'paid',
    fulfillment_status   TEXT,
    source               TEXT,
    cancelled_at         INTEGER
) STRICT;
CREATE INDEX orders_by_customer ON orders(customer_id, created_at);
CREATE INDEX orders_by_time ON orders(created_at);
CREATE INDEX orders_cancelled ON orders(id) WHERE cancelled_at IS NOT NULL;

CREATE TABLE line_items (
    id                INTEGER PRIMARY KEY,
    order_id          INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    variant_id        INTEGER REFERENCES variants(id),
    sku               TEXT,
    title             TEXT,
    quantity          INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor  INTEGER NOT NULL,
    discount_minor    INTEGER NOT NULL DEFAULT 0,   -- this line's share of the order's discounts
    unit_cost_minor   INTEGER                       -- the variant's cost when it was sold
) STRICT;
CREATE INDEX line_items_by_order ON line_items(order_id);

CREATE TABLE refunds (
    id             INTEGER PRIMARY KEY,
    order_id       INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line_item_id   INTEGER REFERENCES line_items(id) ON DELETE CASCADE,
    quantity       INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    amount_minor   INTEGER NOT NULL,
    reason         TEXT,
    created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX refunds_by_order ON refunds(order_id);

CREATE TABLE abandoned_checkouts (
    id                  INTEGER PRIMARY KEY,
    customer_id         INTEGER REFERENCES customers(id),
    email               TEXT,
    created_at          INTEGER NOT NULL,
    currency            TEXT    NOT NULL,
    value_minor         INTEGER NOT NULL,
    recovered_order_id  INTEGER REFERENCES orders(id)
) STRICT;
CREATE INDEX abandoned_checkouts_by_time ON abandoned_checkouts(created_at);

CREATE TABLE abandoned_checkout_items (
    checkout_id       INTEGER NOT NULL REFERENCES abandoned_checkouts(id) ON DELETE CASCADE,
    variant_id        INTEGER REFERENCES variants(id),
    quantity          INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor  INTEGER NOT NULL
) STRICT;
CREATE INDEX abandoned_checkout_items_by_checkout ON abandoned_checkout_items(checkout_id);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER REFERENCES customers(id),
    kind         TEXT    NOT NULL CHECK (kind IN ('product_viewed', 'product_added', 'checkout_started', 'order_completed')),
    variant_id   INTEGER REFERENCES variants(id),
    occurred_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX events_by_customer ON events(customer_id, occurred_at);

CREATE TABLE support_tickets (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER REFERENCES customers(id),
    order_id     INTEGER REFERENCES orders(id),
    subject      TEXT    NOT NULL,
    tags         TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL CHECK (status IN ('open', 'pending', 'closed')),
    opened_at    INTEGER NOT NULL,
    closed_at    INTEGER
) STRICT;
CREATE INDEX support_tickets_by_customer ON support_tickets(customer_id);
