// Generated from storeloop-core's `api` types by `cargo test -p storeloop-core gen_types` (ts-rs).
// Do not edit by hand: change the Rust type and run with UPDATE_GEN=1.

export type Money = { minor: number, currency: string, };

export type StoreSource = "demo" | "import" | "shopify" | "woocommerce";

export type StoreInfo = { name: string, currency: string, timezone: string, source: StoreSource, };

export type MonthRevenue = { 
/**
 * `YYYY-MM`.
 */
month: string, orders: number, revenue: Money, };

export type HomeStats = { store: StoreInfo, customers: number, customers_with_orders: number, orders: number, gross_item_revenue: Money, discounts: Money, 
/**
 * Gross item revenue − discounts.
 */
revenue: Money, 
/**
 * Revenue ÷ orders; null with no orders.
 */
average_order_value: Money | null, 
/**
 * Share of customers with orders who ordered twice or more.
 */
repeat_purchase_rate: number | null, 
/**
 * Share of orders that used a discount.
 */
discount_rate: number | null, 
/**
 * Refunded units ÷ units sold.
 */
return_rate: number | null, units_sold: number, units_refunded: number, 
/**
 * RFC 3339, UTC.
 */
first_order_at: string | null, 
/**
 * RFC 3339, UTC.
 */
last_order_at: string | null, revenue_by_month: Array<MonthRevenue>, };

export type AppStatus = { version: string, data_dir: string, database_path: string, schema_version: number, 
/**
 * Null until a store is created, imported or connected.
 */
store: StoreInfo | null, };

export type Progress = { 
/**
 * What is being done, in plain words.
 */
task: string, done: number, 
/**
 * 0 when unknown.
 */
total: number, 
/**
 * A sentence for people ("Writing orders: 1,200 of 15,000").
 */
message: string, };

export type DemoReport = { store: StoreInfo, seed: number, products: number, variants: number, customers: number, orders: number, line_items: number, refunds: number, abandoned_checkouts: number, events: number, support_tickets: number, };

export type Severity = "blocker" | "warning" | "info";

export type AuditFinding = { 
/**
 * Stable identifier of the check, e.g. `unknown_skus`.
 */
code: string, severity: Severity, 
/**
 * What was looked for, in plain words.
 */
title: string, 
/**
 * What to do about it.
 */
fix: string, count: number, 
/**
 * Up to ten examples.
 */
examples: Array<string>, 
/**
 * Why the check could not be done, when it could not (for example: offline).
 */
note: string | null, };

export type AuditReport = { 
/**
 * RFC 3339, UTC.
 */
ran_at: string, 
/**
 * Checks that found something.
 */
problems: number, findings: Array<AuditFinding>, };

export type ImportProblem = { 
/**
 * 1-based line in the file.
 */
line: number, 
/**
 * The column's header, when one field is at fault.
 */
column: string | null, reason: string, };

export type ImportReport = { 
/**
 * `shopify-orders`, …
 */
kind: string, file: string, rows_read: number, inserted: number, updated: number, unchanged: number, rejected: number, 
/**
 * Rows read and deliberately not stored (events Storeloop does not use).
 */
skipped: number, 
/**
 * The first problems (all are counted in `rejected`).
 */
problems: Array<ImportProblem>, 
/**
 * Set when this run picked up an interrupted one after this line.
 */
resumed_after_line: number | null, };

export type PersonLine = { sku: string | null, title: string | null, quantity: number, unit_price: Money, discount: Money, };

export type PersonRefund = { quantity: number, amount: Money, reason: string | null, 
/**
 * RFC 3339, UTC.
 */
created_at: string, };

export type PersonOrder = { number: string, 
/**
 * RFC 3339, UTC.
 */
created_at: string, subtotal: Money, discount: Money, discount_code: string | null, shipping: Money, tax: Money, total: Money, financial_status: string, fulfillment_status: string | null, cancelled_at: string | null, lines: Array<PersonLine>, refunds: Array<PersonRefund>, };

export type PersonCheckout = { created_at: string, value: Money, recovered: boolean, };

export type PersonEvent = { kind: string, variant_id: number | null, occurred_at: string, };

export type PersonTicket = { subject: string, tags: string, status: string, opened_at: string, closed_at: string | null, };

export type PersonExport = { email: string, first_name: string | null, last_name: string | null, 
/**
 * subscribed, unsubscribed, not_asked or unknown.
 */
consent: string, consent_source: string | null, consent_at: string | null, tags: string, timezone: string | null, customer_since: string, orders: Array<PersonOrder>, abandoned_checkouts: Array<PersonCheckout>, events: Array<PersonEvent>, support_tickets: Array<PersonTicket>, };

export type ForgetReport = { customer_id: number, 
/**
 * Orders kept, anonymous, so the store's figures stay right.
 */
orders_kept: number, events_deleted: number, tickets_erased: number, checkouts_erased: number, };

export type GammaGammaParams = { p: number, q: number, gamma: number, log_likelihood: number, 
/**
 * Repeat buyers it was fitted on.
 */
customers: number, };

export type HoldoutRow = { 
/**
 * "0" … "6", "7+".
 */
x: string, customers: number, actual: number, predicted: number, };

export type PurchaseLogModel = { file: string, 
/**
 * YYYY-MM-DD, inclusive.
 */
calibration_end: string, holdout_end: string, holdout_weeks: number, rows: number, 
/**
 * Customers whose first purchase is in the calibration period.
 */
customers: number, repeat_buyers: number, 
/**
 * Transactions (same-day purchases of a customer count once).
 */
transactions: number, 
/**
 * Rows left out, and why.
 */
notes: Array<string>, r: number, alpha: number, a: number, b: number, log_likelihood: number, iterations: number, 
/**
 * Null when it could not be fitted; `gamma_gamma_note` says why.
 */
gamma_gamma: GammaGammaParams | null, gamma_gamma_note: string | null, holdout: Array<HoldoutRow>, };

export type ErrorKind = "invalid_input" | "not_found" | "locked" | "corrupt" | "newer_version" | "needs_upgrade" | "io" | "database" | "internal";

export type ApiError = { kind: ErrorKind, message: string, };
