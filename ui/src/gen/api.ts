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
note: string | null, 
/**
 * The owner read it and chose to go on (the rollout's data step accepts this).
 */
acknowledged: Acknowledgement | null, };

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

export type ScoreMode = "models" | "rules";

export type CustomerStatus = "no_orders" | "new" | "active" | "due" | "at_risk" | "lapsed" | "seasonal";

export type RuleOp = "lt" | "le" | "gt" | "ge" | "eq" | "ne";

export type SegmentRule = { 
/**
 * One of [`RuleField::ALL`]'s names.
 */
field: string, op: RuleOp, value: string, };

export type RuleField = { name: string, label: string, 
/**
 * "number", "money", "share" (0–1 shown as %), "days" or "choice".
 */
kind: string, 
/**
 * For "choice": the allowed values.
 */
choices: Array<string>, };

export type SegmentSize = { 
/**
 * "a", "b", "c", "other" for the built-in ones; "custom-<n>" for saved rule segments.
 */
id: string, name: string, description: string, builtin: boolean, customers: number, 
/**
 * All rules must hold (custom segments only).
 */
rules: Array<SegmentRule>, };

export type HistogramBin = { from: number, to: number, customers: number, };

export type Histogram = { 
/**
 * "churn_risk", "full_price_probability", "clv", "expected_orders_90d".
 */
score: string, label: string, 
/**
 * "share" or "money" or "number": how to print the bin edges.
 */
kind: string, bins: Array<HistogramBin>, };

export type StatusCount = { status: CustomerStatus, customers: number, };

export type CalibrationBin = { predicted: number, actual: number, customers: number, };

export type FeatureWeight = { feature: string, weight: number, };

export type PropensityReport = { 
/**
 * Days after a reminder date within which a full-price order counts.
 */
window_days: number, 
/**
 * Trained on customers as of `train_date`, tested as of `test_date` (YYYY-MM-DD).
 */
train_date: string, test_date: string, train_customers: number, test_customers: number, 
/**
 * Area under the ROC curve on the test period (0.5 = guessing, 1 = perfect).
 */
auc: number, calibration: Array<CalibrationBin>, 
/**
 * Feature names and fitted weights (on standardised features), largest first.
 */
weights: Array<FeatureWeight>, };

export type RecommendationReport = { k: number, customers: number, 
/**
 * Share of customers whose last order held one of the top-k recommended products.
 */
hit_rate: number, 
/**
 * The same for the k best sellers, for comparison.
 */
popular_hit_rate: number, };

export type BgNbdParams = { r: number, alpha: number, a: number, b: number, log_likelihood: number, };

export type HealthCheck = { 
/**
 * RFC 3339.
 */
checked_at: string, 
/**
 * YYYY-MM-DD.
 */
calibration_end: string, holdout_end: string, rows: Array<HoldoutRow>, predicted_total: number, actual_total: number, 
/**
 * (predicted − actual) ÷ actual, for all customers together.
 */
error: number, 
/**
 * True when the error is beyond ±20%.
 */
drifted: boolean, 
/**
 * What this means, in plain words.
 */
message: string, };

export type HealthPoint = { checked_at: string, error: number, drifted: boolean, };

export type ModelHealth = { latest: HealthCheck | null, history: Array<HealthPoint>, };

export type ScoreSummary = { 
/**
 * RFC 3339.
 */
scored_at: string, seconds: number, mode: ScoreMode, 
/**
 * Why the simpler rules are used, or what to be careful of; null when the models are sure.
 */
caution: string | null, currency: string, customers: number, customers_with_orders: number, repeat_customers: number, history_days: number, bgnbd: BgNbdParams | null, gamma_gamma: GammaGammaParams | null, propensity: PropensityReport | null, recommendations: RecommendationReport | null, 
/**
 * Orders expected from existing customers in the next 90 days, with an 80% interval (the
 * fitted parameters' uncertainty and the orders' own randomness).
 */
expected_orders_90d: number, expected_orders_90d_low: number, expected_orders_90d_high: number, 
/**
 * Sum of every customer's 12-month discounted expected margin.
 */
total_clv: Money, segments: Array<SegmentSize>, statuses: Array<StatusCount>, histograms: Array<Histogram>, health: HealthCheck | null, };

export type Reason = { 
/**
 * Which score it explains: "churn_risk", "full_price_probability", "segment", "next_order".
 */
score: string, text: string, };

export type CustomerRow = { id: number, name: string, email: string, orders: number, 
/**
 * YYYY-MM-DD in the store's time zone.
 */
last_order: string | null, revenue: Money, churn_risk: number | null, full_price_probability: number | null, clv: Money | null, status: CustomerStatus, 
/**
 * "Seasonal, due in December", "Due since 3 March", "Active" …
 */
status_label: string, 
/**
 * Built-in segment id: "a", "b", "c" or "other".
 */
segment: string, };

export type CustomerQuery = { 
/**
 * Matches name or email, case-insensitively; empty for all.
 */
search: string, 
/**
 * A segment id, or null for everyone.
 */
segment: string | null, 
/**
 * "name", "orders", "last_order", "revenue", "churn_risk", "full_price_probability", "clv".
 */
sort: string, descending: boolean, offset: number, limit: number, };

export type CustomerPage = { rows: Array<CustomerRow>, 
/**
 * Customers matching the query in all.
 */
total: number, offset: number, };

export type Recommendation = { product: string, handle: string, category: string | null, 
/**
 * Expected margin of one unit.
 */
margin: Money, 
/**
 * Why: "Often bought after Assam Breakfast (31% of the time)".
 */
reason: string, };

export type CustomerOrderLine = { number: string, 
/**
 * YYYY-MM-DD in the store's time zone.
 */
date: string, revenue: Money, discount: Money, discount_code: string | null, items: number, cancelled: boolean, };

export type CustomerDetail = { row: CustomerRow, consent: string, consent_source: string | null, 
/**
 * YYYY-MM-DD.
 */
customer_since: string, p_alive: number | null, expected_orders_90d: number | null, 
/**
 * 80% interval of the 90-day expectation from the parameters' uncertainty.
 */
expected_orders_90d_low: number | null, expected_orders_90d_high: number | null, expected_orders_365d: number | null, expected_order_value: Money | null, 
/**
 * Usual days between orders, and how that was worked out.
 */
reorder_days: number | null, reorder_basis: string | null, 
/**
 * YYYY-MM-DD.
 */
next_order_date: string | null, 
/**
 * 1–12 when the customer buys seasonally.
 */
seasonal_month: number | null, reasons: Array<Reason>, recommendations: Array<Recommendation>, orders: Array<CustomerOrderLine>, 
/**
 * Null until the customers have been scored.
 */
scored_at: string | null, mode: ScoreMode | null, };

export type SegmentPreview = { customers: number, 
/**
 * Up to five example customers.
 */
examples: Array<CustomerRow>, };

export type SendVia = { "kind": "outbox" } | { "kind": "smtp", host: string, port: number, security: string, username?: string, } | { "kind": "provider", provider: string, domain?: string, base_url?: string, };

export type SendingSettings = { via: SendVia, 
/**
 * The sender address; null until set (the store's domain is suggested).
 */
from: string | null, from_name: string, 
/**
 * The postal address every marketing email's footer carries.
 */
postal_address: string | null, 
/**
 * Whether the keychain holds the password or key `via` needs (never the secret itself).
 */
secret_saved: boolean, };

export type EmailPreview = { subject: string, 
/**
 * The HTML part, exactly as sent: shown at 375 px (mobile) and 600 px (desktop).
 */
html: string, text: string, };

export type QueueReport = { tried: number, sent: number, 
/**
 * Failed for now (the provider was busy or unreachable): tried again later.
 */
waiting: number, failed: number, 
/**
 * The connection broke mid-hand-over: for a person to decide.
 */
unknown: number, 
/**
 * Unsubscribed or suppressed while waiting: not sent.
 */
suppressed: number, };

export type FlowSummary = { slug: string, name: string, description: string, 
/**
 * draft, dry_run, live, paused or killed.
 */
status: string, live_percent: number, version: number, steps: number, holdout_percent: number, 
/**
 * RFC 3339.
 */
updated_at: string, };

export type FlowTrigger = { "kind": "checkout_abandoned" } | { "kind": "product_viewed_without_add" } | { "kind": "order_placed" } | { "kind": "order_fulfilled" } | { "kind": "order_delivered" } | { "kind": "ticket_opened" } | { "kind": "ticket_closed" } | { "kind": "score_crossed", score: string, above: number, } | { "kind": "reorder_due" };

export type FlowExit = "ordered" | "unsubscribed" | "ticket_opened";

export type FlowCondition = { field: string, op: string, value: string, };

export type FlowBranch = { 
/**
 * The built-in group ("a", "b", "c", "other") or a custom segment id.
 */
segment: string | null, 
/**
 * Or: an event that happened since entry ("product_viewed" …).
 */
event: string | null, conditions: Array<FlowCondition>, next: string, };

export type FlowArm = { name: string, 
/**
 * Percent; the arms add up to 100.
 */
weight: number, next: string, };

export type FlowStep = { "kind": "wait", minutes: number, next: string, } | { "kind": "wait_window", from_hour: number, to_hour: number, next: string, } | { "kind": "wait_event", event: string, timeout_minutes: number, next: string, timeout_next: string, } | { "kind": "split", branches: Array<FlowBranch>, otherwise: string, } | { "kind": "ab", arms: Array<FlowArm>, } | { "kind": "email", template: string, subject: string, variants: Array<string>, next: string, } | { "kind": "offer", percent: number, next: string, } | { "kind": "task", text: string, next: string, } | { "kind": "exit" };

export type FlowNode = { id: string, } & ({ "kind": "wait", minutes: number, next: string, } | { "kind": "wait_window", from_hour: number, to_hour: number, next: string, } | { "kind": "wait_event", event: string, timeout_minutes: number, next: string, timeout_next: string, } | { "kind": "split", branches: Array<FlowBranch>, otherwise: string, } | { "kind": "ab", arms: Array<FlowArm>, } | { "kind": "email", template: string, subject: string, variants: Array<string>, next: string, } | { "kind": "offer", percent: number, next: string, } | { "kind": "task", text: string, next: string, } | { "kind": "exit" });

export type FlowGuardrails = { frequency_cap?: number | null, max_discount_percent?: number | null, engagement_days?: number | null, max_late_hours?: number | null, };

export type FlowDefinition = { 
/**
 * Short stable name, used on the command line ("abandoned-cart").
 */
slug: string, name: string, description: string, trigger: FlowTrigger, entry: Array<FlowCondition>, exit: Array<FlowExit>, 
/**
 * Share of entrants held back for measurement (percent, default 10).
 */
holdout_percent: number, start: string, nodes: Array<FlowNode>, 
/**
 * Where this flow is stricter than the store's guardrails.
 */
guardrails?: FlowGuardrails, };

export type FlowTemplate = { name: string, 
/**
 * Its first line, in words ("Still thinking it over?").
 */
headline: string, 
/**
 * Whether it shows a product (needs approval on a store with regulated products).
 */
shows_products: boolean, };

export type FlowEdge = { to: string, 
/**
 * What takes this way ("segment A", "no view in 2 days", "arm B (50%)"); empty when it is the
 * only way.
 */
label: string, };

export type FlowNodeView = { id: string, 
/**
 * wait, wait_window, wait_event, split, ab, email, offer, task or exit.
 */
kind: string, 
/**
 * In words: "Wait 1 hour", "Send “Still thinking it over?”".
 */
title: string, 
/**
 * A second line: the template, the window, the timeout.
 */
detail: string, edges: Array<FlowEdge>, };

export type FlowApproval = { 
/**
 * Why approval is needed (empty: it is not).
 */
reasons: Array<string>, approved_by: string | null, 
/**
 * RFC 3339.
 */
approved_at: string | null, };

export type NodeCount = { node: string, reached: number, 
/**
 * Emails sent (customers not in the holdout).
 */
sent: number, 
/**
 * Emails the holdout would have been sent.
 */
would_send: number, 
/**
 * Held or skipped by a guardrail.
 */
held: number, };

export type DayCount = { 
/**
 * YYYY-MM-DD in the store's time zone.
 */
day: string, sent: number, would_send: number, };

export type ReasonCount = { reason: string, count: number, };

export type DryRunReport = { slug: string, version: number, days: number, 
/**
 * RFC 3339.
 */
from: string, to: string, 
/**
 * RFC 3339: when the dry run ran.
 */
ran_at: string, 
/**
 * Times the trigger fired for a customer.
 */
triggered: number, 
/**
 * Enrolments started (after entry filters).
 */
entered: number, 
/**
 * Of those, in the holdout.
 */
holdout: number, nodes: Array<NodeCount>, per_day: Array<DayCount>, emails_sent: number, discounts: number, 
/**
 * What the discounts would cost at the carts' or orders' value.
 */
discount_cost: Money, 
/**
 * Guardrail holds and refusals by reason.
 */
holds: Array<ReasonCount>, 
/**
 * How enrolments ended, by reason.
 */
endings: Array<ReasonCount>, 
/**
 * Triggers turned away at entry, by reason ("no marketing consent").
 */
not_entered: Array<ReasonCount>, 
/**
 * Things the owner should know about what the replay could and could not see.
 */
notes: Array<string>, };

export type FlowDetail = { summary: FlowSummary, 
/**
 * The trigger in words.
 */
trigger: string, 
/**
 * Entry filters in words.
 */
entry: Array<string>, 
/**
 * Exit conditions in words.
 */
exits: Array<string>, start: string, nodes: Array<FlowNodeView>, approval: FlowApproval, 
/**
 * The latest dry run of the current version, if any.
 */
dry_run: DryRunReport | null, 
/**
 * Enrolments now in the flow.
 */
active: number, 
/**
 * What this flow has done live, by decision.
 */
live: Array<ReasonCount>, };

export type GuardrailSettings = { 
/**
 * At most this many marketing emails per customer …
 */
frequency_cap: number, 
/**
 * … in this many days, across all flows.
 */
frequency_days: number, 
/**
 * No marketing email between these local hours of the customer (start > end wraps midnight).
 */
quiet_start_hour: number, quiet_end_hour: number, 
/**
 * The deepest discount any flow may give (percent).
 */
max_discount_percent: number, 
/**
 * What discounts may cost per week, all flows together.
 */
weekly_discount_budget: Money, 
/**
 * The margin an order must keep after the discount (percent of the discounted price).
 */
min_margin_percent: number, 
/**
 * Customers who usually pay full price (segment A) are never given a discount.
 */
no_discount_for_segment_a: boolean, 
/**
 * No new offer while an earlier one (from any flow) is still open.
 */
no_stacking: boolean, 
/**
 * Stop mailing customers who have not opened or clicked in this many days (0: never).
 */
engagement_days: number, 
/**
 * A flow pauses itself when this share of its recipients unsubscribe …
 */
auto_pause_unsubscribe_percent: number, 
/**
 * … or complain.
 */
auto_pause_complaint_percent: number, 
/**
 * A step later than this (after sleep or a long hold) is skipped, not sent late.
 */
max_late_hours: number, 
/**
 * The global kill switch: nothing is sent by any flow.
 */
kill_all: boolean, 
/**
 * Product categories no email shows or recommends.
 */
excluded_categories: Array<string>, };

export type DecisionEntry = { id: number, 
/**
 * RFC 3339.
 */
at: string, flow: string | null, customer_id: number | null, customer: string | null, node: string | null, 
/**
 * entered, not_entered, step, sent, would_send, held, skipped, offer, task, exited, paused …
 */
decision: string, reason: string, holdout: boolean, };

export type DecisionQuery = { flow: string | null, customer_id: number | null, decision: string | null, 
/**
 * Words in the reason.
 */
search: string | null, offset: number, limit: number, };

export type DecisionPage = { entries: Array<DecisionEntry>, total: number, };

export type TaskView = { id: number, customer_id: number, customer: string, flow: string | null, text: string, 
/**
 * RFC 3339.
 */
created_at: string, done_at: string | null, };

export type TickReport = { 
/**
 * RFC 3339.
 */
at: string, 
/**
 * Store happenings read since the last tick.
 */
inputs: number, entered: number, steps: number, queued: number, held: number, exited: number, 
/**
 * Flows paused automatically this tick, with why.
 */
paused: Array<string>, };

export type TickFailure = { 
/**
 * RFC 3339.
 */
at: string, message: string, };

export type SchedulerStatus = { last_tick: TickReport | null, 
/**
 * The newest failure, when it came after the last successful tick.
 */
failure: TickFailure | null, };

export type KillState = { all: boolean, flows: Array<string>, 
/**
 * Flow emails waiting in the outbox, held until someone resumes.
 */
held_messages: number, };

export type Delivery = { id: number, 
/**
 * queued, sending, sent, failed, suppressed or unknown.
 */
state: string, 
/**
 * True when this message was already in the ledger: nothing was sent again.
 */
already: boolean, transport: string, 
/**
 * What the other side gave back: a provider's message id, the SMTP server's reply, or the
 * outbox file's path.
 */
provider_message_id: string | null, detail: string | null, };

export type LedgerMessage = { id: number, idempotency_key: string, 
/**
 * test, marketing or transactional.
 */
kind: string, to: string, subject: string, transport: string, state: string, provider_message_id: string | null, detail: string | null, created_at: string, updated_at: string, attempts: number, };

export type ProviderEventsReport = { provider: string, file: string, events: number, 
/**
 * Addresses suppressed by this import (bounced, complained, unsubscribed).
 */
suppressed: number, 
/**
 * Suppression events for addresses already suppressed.
 */
already_suppressed: number, 
/**
 * Deliveries, temporary failures: counted, nothing to do.
 */
informational: number, 
/**
 * Opens and clicks: when each address last engaged is kept (flows stop mailing people who
 * never open).
 */
engaged: number, 
/**
 * Events that were not understood, with why (nothing was done for them).
 */
unknown: Array<string>, };

export type LiftInterval = { estimate: number, low: number, high: number, p_value: number, };

export type GroupSummary = { recipients: number, mean: number, };

export type CupedLift = { theta: number, absolute: LiftInterval, relative: LiftInterval | null, };

export type LiftReport = { metric: string, holdout: GroupSummary, treatment: GroupSummary, 
/**
 * Treatment minus holdout, per recipient.
 */
absolute: LiftInterval | null, 
/**
 * (Treatment − holdout) / holdout; none when the holdout's mean is zero.
 */
relative: LiftInterval | null, cuped: CupedLift | null, 
/**
 * The absolute lift's interval excludes zero (p < 0.05), with at least 30 recipients a group.
 */
significant: boolean, 
/**
 * A clear result, or enough recipients to tell a 10% lift from noise (80% power).
 */
enough_data: boolean, 
/**
 * How many more recipients, both groups together in their current proportions, are needed
 * for that, when there are not enough.
 */
more_recipients_needed: number | null, 
/**
 * The answer in one sentence.
 */
verdict: string, };

export type GroupRates = { recipients: number, 
/**
 * Share of recipients who ordered in the window.
 */
conversion_rate: number, 
/**
 * Share of their orders that used a discount.
 */
discount_rate: number, 
/**
 * What those discounts cost.
 */
discount_cost: Money, 
/**
 * Refunded units ÷ units sold.
 */
return_rate: number, 
/**
 * Revenue (items − discounts) of their orders in the window.
 */
revenue: Money, };

export type SegmentLift = { segment: string, name: string, margin: LiftReport, revenue: LiftReport, conversion: LiftReport, };

export type ArmLift = { arm: string, margin: LiftReport, revenue: LiftReport, };

export type WeekPoint = { 
/**
 * The week's first day (UTC), as YYYY-MM-DD.
 */
week_start: string, treatment_recipients: number, holdout_recipients: number, treatment_revenue_per_recipient: number, holdout_revenue_per_recipient: number, treatment_margin_per_recipient: number, holdout_margin_per_recipient: number, 
/**
 * Discounts the treatment group redeemed in its windows.
 */
discount_spend: number, emails_sent: number, unsubscribes: number, 
/**
 * Margin per recipient lift over everyone who entered up to this week's end.
 */
cumulative_margin: LiftInterval | null, };

export type LastClick = { orders: number, revenue: Money, 
/**
 * Revenue lift per recipient × treatment recipients, with its 95% interval (major unit).
 */
incremental_revenue: LiftInterval | null, 
/**
 * Why the two differ, in one line.
 */
explanation: string, };

export type FlowMeasurement = { slug: string, name: string, window_days: number, currency: string, treatment: GroupRates, holdout: GroupRates, 
/**
 * Ordered in the window (0 or 1 per recipient).
 */
conversion: LiftReport, 
/**
 * Revenue per recipient, in the currency's major unit.
 */
revenue: LiftReport, 
/**
 * Contribution margin per recipient (revenue − unit costs − shipping cost − refunds), major unit.
 */
margin: LiftReport, emails_sent: number, 
/**
 * Per email delivered.
 */
unsubscribe_rate: number, complaint_rate: number, 
/**
 * Discounts redeemed in the window by treated customers the model expected to pay full price
 * (group A), and what they cost.
 */
leakage_orders: number, leakage_cost: Money, segments: Array<SegmentLift>, 
/**
 * Each A/B arm's treatment against the holdout customers given the same arm (the holdout
 * goes through the same steps); empty when the flow has no A/B step.
 */
arms: Array<ArmLift>, 
/**
 * Week by week, by the week customers first entered.
 */
weeks: Array<WeekPoint>, 
/**
 * Customers entering the flow per week, lately.
 */
recipients_per_week: number, last_click: LastClick, notes: Array<string>, };

export type PlayedFlow = { slug: string, name: string, emails_sent: number, 
/**
 * Orders placed only because of an email (the planted effect).
 */
persuaded_orders: number, 
/**
 * Their margin, all together.
 */
persuaded_margin: Money, treatment_recipients: number, 
/**
 * The planted margin per treatment recipient, in the currency's major unit: what
 * measurement should find within its interval.
 */
true_margin_per_recipient: number, };

export type FlowWatch = { 
/**
 * `margin_per_recipient`, `revenue_per_recipient` or `conversion`.
 */
success_metric: string, 
/**
 * `unsubscribe_rate`, `complaint_rate`, `return_rate`, `discount_rate` or `margin_loss`.
 */
failure_metric: string, 
/**
 * The failure metric's limit as a share (0.005 is 0.5%); unused for `margin_loss`, which
 * fails when the margin lift is clearly below zero.
 */
failure_threshold: number, pause_on_failure: boolean, };

export type FlowAlert = { slug: string, name: string, metric: string, 
/**
 * The metric's value (a share, or the margin lift per recipient for `margin_loss`).
 */
value: number, threshold: number, at: string, 
/**
 * Whether the flow was paused because of it.
 */
paused: boolean, message: string, };

export type DigestFlow = { slug: string, name: string, status: string, 
/**
 * Customers who entered in the last seven days.
 */
new_recipients: number, emails_sent: number, unsubscribes: number, 
/**
 * The success metric's lift so far.
 */
success_metric: string, success: LiftReport, 
/**
 * Incremental margin so far (margin lift × treatment recipients), major unit.
 */
incremental_margin: LiftInterval | null, };

export type WeeklyDigest = { from: string, to: string, currency: string, headline: string, flows: Array<DigestFlow>, alerts: Array<FlowAlert>, };

export type DemoFlowHistory = { days: number, from: string, to: string, flows: Array<PlayedFlow>, 
/**
 * Orders tagged with a flow's campaign because the customer came through its link.
 */
last_click_orders: number, unsubscribes: number, };

export type CopyFinding = { 
/**
 * `forbidden`, `claim`, `grounding`, `medical`, `regulated`, `discount`, `length`, `spam`
 * or `creepy`.
 */
rule: string, 
/**
 * Start and end of the span, in characters (Unicode scalar values).
 */
start: number, end: number, 
/**
 * The offending words themselves.
 */
span: string, explanation: string, };

export type CopyVariant = { kind: string, text: string, 
/**
 * Why it should move someone (`reminder`, `education`, …), for generated variants.
 */
hook: string | null, sku: string | null, 
/**
 * Empty when it passes every check.
 */
findings: Array<CopyFinding>, 
/**
 * What drafted it: `offline`, or the provider, model and prompt version
 * (`openai gpt-4.1-mini · copy-rewrite v1`).
 */
generator: string, };

export type CheckedLine = { line: number, kind: string, sku: string | null, text: string, findings: Array<CopyFinding>, };

export type CopyRules = { forbidden: Array<string>, claims: Array<string>, };

export type CopyProvider = { 
/**
 * `openai`, `anthropic`, `gemini`, `ollama` or `openai-compatible`.
 */
name: string, label: string, needs_key: boolean, 
/**
 * Where its API is unless another address is given (none for a compatible server).
 */
default_base_url: string | null, };

export type CopyGenerator = { 
/**
 * The provider's name; `None` until one is set up.
 */
provider: string | null, model: string, base_url: string | null, 
/**
 * Whether the system keychain holds its API key (the key itself never leaves it).
 */
key_saved: boolean, 
/**
 * The prompt file drafts are made with (`copy-rewrite v1`).
 */
prompt: string, providers: Array<CopyProvider>, };

export type Connection = { 
/**
 * `shopify` or `woocommerce`.
 */
platform: string, 
/**
 * The shop's address.
 */
base_url: string, 
/**
 * The shop's name as the platform gave it.
 */
shop_name: string | null, 
/**
 * The access the key was granted, as the platform named it (empty when it does not say).
 */
scopes: Array<string>, connected_at: string, 
/**
 * Whether the system keychain holds its key (the key itself never leaves it).
 */
key_saved: boolean, last_sync_at: string | null, 
/**
 * `ok`, `failed` or `running`.
 */
last_status: string | null, last_error: string | null, 
/**
 * The latest runs, newest first.
 */
runs: Array<SyncRun>, };

export type SyncCount = { 
/**
 * `products`, `customers`, `orders`, `checkouts`.
 */
resource: string, inserted: number, updated: number, unchanged: number, pages: number, };

export type SyncRun = { platform: string, 
/**
 * Everything read again, not only what changed.
 */
full: boolean, started_at: string, finished_at: string | null, 
/**
 * `ok`, `failed` or `running`.
 */
status: string, counts: Array<SyncCount>, 
/**
 * What did not stop the sync but is worth knowing (a record skipped, a field cut).
 */
warnings: Array<string>, error: string | null, };

export type CopyOverride = { rule: string, reason: string, };

export type QueuedVariant = { id: number, kind: string, sku: string | null, text: string, hook: string | null, generator: string, version: number, 
/**
 * `review`, `approved` or `rejected`.
 */
state: string, note: string | null, findings: Array<CopyFinding>, 
/**
 * Approved, for exactly this text, and still passing (or overridden): it may be sent.
 */
sendable: boolean, updated_at: string, };

export type CopyReview = { version: number, at: string, by: string, 
/**
 * `generated`, `edited`, `approved`, `rejected`, `noted` or `tested`.
 */
action: string, 
/**
 * The rules that found something at that moment.
 */
checks: Array<string>, overridden: Array<CopyOverride>, note: string | null, };

export type ErrorKind = "invalid_input" | "not_found" | "locked" | "corrupt" | "newer_version" | "needs_upgrade" | "io" | "database" | "internal";

export type ApiError = { kind: ErrorKind, message: string, };

export type RevenueMoment = { 
/**
 * `first_purchase`, `second_purchase` or `win_back`.
 */
key: string, title: string, 
/**
 * Customers who had this moment in the last 365 days.
 */
customers: number, 
/**
 * Revenue of the orders that were this moment.
 */
revenue: Money, 
/**
 * Share of the year's revenue (0–1).
 */
share: number, 
/**
 * One sentence with the numbers that matter for it.
 */
detail: string, 
/**
 * What usually starts it, in plain words (a suggestion the owner may change).
 */
trigger: string, 
/**
 * Who gets what, today (a suggestion).
 */
decision: string, 
/**
 * The decision here that usually rests on gut feel.
 */
gut_feel: string, 
/**
 * The playbooks that serve it, best first.
 */
playbooks: Array<string>, 
/**
 * Signals in the last 30 days the playbooks start from (abandoned checkouts, product
 * views, first orders, lapsed customers).
 */
signals_30d: number, };

export type MappedMoment = { key: string, trigger: string, decision: string, };

export type WorkflowMap = { 
/**
 * The three moments, each with its trigger and decision.
 */
moments: Array<MappedMoment>, 
/**
 * The moment whose decision rests on gut feel today: the AI candidate.
 */
ai_candidate: string, 
/**
 * The playbook the first flow starts from (it must serve one of the moments).
 */
playbook: string, 
/**
 * Guardrail 1: at most this many marketing emails per person in 7 days.
 */
frequency_cap: number, 
/**
 * Guardrail 2: no discount deeper than this.
 */
max_discount_percent: number, 
/**
 * `margin_per_recipient`, `revenue_per_recipient` or `conversion`.
 */
success_metric: string, 
/**
 * `unsubscribe_rate`, `complaint_rate`, `return_rate`, `discount_rate` or `margin_loss`.
 */
failure_metric: string, failure_threshold: number, 
/**
 * When it was saved (filled by the app).
 */
saved_at: string | null, };

export type MappingView = { moments: Array<RevenueMoment>, map: WorkflowMap | null, 
/**
 * The flow the map became, when it has been saved.
 */
flow: string | null, };

export type CheckItem = { 
/**
 * `outcome`, `observability`, `risk`, `knowledge`, `feedback`, `limits`, `ownership`, `fit`.
 */
key: string, 
/**
 * "What outcome", "Observability" …
 */
title: string, 
/**
 * The question it answers.
 */
question: string, passed: boolean, 
/**
 * What the app saw.
 */
evidence: Array<string>, 
/**
 * What is missing, and where to do it.
 */
missing: Array<string>, };

export type Acknowledgement = { by: string, at: string, 
/**
 * What was acknowledged (a finding's note, or the flow version for risks).
 */
note: string, };

export type LaunchOverride = { version: number, reason: string, 
/**
 * The items that were open.
 */
open: Array<string>, at: string, };

export type WorkflowChecklist = { slug: string, version: number, items: Array<CheckItem>, 
/**
 * Every item passed: the flow may go live without an override.
 */
passed: boolean, 
/**
 * What can go wrong with this version (to acknowledge under Risk).
 */
risks: Array<string>, risks_acknowledged: Acknowledgement | null, last_override: LaunchOverride | null, };

export type RolloutCheck = { label: string, done: boolean, 
/**
 * What the app saw (or what is missing).
 */
evidence: string, 
/**
 * Where in the app to do it (a hash route such as `#/flows/abandoned-cart`).
 */
place: string | null, };

export type RolloutStep = { 
/**
 * `choose`, `audit`, `guardrails`, `build`, `measure`, `qa`, `launch`.
 */
key: string, first_day: number, last_day: number, 
/**
 * Its calendar dates in the store's time zone (YYYY-MM-DD).
 */
first_date: string, last_date: string, title: string, why: string, 
/**
 * `done`, `today`, `late` or `upcoming`.
 */
state: string, checks: Array<RolloutCheck>, };

export type MonitorDay = { date: string, 
/**
 * Day of the rollout (15–21).
 */
day: number, sent: number, held: number, unsubscribed: number, complaints: number, 
/**
 * Alerts raised for the flow that day.
 */
alerts: Array<string>, 
/**
 * When the owner went through the day's numbers (None: not yet).
 */
reviewed_at: string | null, 
/**
 * `done`, `today`, `late` or `upcoming`.
 */
state: string, };

export type NextWorkflow = { slug: string, name: string, why: string, 
/**
 * From this date (a month after the first one went live).
 */
from_date: string, };

export type Rollout = { 
/**
 * The day it started (store time zone), None before it starts.
 */
started_on: string | null, 
/**
 * Today's day of the rollout (1 on the start day; 0 before it starts).
 */
day: number, today: string, 
/**
 * The workflow being rolled out.
 */
flow: string | null, flow_name: string | null, steps: Array<RolloutStep>, 
/**
 * Live at partial volume with a holdout.
 */
launched: boolean, live_percent: number, monitoring: Array<MonitorDay>, next: NextWorkflow | null, 
/**
 * What today asks for, in one line (also the desktop notification).
 */
today_step: string | null, 
/**
 * A flow is live already: the rollout panel may step aside.
 */
any_flow_live: boolean, };

export type RolloutNotice = { title: string, body: string, };

export type WalkStep = { 
/**
 * Time since the trigger, in words ("after 1 hour").
 */
after: string, 
/**
 * The step's id in the flow, when there is one.
 */
step: string | null, 
/**
 * The decision's code (entered, sent, held, …) and its reason.
 */
decision: string, reason: string, };

export type WalkCase = { 
/**
 * `normal`, `no_consent`, `open_ticket`, `out_of_stock`.
 */
key: string, title: string, 
/**
 * What should happen.
 */
expected: string, steps: Array<WalkStep>, 
/**
 * What did happen, in one sentence.
 */
outcome: string, passed: boolean, };

export type QaWalk = { slug: string, version: number, at: string, cases: Array<WalkCase>, passed: boolean, };

export type FlowEmailPreview = { step: string, subject: string, html: string, text: string, };

export type QaState = { slug: string, version: number, 
/**
 * The flow's email steps.
 */
emails: Array<string>, walk: QaWalk | null, 
/**
 * Test emails sent for this version: to whom and when.
 */
tests_to: string | null, tests_at: string | null, 
/**
 * Email steps whose 375-px preview was shown for this version.
 */
previewed: Array<string>, };
