-- 0009: customer intelligence. Scores are derived data: every run replaces them whole.

CREATE TABLE customer_scores (
    customer_id                 INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    orders                      INTEGER NOT NULL,
    first_order_at              INTEGER,
    last_order_at               INTEGER,
    revenue_minor               INTEGER NOT NULL,
    discount_share              REAL    NOT NULL,
    p_alive                     REAL,
    churn_risk                  REAL,
    expected_orders_90d         REAL,
    expected_orders_365d        REAL,
    expected_order_value_minor  INTEGER,
    clv_minor                   INTEGER,
    reorder_days                REAL,
    reorder_basis               TEXT,
    next_order_at               INTEGER,
    seasonal_month              INTEGER CHECK (seasonal_month BETWEEN 1 AND 12),
    full_price_probability      REAL,
    status                      TEXT    NOT NULL CHECK (status IN ('no_orders', 'new', 'active', 'due', 'at_risk', 'lapsed', 'seasonal')),
    segment                     TEXT    NOT NULL CHECK (segment IN ('a', 'b', 'c', 'other')),
    reasons                     TEXT    NOT NULL DEFAULT '[]',  -- JSON: [{score, text}]
    recommendations             TEXT    NOT NULL DEFAULT '[]'   -- JSON: [{product_id, from_product_id, confidence}]
) STRICT;
CREATE INDEX customer_scores_by_segment ON customer_scores(segment);

-- One row per scoring run: the summary the Customers screen shows, and the fitted models.
CREATE TABLE model_runs (
    id       INTEGER PRIMARY KEY,
    ran_at   INTEGER NOT NULL,
    summary  TEXT    NOT NULL,  -- JSON: api::ScoreSummary
    models   TEXT    NOT NULL   -- JSON: fitted parameters and their covariance
) STRICT;

-- Monthly checks of predicted against actual purchases.
CREATE TABLE model_health (
    id          INTEGER PRIMARY KEY,
    checked_at  INTEGER NOT NULL,
    error       REAL    NOT NULL,
    drifted     INTEGER NOT NULL CHECK (drifted IN (0, 1)),
    report      TEXT    NOT NULL  -- JSON: api::HealthCheck
) STRICT;

-- Custom segments: rules over customer attributes and scores, all of which must hold.
CREATE TABLE segments (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    rules       TEXT    NOT NULL,  -- JSON: [api::SegmentRule]
    created_at  INTEGER NOT NULL
) STRICT;

-- A regulated product is recommended only after the owner approves it for recommendations.
ALTER TABLE products ADD COLUMN recommend_approved INTEGER NOT NULL DEFAULT 0 CHECK (recommend_approved IN (0, 1));
