//! The flow engine: turns a time-ordered stream of store happenings into enrolments, steps and
//! decisions, with every guardrail checked at the moment a step would act. The same engine runs
//! a dry run over history (in memory, at the speed of the CPU), the property tests, and each live
//! scheduler tick (state loaded from and saved to SQLite by the caller).
//!
//! Every decision is a `Decision` in `out`; every enrolment ends in one (`Exited`) or, when a run
//! stops while it is still waiting, is reported as `InProgress` by `finish`.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

use jiff::tz::TimeZone;
use jiff::Timestamp;

use super::guard::{Policy, AUTO_PAUSE_MIN_MESSAGES, OFFER_OPEN_DAYS};
use super::model::{Condition, ExitWhen, Flow, FlowError, Step, Trigger};

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// A happening in the store, for one customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    CheckoutAbandoned,
    ProductViewed,
    ProductAdded,
    OrderPlaced,
    OrderFulfilled,
    OrderDelivered,
    TicketOpened,
    TicketClosed,
    Unsubscribed,
    Bounced,
    Complained,
    /// Opened or clicked a marketing email.
    Engaged,
    ReorderDue,
    /// A score's new value (`Input::number`) for `Input::field`.
    Scored,
}

impl EventKind {
    /// The name used in flow definitions (`wait_event.event`, split branches).
    pub fn parse(name: &str) -> Option<EventKind> {
        Some(match name {
            "checkout_abandoned" | "checkout_started" => EventKind::CheckoutAbandoned,
            "product_viewed" => EventKind::ProductViewed,
            "product_added" | "added_to_cart" => EventKind::ProductAdded,
            "order_placed" | "ordered" => EventKind::OrderPlaced,
            "order_fulfilled" => EventKind::OrderFulfilled,
            "order_delivered" => EventKind::OrderDelivered,
            "ticket_opened" => EventKind::TicketOpened,
            "ticket_closed" => EventKind::TicketClosed,
            "email_engaged" | "email_opened" | "email_clicked" => EventKind::Engaged,
            _ => return None,
        })
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }

    fn words(self) -> &'static str {
        match self {
            EventKind::CheckoutAbandoned => "left a checkout",
            EventKind::ProductViewed => "viewed a product",
            EventKind::ProductAdded => "added to cart",
            EventKind::OrderPlaced => "ordered",
            EventKind::OrderFulfilled => "order fulfilled",
            EventKind::OrderDelivered => "order delivered",
            EventKind::TicketOpened => "opened a support ticket",
            EventKind::TicketClosed => "support ticket closed",
            EventKind::Unsubscribed => "unsubscribed",
            EventKind::Bounced => "email bounced",
            EventKind::Complained => "marked an email as spam",
            EventKind::Engaged => "opened or clicked an email",
            EventKind::ReorderDue => "reorder date reached",
            EventKind::Scored => "scored",
        }
    }
}

/// One happening: when, who, what, and what it was worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Input {
    pub at: i64,
    pub customer: i64,
    pub kind: EventKind,
    /// The cart's or order's value (minor units), 0 when none.
    pub value_minor: i64,
    /// The cart's margin before any discount, when the costs are known.
    pub margin_minor: Option<i64>,
    /// The checkout, order or ticket id.
    pub reference: i64,
    /// For `Scored`: which score and its value.
    pub field: Option<Field>,
    pub number: f64,
}

impl Input {
    pub fn new(at: i64, customer: i64, kind: EventKind) -> Input {
        Input { at, customer, kind, value_minor: 0, margin_minor: None, reference: 0, field: None, number: 0.0 }
    }
}

/// A customer attribute a condition can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Orders,
    Revenue,
    DiscountShare,
    ChurnRisk,
    PAlive,
    ExpectedOrders90d,
    Clv,
    FullPriceProbability,
    DaysSinceLastOrder,
    Status,
    Segment,
    Consent,
}

impl Field {
    pub fn parse(name: &str) -> Option<Field> {
        Some(match name {
            "orders" => Field::Orders,
            "revenue" => Field::Revenue,
            "discount_share" => Field::DiscountShare,
            "churn_risk" => Field::ChurnRisk,
            "p_alive" => Field::PAlive,
            "expected_orders_90d" => Field::ExpectedOrders90d,
            "clv" => Field::Clv,
            "full_price_probability" => Field::FullPriceProbability,
            "days_since_last_order" => Field::DaysSinceLastOrder,
            "status" => Field::Status,
            "segment" => Field::Segment,
            "consent" => Field::Consent,
            _ => return None,
        })
    }

    fn numeric_index(self) -> Option<usize> {
        Some(match self {
            Field::Orders => 0,
            Field::Revenue => 1,
            Field::DiscountShare => 2,
            Field::ChurnRisk => 3,
            Field::PAlive => 4,
            Field::ExpectedOrders90d => 5,
            Field::Clv => 6,
            Field::FullPriceProbability => 7,
            _ => return None,
        })
    }
}

pub use crate::model::Consent;

/// The group of a customer who has not been scored yet: no split by group matches them, and no
/// offer goes to them while group A (no discounts) cannot be ruled out.
pub const UNSCORED: &str = "unscored";

/// What the engine knows about a customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub consent: Consent,
    /// When the consent last changed: an unsubscribed customer was subscribed before this.
    pub consent_at: Option<i64>,
    /// When the address was suppressed (bounce, complaint, unsubscribe at the provider).
    pub suppressed_at: Option<i64>,
    /// Index into the engine's time zones; `None` is the store's.
    pub zone: Option<u32>,
    /// a, b, c or other.
    pub segment: &'static str,
    /// A `CustomerStatus` code.
    pub status: &'static str,
    /// orders, revenue, discount share, churn risk, P(alive), expected orders 90 d, CLV, P(full
    /// price); NaN when unknown.
    pub numbers: [f64; 8],
    pub last_order_at: Option<i64>,
    /// Custom segment ids (`custom-N`) the customer belongs to.
    pub custom: Vec<String>,
    /// Last open or click of a marketing email.
    pub engaged_at: Option<i64>,
    /// First marketing email ever sent to them.
    pub first_mailed_at: Option<i64>,
    /// What an order of theirs is usually worth (for offers without a cart).
    pub order_value_minor: i64,
}

impl Default for Facts {
    fn default() -> Self {
        Facts {
            consent: Consent::Subscribed,
            consent_at: None,
            suppressed_at: None,
            zone: None,
            segment: "other",
            status: "no_orders",
            numbers: [f64::NAN; 8],
            last_order_at: None,
            custom: Vec::new(),
            engaged_at: None,
            first_mailed_at: None,
            order_value_minor: 0,
        }
    }
}

impl Facts {
    /// Consent at `t`: an unsubscribed customer counts as subscribed before they unsubscribed
    /// only if they were asked at all (their consent time is known).
    pub fn consent_at_time(&self, t: i64) -> Consent {
        match (self.consent, self.consent_at) {
            (Consent::Unsubscribed, Some(at)) if t < at => Consent::Subscribed,
            (c, _) => c,
        }
    }
    fn suppressed(&self, t: i64) -> bool {
        self.suppressed_at.is_some_and(|at| at <= t)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
struct Cond {
    field: Field,
    op: Op,
    text: String,
    number: f64,
}

impl Cond {
    fn compile(c: &Condition) -> Result<Cond, String> {
        let field = Field::parse(&c.field).ok_or_else(|| format!("there is no field `{}` to test", c.field))?;
        let op = match c.op.as_str() {
            "eq" | "=" | "==" => Op::Eq,
            "ne" | "!=" => Op::Ne,
            "lt" | "<" => Op::Lt,
            "le" | "<=" => Op::Le,
            "gt" | ">" => Op::Gt,
            "ge" | ">=" => Op::Ge,
            other => return Err(format!("`{other}` is not a comparison (use eq, ne, lt, le, gt or ge)")),
        };
        let textual = matches!(field, Field::Status | Field::Segment | Field::Consent);
        let number = if textual {
            if !matches!(op, Op::Eq | Op::Ne) {
                return Err(format!("`{}` can only be compared with eq or ne", c.field));
            }
            f64::NAN
        } else {
            c.value.trim().parse::<f64>().map_err(|_| format!("`{}` needs a number, not `{}`", c.field, c.value))?
        };
        Ok(Cond { field, op, text: c.value.trim().to_owned(), number })
    }

    fn holds(&self, f: &Facts, t: i64) -> bool {
        let text = match self.field {
            Field::Status => Some(f.status),
            Field::Segment => Some(f.segment),
            Field::Consent => Some(f.consent_at_time(t).as_str()),
            _ => None,
        };
        if let Some(v) = text {
            return match self.op {
                Op::Eq => v == self.text,
                Op::Ne => v != self.text,
                _ => false,
            };
        }
        let v = match self.field {
            Field::DaysSinceLastOrder => f.last_order_at.map_or(f64::NAN, |l| (t - l) as f64 / DAY as f64),
            other => other.numeric_index().map_or(f64::NAN, |i| f.numbers[i]),
        };
        if v.is_nan() {
            return false;
        }
        match self.op {
            Op::Eq => (v - self.number).abs() < 1e-9,
            Op::Ne => (v - self.number).abs() >= 1e-9,
            Op::Lt => v < self.number,
            Op::Le => v <= self.number,
            Op::Gt => v > self.number,
            Op::Ge => v >= self.number,
        }
    }

    fn words(&self) -> String {
        let op = match self.op {
            Op::Eq => "is",
            Op::Ne => "is not",
            Op::Lt => "below",
            Op::Le => "at most",
            Op::Gt => "above",
            Op::Ge => "at least",
        };
        format!("{} {op} {}", field_words(self.field), self.text)
    }
}

fn field_words(f: Field) -> &'static str {
    match f {
        Field::Orders => "orders",
        Field::Revenue => "revenue",
        Field::DiscountShare => "discount share",
        Field::ChurnRisk => "churn risk",
        Field::PAlive => "chance still active",
        Field::ExpectedOrders90d => "expected orders (90 days)",
        Field::Clv => "12-month value",
        Field::FullPriceProbability => "chance of paying full price",
        Field::DaysSinceLastOrder => "days since last order",
        Field::Status => "status",
        Field::Segment => "group",
        Field::Consent => "email consent",
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Test {
    Segment(String),
    Event(EventKind),
    Conds(Vec<Cond>),
}

#[derive(Debug, Clone, PartialEq)]
enum CNode {
    Wait {
        secs: i64,
        next: usize,
    },
    Window {
        from: u32,
        to: u32,
        next: usize,
    },
    WaitEvent {
        event: EventKind,
        secs: i64,
        next: usize,
        timeout: usize,
    },
    Split {
        branches: Vec<(Vec<Test>, usize)>,
        otherwise: usize,
    },
    Ab {
        arms: Vec<(u32, usize)>,
        names: Vec<String>,
    },
    /// `variants`: copy-studio subject lines ("copy:ID"), checked again when the email is built.
    Email {
        template: String,
        subject: String,
        variants: Vec<String>,
        next: usize,
    },
    Offer {
        percent: u32,
        next: usize,
    },
    Task {
        text: String,
        next: usize,
    },
    Exit,
}

/// Where a flow stands, as the engine sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Takes new enrolments from `live_percent` of customers.
    Live,
    /// Running enrolments wait; no new ones.
    Paused,
    /// Stopped: nothing moves until someone resumes it.
    Killed,
}

/// A flow ready to run.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub slug: String,
    pub version: u32,
    pub trigger: Trigger,
    pub mode: Mode,
    pub live_percent: u32,
    pub holdout_percent: u32,
    pub policy: Policy,
    pub ids: Vec<String>,
    start: usize,
    entry: Vec<Cond>,
    exits: Vec<ExitWhen>,
    nodes: Vec<CNode>,
    salt: u64,
}

impl Compiled {
    /// Compiles a (validated) definition under the store's policy.
    pub fn new(
        flow: &Flow,
        version: u32,
        mode: Mode,
        live_percent: u32,
        store: &Policy,
    ) -> Result<Compiled, FlowError> {
        let index: HashMap<&str, usize> = flow.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        let at = |node: &str, to: &str| -> Result<usize, FlowError> {
            index.get(to).copied().ok_or_else(|| FlowError::Node {
                node: node.to_owned(),
                why: format!("goes to `{to}`, which is not a node"),
            })
        };
        let conds = |node: &str, cs: &[Condition]| -> Result<Vec<Cond>, FlowError> {
            cs.iter()
                .map(Cond::compile)
                .collect::<Result<_, _>>()
                .map_err(|why| FlowError::Node { node: node.to_owned(), why })
        };
        let mut nodes = Vec::with_capacity(flow.nodes.len());
        for n in &flow.nodes {
            let id = n.id.as_str();
            nodes.push(match &n.step {
                Step::Wait { minutes, next } => CNode::Wait { secs: *minutes as i64 * MINUTE, next: at(id, next)? },
                Step::WaitWindow { from_hour, to_hour, next } => {
                    CNode::Window { from: u32::from(*from_hour), to: u32::from(*to_hour) % 24, next: at(id, next)? }
                }
                Step::WaitEvent { event, timeout_minutes, next, timeout_next } => CNode::WaitEvent {
                    event: EventKind::parse(event).ok_or_else(|| FlowError::Node {
                        node: id.to_owned(),
                        why: format!("waits for `{event}`, which is not an event (product_viewed, product_added, order_placed …)"),
                    })?,
                    secs: *timeout_minutes as i64 * MINUTE,
                    next: at(id, next)?,
                    timeout: at(id, timeout_next)?,
                },
                Step::Split { branches, otherwise } => {
                    let mut out = Vec::new();
                    for b in branches {
                        let mut tests = Vec::new();
                        if let Some(s) = &b.segment {
                            tests.push(Test::Segment(s.clone()));
                        }
                        if let Some(e) = &b.event {
                            tests.push(Test::Event(EventKind::parse(e).ok_or_else(|| FlowError::Node {
                                node: id.to_owned(),
                                why: format!("tests the event `{e}`, which is not an event"),
                            })?));
                        }
                        if !b.conditions.is_empty() {
                            tests.push(Test::Conds(conds(id, &b.conditions)?));
                        }
                        out.push((tests, at(id, &b.next)?));
                    }
                    CNode::Split { branches: out, otherwise: at(id, otherwise)? }
                }
                Step::Ab { arms } => {
                    let mut cum = 0;
                    let mut out = Vec::new();
                    for a in arms {
                        cum += a.weight;
                        out.push((cum, at(id, &a.next)?));
                    }
                    CNode::Ab { arms: out, names: arms.iter().map(|a| a.name.clone()).collect() }
                }
                Step::Email { template, subject, variants, next } => CNode::Email {
                    template: template.clone(),
                    subject: subject.clone(),
                    variants: variants.clone(),
                    next: at(id, next)?,
                },
                Step::Offer { percent, next } => CNode::Offer { percent: *percent, next: at(id, next)? },
                Step::Task { text, next } => CNode::Task { text: text.clone(), next: at(id, next)? },
                Step::Exit => CNode::Exit,
            });
        }
        Ok(Compiled {
            slug: flow.slug.clone(),
            version,
            trigger: flow.trigger.clone(),
            mode,
            live_percent: live_percent.min(100),
            holdout_percent: flow.holdout_percent.min(50),
            policy: store.for_flow(&flow.guardrails),
            ids: flow.nodes.iter().map(|n| n.id.clone()).collect(),
            start: at("start", &flow.start)?,
            entry: conds("entry", &flow.entry)?,
            exits: flow.exit.clone(),
            nodes,
            salt: fnv(flow.slug.as_bytes(), 0xcbf2_9ce4_8422_2325),
        })
    }

    /// The copy-studio subject variants ("copy:ID") of the email step at `node`, if any.
    pub fn email_variants(&self, node: usize) -> &[String] {
        match self.nodes.get(node) {
            Some(CNode::Email { variants, .. }) => variants,
            _ => &[],
        }
    }

    /// The node index of `id`.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|n| n == id)
    }

    fn triggered_by(&self, i: &Input) -> bool {
        match (&self.trigger, i.kind) {
            (Trigger::CheckoutAbandoned, EventKind::CheckoutAbandoned)
            | (Trigger::ProductViewedWithoutAdd, EventKind::ProductViewed)
            | (Trigger::OrderPlaced, EventKind::OrderPlaced)
            | (Trigger::OrderFulfilled, EventKind::OrderFulfilled)
            | (Trigger::OrderDelivered, EventKind::OrderDelivered)
            | (Trigger::TicketOpened, EventKind::TicketOpened)
            | (Trigger::TicketClosed, EventKind::TicketClosed)
            | (Trigger::ReorderDue, EventKind::ReorderDue) => true,
            (Trigger::ScoreCrossed { score, above }, EventKind::Scored) => {
                i.field.is_some_and(|f| Field::parse(score) == Some(f)) && i.number > *above
            }
            _ => false,
        }
    }

    /// Whether the customer is in this flow's holdout: a stable hash of (customer, flow).
    pub fn in_holdout(&self, customer: i64) -> bool {
        bucket(self.salt, customer, 1) < self.holdout_percent
    }

    fn in_launch(&self, customer: i64) -> bool {
        bucket(self.salt, customer, 2) < self.live_percent
    }
}

/// FNV-1a: stable across builds and machines (std's hasher is not promised to be).
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// 0–99 for (flow, customer, purpose).
fn bucket(salt: u64, customer: i64, purpose: u64) -> u32 {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&customer.to_le_bytes());
    bytes[8..].copy_from_slice(&purpose.to_le_bytes());
    let mut h = fnv(&bytes, salt);
    // Final mix so that neighbouring ids spread evenly.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    (h % 100) as u32
}

/// What was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decided {
    Entered,
    NotEntered,
    Step,
    Sent,
    WouldSend,
    Held,
    Skipped,
    Offer,
    WouldOffer,
    Refused,
    Task,
    Exited,
    InProgress,
    /// An unsubscribe or complaint put down to the flow's last email.
    Attributed,
    /// The flow paused itself.
    AutoPaused,
}

impl Decided {
    pub fn code(self) -> &'static str {
        match self {
            Decided::Entered => "entered",
            Decided::NotEntered => "not_entered",
            Decided::Step => "step",
            Decided::Sent => "sent",
            Decided::WouldSend => "would_send",
            Decided::Held => "held",
            Decided::Skipped => "skipped",
            Decided::Offer => "offer",
            Decided::WouldOffer => "would_offer",
            Decided::Refused => "refused",
            Decided::Task => "task",
            Decided::Exited => "exited",
            Decided::InProgress => "in_progress",
            Decided::Attributed => "attributed",
            Decided::AutoPaused => "paused",
        }
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub at: i64,
    /// Index into the engine's flows.
    pub flow: usize,
    pub enrolment: Option<u64>,
    pub customer: i64,
    pub node: Option<usize>,
    pub decided: Decided,
    pub reason: String,
    pub holdout: bool,
    /// Discount cost or cart value, when there is one.
    pub amount_minor: i64,
}

/// An email the engine decided to send (guardrails passed, not in the holdout).
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub at: i64,
    pub flow: usize,
    pub enrolment: u64,
    pub customer: i64,
    pub node: usize,
    pub template: String,
    pub subject: String,
    pub offer_percent: Option<u32>,
    /// The checkout or order the enrolment is about.
    pub reference: i64,
}

/// A follow-up for a person.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskOrder {
    pub at: i64,
    pub flow: Option<usize>,
    pub customer: i64,
    pub ticket: Option<i64>,
    pub text: String,
}

/// Why an enrolment is not moving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    Ticket,
    Cap,
    Quiet,
    Kill,
    Paused,
}

/// One customer's way through one flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Enrolment {
    pub id: u64,
    pub flow: usize,
    pub customer: i64,
    pub entered_at: i64,
    pub node: usize,
    /// When it next moves; `None` while held for a person's decision or a ticket.
    pub due: Option<i64>,
    pub holdout: bool,
    /// When it reached the current node (a wait's start, an email's first due time).
    pub since: i64,
    /// Events seen since entry (bits of `EventKind`).
    pub seen: u32,
    /// For `WaitEvent`: the event came.
    pub event_came: bool,
    pub hold: Option<Hold>,
    pub offer_percent: Option<u32>,
    pub value_minor: i64,
    pub margin_minor: Option<i64>,
    pub reference: i64,
}

/// Per-customer guardrail memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Guard {
    /// Marketing sends (and holdout would-sends) inside the cap window, oldest first.
    pub sends: VecDeque<i64>,
    /// The last send: when, and which flow.
    pub last_send: Option<(i64, usize)>,
    pub open_tickets: u32,
    /// An offer still open (for no-stacking).
    pub offer_at: Option<i64>,
}

/// What a flow has done, for the automatic pause.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowStats {
    pub delivered: u64,
    pub unsubscribed: u64,
    pub complained: u64,
}

/// Time zones the facts refer to by index.
#[derive(Debug, Clone)]
pub struct Zones {
    pub store: TimeZone,
    pub others: Vec<TimeZone>,
}

impl Zones {
    pub fn of(&self, f: Option<&Facts>) -> &TimeZone {
        f.and_then(|f| f.zone).and_then(|z| self.others.get(z as usize)).unwrap_or(&self.store)
    }
}

fn local_hour(t: i64, tz: &TimeZone) -> u32 {
    Timestamp::from_second(t).map(|ts| tz.to_datetime(ts).hour() as u32).unwrap_or(0)
}

/// The next instant after `t` whose local time is `hour`:00 (a DST gap moves it forward).
fn next_local_hour(t: i64, hour: u32, tz: &TimeZone) -> i64 {
    let Ok(ts) = Timestamp::from_second(t) else { return t + HOUR };
    let today = tz.to_datetime(ts).date();
    for days in 0..3 {
        let Ok(date) = today.checked_add(jiff::Span::new().days(days)) else { break };
        let Ok(at) = tz.to_timestamp(date.at(hour as i8, 0, 0, 0)) else { continue };
        let s = at.as_second();
        if s > t {
            return s;
        }
    }
    t + HOUR
}

fn duration_words(secs: i64) -> String {
    let plural = |n: i64, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    if secs % DAY == 0 {
        plural(secs / DAY, "day")
    } else if secs % HOUR == 0 {
        plural(secs / HOUR, "hour")
    } else {
        plural(secs / MINUTE, "minute")
    }
}

/// The engine.
#[derive(Debug)]
pub struct Engine {
    pub flows: Vec<Compiled>,
    pub facts: HashMap<i64, Facts>,
    pub zones: Zones,
    pub policy: Policy,
    pub enrolments: HashMap<u64, Enrolment>,
    pub next_id: u64,
    active: HashMap<(usize, i64), u64>,
    by_customer: HashMap<i64, Vec<u64>>,
    heap: BinaryHeap<Reverse<(i64, u64)>>,
    pub guards: HashMap<i64, Guard>,
    /// Discounts given in the last 7 days: (when, cost).
    pub spend: VecDeque<(i64, i64)>,
    pub stats: Vec<FlowStats>,
    /// The real time of this run: steps processed later than they were due are "late" by the
    /// difference. A dry run sets it to the start of history, so nothing is late.
    pub wall: i64,
    pub out: Vec<Decision>,
    pub emails: Vec<Outgoing>,
    pub tasks: Vec<TaskOrder>,
    /// Record triggers turned away at entry (a dry run counts them; a live tick may not).
    pub record_not_entered: bool,
    /// Put unsubscribes and complaints down to the flow that emailed the week before (and pause
    /// it past its limit). A dry run does not: its emails were never sent.
    pub attribute_unsubscribes: bool,
    /// Also record a trigger turned away because the customer is already in the flow (a dry run
    /// counts them; the live ledger leaves out this noise).
    pub record_repeats: bool,
    /// Enrolments that ended, with when (kept only when `keep_ended`, for saving a tick).
    pub ended: Vec<(Enrolment, i64)>,
    pub keep_ended: bool,
}

impl Engine {
    pub fn new(flows: Vec<Compiled>, facts: HashMap<i64, Facts>, zones: Zones, policy: Policy) -> Engine {
        let n = flows.len();
        Engine {
            flows,
            facts,
            zones,
            policy,
            enrolments: HashMap::new(),
            next_id: 1,
            active: HashMap::new(),
            by_customer: HashMap::new(),
            heap: BinaryHeap::new(),
            guards: HashMap::new(),
            spend: VecDeque::new(),
            stats: vec![FlowStats::default(); n],
            wall: i64::MIN,
            out: Vec::new(),
            emails: Vec::new(),
            tasks: Vec::new(),
            record_not_entered: true,
            record_repeats: true,
            attribute_unsubscribes: true,
            ended: Vec::new(),
            keep_ended: false,
        }
    }

    /// Puts back an enrolment loaded from storage.
    pub fn restore(&mut self, e: Enrolment) {
        self.next_id = self.next_id.max(e.id + 1);
        self.active.insert((e.flow, e.customer), e.id);
        self.by_customer.entry(e.customer).or_default().push(e.id);
        if let Some(d) = e.due {
            self.heap.push(Reverse((d, e.id)));
        }
        self.enrolments.insert(e.id, e);
    }

    /// Puts back the guardrails' memory of a customer's send.
    pub fn remember_send(&mut self, customer: i64, at: i64, flow: Option<usize>) {
        let g = self.guards.entry(customer).or_default();
        g.sends.push_back(at);
        if let Some(f) = flow {
            g.last_send = Some((at, f));
        }
    }

    /// Makes every enrolment held by the kill switch or a pause of `flow` (or of every flow)
    /// due at `t`: the explicit decision to resume.
    pub fn resume(&mut self, flow: Option<usize>, t: i64) {
        for e in self.enrolments.values_mut() {
            if flow.is_none_or(|f| f == e.flow) && matches!(e.hold, Some(Hold::Kill | Hold::Paused)) {
                e.due = Some(t);
                self.heap.push(Reverse((t, e.id)));
            }
        }
    }

    /// Processes `inputs` (sorted by time) and every step due up to `until`.
    pub fn run(&mut self, inputs: impl IntoIterator<Item = Input>, until: i64) {
        for i in inputs {
            self.steps_before(i.at);
            self.apply(&i);
        }
        self.steps_until(until);
    }

    /// Runs due steps strictly before `t`.
    pub fn steps_before(&mut self, t: i64) {
        while let Some(&Reverse((due, id))) = self.heap.peek() {
            if due >= t {
                break;
            }
            self.heap.pop();
            self.wake(id, due);
        }
    }

    /// Runs due steps up to and including `t`.
    pub fn steps_until(&mut self, t: i64) {
        while let Some(&Reverse((due, id))) = self.heap.peek() {
            if due > t {
                break;
            }
            self.heap.pop();
            self.wake(id, due);
        }
    }

    /// Records, for every enrolment still in a flow, where it is: a run that stops must still
    /// account for each one.
    pub fn finish(&mut self, at: i64) {
        let mut ids: Vec<u64> = self.enrolments.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            let e = &self.enrolments[&id];
            let node = &self.flows[e.flow].ids[e.node];
            let reason = match (e.hold, e.due) {
                (Some(h), _) => format!("still held at `{node}` ({})", hold_words(h)),
                (None, Some(d)) => format!("still in the flow at `{node}`, next step {}", crate::time::rfc3339(d)),
                (None, None) => format!("still waiting at `{node}`"),
            };
            let (flow, customer, holdout, node) = (e.flow, e.customer, e.holdout, e.node);
            self.record(at, flow, Some(id), customer, Some(node), Decided::InProgress, reason, holdout, 0);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        at: i64,
        flow: usize,
        enrolment: Option<u64>,
        customer: i64,
        node: Option<usize>,
        decided: Decided,
        reason: String,
        holdout: bool,
        amount_minor: i64,
    ) {
        self.out.push(Decision { at, flow, enrolment, customer, node, decided, reason, holdout, amount_minor });
    }

    fn apply(&mut self, i: &Input) {
        let c = i.customer;
        let ids = self.by_customer.get(&c).cloned().unwrap_or_default();
        match i.kind {
            EventKind::TicketOpened => {
                self.guards.entry(c).or_default().open_tickets += 1;
                self.tasks.push(TaskOrder {
                    at: i.at,
                    flow: None,
                    customer: c,
                    ticket: Some(i.reference),
                    text: "A support ticket is open: marketing to this customer is paused until it is closed. Follow up with them personally.".into(),
                });
            }
            EventKind::TicketClosed => {
                let g = self.guards.entry(c).or_default();
                g.open_tickets = g.open_tickets.saturating_sub(1);
                if g.open_tickets == 0 {
                    for id in &ids {
                        if let Some(e) = self.enrolments.get_mut(id) {
                            if e.hold == Some(Hold::Ticket) {
                                e.due = Some(i.at);
                                self.heap.push(Reverse((i.at, *id)));
                            }
                        }
                    }
                }
            }
            EventKind::Unsubscribed | EventKind::Complained | EventKind::Bounced => {
                if let Some(f) = self.facts.get_mut(&c) {
                    if i.kind == EventKind::Unsubscribed {
                        if f.consent_at_time(i.at) != Consent::Unsubscribed {
                            f.consent = Consent::Unsubscribed;
                            f.consent_at = Some(i.at);
                        }
                    } else if !f.suppressed(i.at) {
                        f.suppressed_at = Some(i.at);
                    }
                }
                if i.kind != EventKind::Bounced && self.attribute_unsubscribes {
                    self.attribute(i);
                }
            }
            EventKind::OrderPlaced => {
                if let Some(g) = self.guards.get_mut(&c) {
                    g.offer_at = None;
                }
            }
            EventKind::Engaged => {
                if let Some(f) = self.facts.get_mut(&c) {
                    f.engaged_at = Some(f.engaged_at.map_or(i.at, |e| e.max(i.at)));
                }
            }
            _ => {}
        }
        // Exits and event waits of the customer's enrolments.
        for id in ids {
            let Some(e) = self.enrolments.get_mut(&id) else { continue };
            if i.at < e.entered_at {
                continue;
            }
            e.seen |= i.kind.bit();
            let flow = &self.flows[e.flow];
            let exit = match i.kind {
                EventKind::OrderPlaced if flow.exits.contains(&ExitWhen::Ordered) => Some("ended: ordered"),
                EventKind::ProductAdded | EventKind::OrderPlaced
                    if flow.trigger == Trigger::ProductViewedWithoutAdd =>
                {
                    Some("ended: added to cart")
                }
                EventKind::TicketOpened if flow.exits.contains(&ExitWhen::TicketOpened) => {
                    Some("ended: a support ticket was opened")
                }
                EventKind::Unsubscribed => Some("ended: unsubscribed"),
                EventKind::Bounced => Some("ended: the address bounced; it is suppressed for good"),
                EventKind::Complained => Some("ended: marked an email as spam; suppressed for good"),
                _ => None,
            };
            if let Some(reason) = exit {
                self.end(id, i.at, reason.to_owned());
                continue;
            }
            if let CNode::WaitEvent { event, .. } = flow.nodes[e.node] {
                if event == i.kind && e.hold.is_none() && !e.event_came && i.at >= e.since {
                    e.event_came = true;
                    e.due = Some(i.at);
                    self.heap.push(Reverse((i.at, id)));
                }
            }
        }
        // Triggers.
        for f in 0..self.flows.len() {
            if self.flows[f].triggered_by(i) {
                self.enter(f, i);
            }
        }
    }

    /// Puts an unsubscribe or complaint down to the flow whose email came in the week before,
    /// and pauses that flow when its rate crosses the line.
    fn attribute(&mut self, i: &Input) {
        let Some((sent_at, flow)) = self.guards.get(&i.customer).and_then(|g| g.last_send) else { return };
        if i.at - sent_at > 7 * DAY {
            return;
        }
        let complaint = i.kind == EventKind::Complained;
        let s = &mut self.stats[flow];
        if complaint {
            s.complained += 1;
        } else {
            s.unsubscribed += 1;
        }
        let (delivered, count) = (s.delivered, if complaint { s.complained } else { s.unsubscribed });
        let what = if complaint { "marked the email as spam" } else { "unsubscribed" };
        self.record(
            i.at,
            flow,
            None,
            i.customer,
            None,
            Decided::Attributed,
            format!("{what} within a week of this flow's email"),
            false,
            0,
        );
        let f = &self.flows[flow];
        let limit =
            if complaint { f.policy.auto_pause_complaint_percent } else { f.policy.auto_pause_unsubscribe_percent };
        let rate = 100.0 * count as f64 / delivered.max(1) as f64;
        if f.mode == Mode::Live && delivered >= AUTO_PAUSE_MIN_MESSAGES && rate > limit {
            let reason = format!(
                "paused automatically: {rate:.1}% of {delivered} emails led to someone who {what} (limit {limit}%)"
            );
            self.flows[flow].mode = Mode::Paused;
            self.record(i.at, flow, None, i.customer, None, Decided::AutoPaused, reason, false, 0);
        }
    }

    fn enter(&mut self, f: usize, i: &Input) {
        let flow = &self.flows[f];
        let c = i.customer;
        // A paused or stopped flow takes no one; its triggers are not worth a ledger line each.
        if flow.mode != Mode::Live {
            return;
        }
        let why = if self.active.contains_key(&(f, c)) {
            Some("already in this flow".into())
        } else if let Some(facts) = self.facts.get(&c) {
            if let Some(cond) = flow.entry.iter().find(|k| !k.holds(facts, i.at)) {
                Some(format!("entry filter: {} (needs {})", cond_value_words(cond, facts, i.at), cond.words()))
            } else if !flow.in_launch(c) {
                Some(format!("outside the {}% launch group", flow.live_percent))
            } else {
                None
            }
        } else {
            Some("not a known customer".into())
        };
        if let Some(reason) = why {
            let repeat = self.active.contains_key(&(f, c));
            if self.record_not_entered && (self.record_repeats || !repeat) {
                self.record(i.at, f, None, c, None, Decided::NotEntered, reason, false, 0);
            }
            return;
        }
        let holdout = flow.in_holdout(c);
        let id = self.next_id;
        self.next_id += 1;
        let e = Enrolment {
            id,
            flow: f,
            customer: c,
            entered_at: i.at,
            node: flow.start,
            due: Some(i.at),
            holdout,
            since: i.at,
            seen: 0,
            event_came: false,
            hold: None,
            offer_percent: None,
            value_minor: i.value_minor,
            margin_minor: i.margin_minor,
            reference: i.reference,
        };
        let reason = if holdout {
            format!("{} (holdout: decisions recorded, nothing sent)", i.kind.words())
        } else {
            i.kind.words().to_owned()
        };
        self.record(i.at, f, Some(id), c, None, Decided::Entered, reason, holdout, i.value_minor);
        self.active.insert((f, c), id);
        self.by_customer.entry(c).or_default().push(id);
        self.enrolments.insert(id, e);
        self.heap.push(Reverse((i.at, id)));
    }

    fn end(&mut self, id: u64, at: i64, reason: String) {
        let Some(e) = self.enrolments.remove(&id) else { return };
        self.active.remove(&(e.flow, e.customer));
        if let Some(v) = self.by_customer.get_mut(&e.customer) {
            v.retain(|x| *x != id);
            if v.is_empty() {
                self.by_customer.remove(&e.customer);
            }
        }
        self.record(at, e.flow, Some(id), e.customer, Some(e.node), Decided::Exited, reason, e.holdout, 0);
        if self.keep_ended {
            self.ended.push((e, at));
        }
    }

    fn hold(&mut self, id: u64, at: i64, hold: Hold, until: Option<i64>, reason: String) {
        let Some(e) = self.enrolments.get_mut(&id) else { return };
        let first = e.hold != Some(hold);
        e.hold = Some(hold);
        e.due = until;
        if let Some(u) = until {
            self.heap.push(Reverse((u, id)));
        }
        if first {
            let (flow, customer, node, holdout) = (e.flow, e.customer, e.node, e.holdout);
            self.record(at, flow, Some(id), customer, Some(node), Decided::Held, reason, holdout, 0);
        }
    }

    /// Moves the enrolment on to `next`, as of `at`.
    fn advance(&mut self, id: u64, next: usize, at: i64) {
        if let Some(e) = self.enrolments.get_mut(&id) {
            e.node = next;
            e.since = at;
            e.hold = None;
            e.event_came = false;
            e.due = Some(at);
        }
    }

    /// Runs an enrolment from its current node as far as it can go at `due`.
    fn wake(&mut self, id: u64, due: i64) {
        // A stale heap entry (the enrolment ended, or was rescheduled) is dropped.
        match self.enrolments.get(&id) {
            Some(e) if e.due == Some(due) => {}
            _ => return,
        }
        // `vt` is when the current step became due; `at` is when it is actually processed (later
        // when the run catches up after sleep). Instant steps carry `vt` on, so lateness shows.
        for _ in 0..10_000 {
            let Some(e) = self.enrolments.get(&id) else { return };
            let vt = match e.due {
                Some(d) if d <= due.max(self.wall) => d,
                _ => return,
            };
            let at = vt.max(self.wall);
            let (f, node, c, holdout) = (e.flow, e.node, e.customer, e.holdout);
            let mode = self.flows[f].mode;
            if self.policy.kill_all || mode == Mode::Killed {
                let why = if self.policy.kill_all { "all sending is stopped" } else { "this flow is stopped" };
                self.hold(id, at, Hold::Kill, None, format!("held: kill switch ({why}); waits for someone to resume"));
                return;
            }
            if mode == Mode::Paused {
                self.hold(id, at, Hold::Paused, None, "held: the flow is paused".into());
                return;
            }
            let facts_consent = self.facts.get(&c).map(|x| x.consent_at_time(at));
            if facts_consent == Some(Consent::Unsubscribed) {
                self.end(id, at, "ended: unsubscribed".into());
                return;
            }
            let step = self.flows[f].nodes[node].clone();
            match step {
                CNode::Exit => {
                    self.end(id, at, "ended: reached the end of the flow".into());
                    return;
                }
                CNode::Wait { secs, next } => {
                    let since = self.enrolments[&id].since;
                    if at >= since + secs {
                        let reason = format!("waited {}", duration_words(secs));
                        self.record(at, f, Some(id), c, Some(node), Decided::Step, reason, holdout, 0);
                        // The next step became due when the wait ended: a late wake shows as late.
                        self.advance(id, next, since + secs);
                    } else {
                        self.schedule(id, since + secs);
                        return;
                    }
                }
                CNode::Window { from, to, next } => {
                    let tz = self.zones.of(self.facts.get(&c)).clone();
                    let hour = local_hour(at, &tz);
                    let inside = if from < to { hour >= from && hour < to } else { hour >= from || hour < to };
                    if inside {
                        let reason = format!("in the {from}:00–{to}:00 window (customer's local time)");
                        self.record(at, f, Some(id), c, Some(node), Decided::Step, reason, holdout, 0);
                        self.advance(id, next, vt);
                    } else {
                        let start = next_local_hour(at, from, &tz);
                        self.schedule(id, start);
                        return;
                    }
                }
                CNode::WaitEvent { event, secs, next, timeout } => {
                    let e = &self.enrolments[&id];
                    let (since, came) = (e.since, e.event_came);
                    if came {
                        let reason = format!("{} within {}", event.words(), duration_words(secs));
                        self.record(at, f, Some(id), c, Some(node), Decided::Step, reason, holdout, 0);
                        self.advance(id, next, vt);
                    } else if at >= since + secs {
                        let reason = format!("no \u{201c}{}\u{201d} in {}", event.words(), duration_words(secs));
                        self.record(at, f, Some(id), c, Some(node), Decided::Step, reason, holdout, 0);
                        self.advance(id, timeout, since + secs);
                    } else {
                        self.schedule(id, since + secs);
                        return;
                    }
                }
                CNode::Split { branches, otherwise } => {
                    let facts = self.facts.get(&c);
                    let seen = self.enrolments[&id].seen;
                    let mut chosen = (otherwise, "none of the branches matched".to_owned());
                    for (tests, next) in &branches {
                        let ok = tests.iter().all(|t| match t {
                            Test::Segment(s) => {
                                facts.is_some_and(|f| f.segment == s.as_str() || f.custom.iter().any(|x| x == s))
                            }
                            Test::Event(k) => seen & k.bit() != 0,
                            Test::Conds(cs) => facts.is_some_and(|f| cs.iter().all(|k| k.holds(f, at))),
                        });
                        if ok {
                            chosen = (*next, tests.iter().map(test_words).collect::<Vec<_>>().join(" and "));
                            break;
                        }
                    }
                    let reason = format!("{} → `{}`", chosen.1, self.flows[f].ids[chosen.0]);
                    self.record(at, f, Some(id), c, Some(node), Decided::Step, reason, holdout, 0);
                    self.advance(id, chosen.0, vt);
                }
                CNode::Ab { arms, names } => {
                    let b = bucket(self.flows[f].salt ^ (node as u64).wrapping_mul(0x9e37_79b9), c, 3);
                    let k = arms.iter().position(|(cum, _)| b < *cum).unwrap_or(arms.len() - 1);
                    let reason = format!("arm {}", names[k]);
                    self.record(at, f, Some(id), c, Some(node), Decided::Step, reason, holdout, 0);
                    self.advance(id, arms[k].1, vt);
                }
                CNode::Task { text, next } => {
                    self.tasks.push(TaskOrder { at, flow: Some(f), customer: c, ticket: None, text: text.clone() });
                    self.record(at, f, Some(id), c, Some(node), Decided::Task, text, holdout, 0);
                    self.advance(id, next, vt);
                }
                CNode::Email { template, subject, next, .. } => match self.may_send(id, at) {
                    Gate::Go => {
                        let e = &self.enrolments[&id];
                        let offer = e.offer_percent;
                        let reference = e.reference;
                        let g = self.guards.entry(c).or_default();
                        g.sends.push_back(at);
                        g.last_send = Some((at, f));
                        if let Some(fx) = self.facts.get_mut(&c) {
                            fx.first_mailed_at.get_or_insert(at);
                        }
                        if holdout {
                            let reason = format!("would have sent \u{201c}{subject}\u{201d} (holdout)");
                            self.record(at, f, Some(id), c, Some(node), Decided::WouldSend, reason, true, 0);
                        } else {
                            self.stats[f].delivered += 1;
                            self.emails.push(Outgoing {
                                at,
                                flow: f,
                                enrolment: id,
                                customer: c,
                                node,
                                template,
                                subject: subject.clone(),
                                offer_percent: offer,
                                reference,
                            });
                            let reason = format!("sent \u{201c}{subject}\u{201d}");
                            self.record(at, f, Some(id), c, Some(node), Decided::Sent, reason, false, 0);
                        }
                        self.advance(id, next, vt);
                    }
                    Gate::Hold(h, until, reason) => {
                        self.hold(id, at, h, until, reason);
                        return;
                    }
                    Gate::Skip(reason) => {
                        self.record(at, f, Some(id), c, Some(node), Decided::Skipped, reason, holdout, 0);
                        self.advance(id, next, vt);
                    }
                    Gate::End(reason) => {
                        self.end(id, at, reason);
                        return;
                    }
                },
                CNode::Offer { percent, next } => match self.may_offer(id, percent, at) {
                    Ok(cost) => {
                        if holdout {
                            let reason = format!("would have offered {percent}% off (holdout)");
                            self.record(at, f, Some(id), c, Some(node), Decided::WouldOffer, reason, true, cost);
                        } else {
                            self.spend.push_back((at, cost));
                            self.guards.entry(c).or_default().offer_at = Some(at);
                            let reason = format!("offered {percent}% off");
                            self.record(at, f, Some(id), c, Some(node), Decided::Offer, reason, false, cost);
                        }
                        if let Some(e) = self.enrolments.get_mut(&id) {
                            e.offer_percent = Some(percent);
                        }
                        self.advance(id, next, vt);
                    }
                    Err(reason) => {
                        self.record(at, f, Some(id), c, Some(node), Decided::Refused, reason.clone(), holdout, 0);
                        self.end(id, at, format!("ended: no offer allowed ({reason})"));
                        return;
                    }
                },
            }
        }
    }

    fn schedule(&mut self, id: u64, t: i64) {
        if let Some(e) = self.enrolments.get_mut(&id) {
            if e.due != Some(t) {
                e.due = Some(t);
                self.heap.push(Reverse((t, id)));
            }
        }
    }

    /// The send-time guardrails, in order.
    fn may_send(&mut self, id: u64, at: i64) -> Gate {
        let e = &self.enrolments[&id];
        let (f, c, since) = (e.flow, e.customer, e.since);
        let p = &self.flows[f].policy;
        let facts = self.facts.get(&c);
        let Some(facts) = facts else { return Gate::End("ended: the customer is no longer in the store".into()) };
        if facts.consent_at_time(at) != Consent::Subscribed {
            return Gate::End("ended: no marketing consent".into());
        }
        if facts.suppressed(at) {
            return Gate::End("ended: the address is suppressed (bounced, complained or unsubscribed)".into());
        }
        let late = at - since;
        if late > i64::from(p.max_late_hours) * HOUR {
            return Gate::Skip(format!(
                "skipped: {} late (asleep, offline or held); a step more than {} late is not sent",
                duration_words(late - late % HOUR.max(1)),
                duration_words(i64::from(p.max_late_hours) * HOUR)
            ));
        }
        let g = self.guards.entry(c).or_default();
        if g.open_tickets > 0 {
            return Gate::Hold(Hold::Ticket, None, "held: a support ticket is open; resumes when it is closed".into());
        }
        if p.engagement_days > 0 {
            let window = i64::from(p.engagement_days) * DAY;
            let mailed_long_ago = facts.first_mailed_at.is_some_and(|m| at - m > window);
            let engaged_recently = facts.engaged_at.is_some_and(|e| at - e <= window);
            if mailed_long_ago && !engaged_recently {
                return Gate::Skip(format!("skipped: no open or click in {} days", p.engagement_days));
            }
        }
        let window = i64::from(p.frequency_days) * DAY;
        while g.sends.front().is_some_and(|s| at - *s >= window) {
            g.sends.pop_front();
        }
        if g.sends.len() >= p.frequency_cap as usize {
            let free = g.sends[g.sends.len() - p.frequency_cap as usize] + window;
            return Gate::Hold(
                Hold::Cap,
                Some(free.max(at + 1)),
                format!("held: frequency cap {} per {} days", p.frequency_cap, p.frequency_days),
            );
        }
        let tz = self.zones.of(Some(facts));
        if p.is_quiet(local_hour(at, tz)) {
            let until = next_local_hour(at, p.quiet_end_hour, tz);
            return Gate::Hold(
                Hold::Quiet,
                Some(until),
                format!(
                    "held: quiet hours {}:00–{}:00 in the customer's time zone",
                    p.quiet_start_hour, p.quiet_end_hour
                ),
            );
        }
        Gate::Go
    }

    /// The discount policy. `Ok` with the offer's cost.
    fn may_offer(&mut self, id: u64, percent: u32, at: i64) -> Result<i64, String> {
        let e = &self.enrolments[&id];
        let (f, c, holdout) = (e.flow, e.customer, e.holdout);
        let p = &self.flows[f].policy;
        let facts = self.facts.get(&c);
        if p.no_discount_for_segment_a && facts.is_some_and(|x| x.segment == "a") {
            return Err("refused: no discount for customers who usually pay full price (group A)".into());
        }
        if p.no_discount_for_segment_a && facts.is_none_or(|x| x.segment == UNSCORED) {
            return Err("refused: not scored yet, so this could be a customer who pays full price (group A)".into());
        }
        if percent > p.max_discount_percent {
            return Err(format!("refused: {percent}% is deeper than the {}% maximum", p.max_discount_percent));
        }
        if p.no_stacking {
            if let Some(o) = self.guards.get(&c).and_then(|g| g.offer_at) {
                if at - o < OFFER_OPEN_DAYS * DAY {
                    return Err("refused: an earlier offer is still open (no stacking)".into());
                }
            }
        }
        let value = if e.value_minor > 0 { e.value_minor } else { facts.map_or(0, |x| x.order_value_minor) };
        let cost = value * i64::from(percent) / 100;
        if let Some(margin) = e.margin_minor {
            let after = margin - cost;
            let price = value - cost;
            if price <= 0 || after * 100 < i64::from(p.min_margin_percent) * price {
                return Err(format!(
                    "refused: the order would keep less than the {}% minimum margin after {percent}% off",
                    p.min_margin_percent
                ));
            }
        }
        if !holdout {
            while self.spend.front().is_some_and(|(t, _)| at - t >= 7 * DAY) {
                self.spend.pop_front();
            }
            let spent: i64 = self.spend.iter().map(|s| s.1).sum();
            if spent + cost > p.weekly_discount_budget_minor {
                return Err("refused: this week's discount budget is used up".into());
            }
        }
        Ok(cost)
    }
}

enum Gate {
    Go,
    Hold(Hold, Option<i64>, String),
    Skip(String),
    End(String),
}

fn hold_words(h: Hold) -> &'static str {
    match h {
        Hold::Ticket => "support ticket open",
        Hold::Cap => "frequency cap",
        Hold::Quiet => "quiet hours",
        Hold::Kill => "kill switch",
        Hold::Paused => "flow paused",
    }
}

impl Hold {
    pub fn code(self) -> &'static str {
        match self {
            Hold::Ticket => "ticket",
            Hold::Cap => "cap",
            Hold::Quiet => "quiet",
            Hold::Kill => "kill",
            Hold::Paused => "paused",
        }
    }
    pub fn parse(s: &str) -> Option<Hold> {
        Some(match s {
            "ticket" => Hold::Ticket,
            "cap" => Hold::Cap,
            "quiet" => Hold::Quiet,
            "kill" => Hold::Kill,
            "paused" => Hold::Paused,
            _ => return None,
        })
    }
}

fn test_words(t: &Test) -> String {
    match t {
        Test::Segment(s) => match s.as_str() {
            "a" => "group A (usually pays full price)".into(),
            "b" => "group B (waits for a discount)".into(),
            "c" => "group C (new here)".into(),
            other => format!("group {other}"),
        },
        Test::Event(k) => format!("{} since entry", k.words()),
        Test::Conds(cs) => cs.iter().map(Cond::words).collect::<Vec<_>>().join(" and "),
    }
}

fn cond_value_words(c: &Cond, f: &Facts, t: i64) -> String {
    match c.field {
        Field::Consent => format!("email consent is {}", f.consent_at_time(t).as_str().replace('_', " ")),
        Field::Status => format!("status is {}", f.status.replace('_', " ")),
        Field::Segment => format!("group is {}", f.segment.to_uppercase()),
        other => format!("{} does not match", field_words(other)),
    }
}
