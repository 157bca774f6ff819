//! How the CLI talks to people: aligned tables, grouped numbers, money with its currency, a
//! progress line on standard error, and errors that say what to do.

#![allow(clippy::print_stdout, clippy::print_stderr)] // this module is the CLI's voice

use std::io::Write;
use std::time::Duration;

use serde::Serialize;
use storeloop_core::api::{
    ApiError, AppStatus, AuditReport, Delivery, DemoReport, FlowSummary, ForgetReport, HomeStats, ImportReport,
    LedgerMessage, Money, Progress, ProviderEventsReport, PurchaseLogModel, ScoreMode, ScoreSummary, SegmentSize,
    Severity,
};
use storeloop_core::paths::DataDir;

/// `println!` that ends the process quietly when whoever reads the output has gone (`storeloop
/// ... | head`), instead of panicking on the closed pipe.
macro_rules! println {
    () => { $crate::human::out(format_args!("")) };
    ($($arg:tt)*) => { $crate::human::out(format_args!($($arg)*)) };
}

/// Writes one line to standard output; a closed pipe ends the process with success.
pub fn out(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.write_all(b"\n")) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

pub fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: could not write JSON: {e}"),
    }
}

pub fn print_json_error(e: &ApiError) {
    // Errors go to standard error in both modes, so standard output stays parseable.
    match serde_json::to_string(&serde_json::json!({ "error": e })) {
        Ok(s) => eprintln!("{s}"),
        Err(_) => eprintln!("{e}"),
    }
}

pub fn print_error(e: &ApiError) {
    eprintln!("error: {}", e.message);
}

pub fn progress(p: &Progress) {
    let mut err = std::io::stderr().lock();
    let pct = (p.done * 100).checked_div(p.total).unwrap_or(0);
    let _ = write!(err, "\r\x1b[2K{:>3}%  {}", pct, p.message);
    let _ = err.flush();
}

pub fn end_progress() {
    eprintln!();
}

/// 1234567 → "1,234,567".
pub fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// Money with two decimals (the CLI shows minor units of two-decimal currencies; others as is).
pub fn money(m: &Money) -> String {
    let zero_decimals = matches!(m.currency.as_str(), "JPY" | "KRW" | "CLP" | "ISK" | "VND");
    if zero_decimals {
        return format!("{} {}", group(m.minor), m.currency);
    }
    let sign = if m.minor < 0 { "-" } else { "" };
    let abs = m.minor.unsigned_abs();
    format!("{sign}{}.{:02} {}", group((abs / 100) as i64), abs % 100, m.currency)
}

fn pct(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

pub fn stats(s: &HomeStats) {
    println!("{} ({}, {})", s.store.name, s.store.currency, s.store.timezone);
    let rows = [
        ("Customers", group(s.customers)),
        ("Orders", group(s.orders)),
        ("Revenue", money(&s.revenue)),
        ("Repeat-purchase rate", pct(s.repeat_purchase_rate)),
        ("Average order value", s.average_order_value.as_ref().map_or_else(|| "—".to_owned(), money)),
        ("Discount rate", pct(s.discount_rate)),
        ("Return rate", pct(s.return_rate)),
    ];
    for (label, value) in rows {
        println!("  {label:<22} {value:>18}");
    }
    if let (Some(first), Some(last)) = (&s.first_order_at, &s.last_order_at) {
        println!("  Orders from {} to {}", &first[..10.min(first.len())], &last[..10.min(last.len())]);
    }
}

pub fn status(s: &AppStatus) {
    println!("Storeloop {}", s.version);
    println!("  Data folder      {}", s.data_dir);
    println!("  Database         {}", s.database_path);
    println!("  Data version     {}", s.schema_version);
    match &s.store {
        Some(store) => println!("  Store            {} ({:?})", store.name, store.source),
        None => println!("  Store            none yet: run `storeloop demo` or open the app"),
    }
}

pub fn demo_report(r: &DemoReport, took: Duration, dir: &DataDir) {
    println!("Made the demo store \"{}\" (seed {}) in {:.1} s:", r.store.name, r.seed, took.as_secs_f64());
    let rows = [
        ("products", r.products),
        ("variants", r.variants),
        ("customers", r.customers),
        ("orders", r.orders),
        ("order lines", r.line_items),
        ("refunds", r.refunds),
        ("abandoned checkouts", r.abandoned_checkouts),
        ("browsing events", r.events),
        ("support tickets", r.support_tickets),
    ];
    for (label, n) in rows {
        println!("  {:>12}  {label}", group(n as i64));
    }
    println!("Saved in {}", dir.database().display());
}

pub fn audit(r: &AuditReport) {
    println!("Data audit of {}: {} of {} checks found something", r.ran_at, r.problems, r.findings.len());
    for f in &r.findings {
        let mark = match (f.count, f.severity) {
            (0, _) => "ok     ",
            (_, Severity::Blocker) => "BLOCKER",
            (_, Severity::Warning) => "warning",
            (_, Severity::Info) => "info   ",
        };
        if f.count == 0 {
            println!("  {mark}  {}: none", f.title);
            continue;
        }
        println!("  {mark}  {}: {}", f.title, group(f.count));
        for e in f.examples.iter().take(3) {
            println!("             e.g. {e}");
        }
        println!("             What to do: {}", f.fix);
    }
}

/// "42%  3.1 MB of 7.4 MB · 2.1 MB/s · about 2 s left".
pub fn import_progress(p: &Progress, elapsed: Duration) {
    let mut err = std::io::stderr().lock();
    let pct = (p.done * 100).checked_div(p.total).unwrap_or(0);
    let secs = elapsed.as_secs_f64().max(0.001);
    let rate = p.done as f64 / secs;
    let left = if rate > 0.0 { (p.total.saturating_sub(p.done)) as f64 / rate } else { 0.0 };
    let _ = write!(
        err,
        "\r\x1b[2K{pct:>3}%  {:.1} MB of {:.1} MB · {:.1} MB/s · about {:.0} s left",
        p.done as f64 / 1e6,
        p.total as f64 / 1e6,
        rate / 1e6,
        left
    );
    let _ = err.flush();
}

/// Progress of work counted in records: the core's own sentence ("Reading orders: 1,200 of 3,000").
pub fn items_progress(p: &Progress) {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r\x1b[2K{}", p.message);
    let _ = err.flush();
}

pub fn import(r: &ImportReport, took: Duration) {
    println!("Imported {} ({}) in {:.1} s", r.file, r.kind, took.as_secs_f64());
    if let Some(line) = r.resumed_after_line {
        println!("  (picked up an interrupted import after line {line})");
    }
    println!("  {:>10}  rows read", group(r.rows_read as i64));
    println!("  {:>10}  new", group(r.inserted as i64));
    println!("  {:>10}  updated", group(r.updated as i64));
    println!("  {:>10}  already there, unchanged", group(r.unchanged as i64));
    println!("  {:>10}  rows rejected", group(r.rejected as i64));
    for p in r.problems.iter().take(10) {
        match &p.column {
            Some(c) => println!("    line {}, column \"{c}\": {}", p.line, p.reason),
            None => println!("    line {}: {}", p.line, p.reason),
        }
    }
    if r.rejected as usize > r.problems.len().min(10) {
        println!("    … use --json to see the first {} problems", r.problems.len());
    }
}

pub fn forgotten(r: &ForgetReport) {
    println!("Erased the personal data of customer {}.", r.customer_id);
    println!("  {:>8}  orders kept, anonymous (your figures do not change)", group(r.orders_kept as i64));
    println!("  {:>8}  browsing events deleted", group(r.events_deleted as i64));
    println!("  {:>8}  support tickets emptied", group(r.tickets_erased as i64));
    println!("  {:>8}  abandoned checkouts cleared of their email", group(r.checkouts_erased as i64));
    println!("The request is in the privacy log, without the erased data.");
}

pub fn import_bench(r: &crate::bench::ImportBench) {
    println!(
        "Import of {} ({:.0} MB, {} rows, {} orders, {} lines)",
        r.file,
        r.file_bytes as f64 / 1e6,
        group(r.rows_read as i64),
        group(r.orders as i64),
        group(r.lines as i64)
    );
    println!("  import          {:>8.2} s", r.import_seconds);
    println!("  plain inserts   {:>8.2} s  (the ceiling: same orders, prepared INSERTs only)", r.ceiling_seconds);
    println!("  ratio           {:>8.2}×", r.ratio);
}

pub fn bgnbd_bench(r: &storeloop_core::api::BgNbdBench) {
    println!(
        "BG/NBD on {} ({} customers, {} bought again)",
        r.file,
        group(r.customers as i64),
        group(r.repeat_buyers as i64)
    );
    println!("  fit             {:>8.3} s best of {}  {:?}", r.fit_best_seconds, r.runs, r.fit_seconds);
    println!("  score all       {:>8.3} s best of {}  {:?}", r.score_best_seconds, r.runs, r.score_seconds);
    println!(
        "  r = {:.5}  alpha = {:.5}  a = {:.5}  b = {:.5}  LL = {:.2} ({} iterations)",
        r.r, r.alpha, r.a, r.b, r.log_likelihood, r.iterations
    );
}

pub fn mail_bench(r: &storeloop_core::api::MailBench) {
    println!("Email: {} messages", group(r.messages as i64));
    println!("  render only          {:>8.0} messages/s  ({:.2} s)", r.render_per_second, r.render_seconds);
    println!(
        "  render + SMTP send   {:>8.0} messages/s  ({:.2} s, {} sent, through the ledger)",
        r.send_per_second, r.send_seconds, r.sent
    );
}

pub fn bench(r: &crate::bench::BenchReport) {
    println!(
        "Demo store: {} customers, {} orders, {} rows",
        group(i64::from(r.customers)),
        group(r.orders as i64),
        group(r.rows as i64)
    );
    println!("  generate        {:>8.2} s  ({:.0} MB on disk)", r.generate_seconds, r.database_bytes as f64 / 1e6);
    println!(
        "  stats           {:>8.3} s median  (min {:.3} s, max {:.3} s, {} runs)",
        r.stats_median_seconds, r.stats_min_seconds, r.stats_max_seconds, r.stats_runs
    );
    if let (Some(s), Some(mode)) = (r.score_seconds, &r.score_mode) {
        println!("  score           {s:>8.2} s  (every customer: features, models, segments, write-back; {mode})");
    }
}

pub fn purchase_log_model(m: &PurchaseLogModel) {
    println!(
        "{}: {} customers ({} bought again), {} transactions",
        m.file, m.customers, m.repeat_buyers, m.transactions
    );
    println!("Calibration up to {}, holdout to {} ({:.1} weeks)", m.calibration_end, m.holdout_end, m.holdout_weeks);
    for n in &m.notes {
        println!("  note: {n}");
    }
    println!();
    println!("BG/NBD          r = {:.4}   alpha = {:.4}   a = {:.4}   b = {:.4}", m.r, m.alpha, m.a, m.b);
    println!("                log-likelihood {:.2} ({} iterations)", m.log_likelihood, m.iterations);
    match (&m.gamma_gamma, &m.gamma_gamma_note) {
        (Some(g), _) => println!(
            "Gamma-Gamma     p = {:.4}   q = {:.4}   gamma = {:.4}   ({} repeat buyers)",
            g.p, g.q, g.gamma, g.customers
        ),
        (None, Some(why)) => println!("Gamma-Gamma     not fitted: {why}"),
        (None, None) => {}
    }
    println!();
    println!("Repeat purchases in calibration vs mean purchases in the holdout period:");
    println!("{:>4}  {:>9}  {:>8}  {:>9}", "x", "customers", "actual", "predicted");
    for h in &m.holdout {
        println!("{:>4}  {:>9}  {:>8.3}  {:>9.3}", h.x, h.customers, h.actual, h.predicted);
    }
}

pub fn score_summary(s: &ScoreSummary) {
    println!(
        "Scored {} customers ({} with orders, {} repeat) in {:.1} s",
        group(s.customers as i64),
        group(s.customers_with_orders as i64),
        group(s.repeat_customers as i64),
        s.seconds
    );
    if s.mode == ScoreMode::Rules {
        println!("Using simple rules, not the models.");
    }
    if let Some(c) = &s.caution {
        println!("Note: {c}");
    }
    if let Some(b) = &s.bgnbd {
        println!("Purchase model (BG/NBD): r = {:.3}, alpha = {:.2}, a = {:.3}, b = {:.3}", b.r, b.alpha, b.a, b.b);
    }
    if let Some(g) = &s.gamma_gamma {
        println!("Spend model (Gamma-Gamma): p = {:.3}, q = {:.3}, gamma = {:.1}", g.p, g.q, g.gamma);
    }
    println!(
        "Expected orders in the next 90 days: {:.0} (80% interval {:.0}–{:.0})",
        s.expected_orders_90d, s.expected_orders_90d_low, s.expected_orders_90d_high
    );
    println!("Lifetime value of all customers, next 12 months: {}", money(&s.total_clv));
    if let Some(p) = &s.propensity {
        println!(
            "Full-price model: AUC {:.3} on {} customers as of {} (trained as of {})",
            p.auc,
            group(p.test_customers as i64),
            p.test_date,
            p.train_date
        );
    }
    if let Some(r) = &s.recommendations {
        println!(
            "Recommendations: hit-rate@{} {:.1}% vs best sellers {:.1}% ({} held-out last orders)",
            r.k,
            r.hit_rate * 100.0,
            r.popular_hit_rate * 100.0,
            group(r.customers as i64)
        );
    }
    for st in &s.statuses {
        println!("  {:<12} {:>10}", format!("{:?}", st.status), group(st.customers as i64));
    }
    segments(&s.segments);
    if let Some(h) = &s.health {
        println!("Model health ({}): {}", &h.checked_at[..10], h.message);
    }
}

pub fn segments(list: &[SegmentSize]) {
    for seg in list {
        println!("  {:<28} {:>10}  {}", seg.name, group(seg.customers as i64), seg.description);
    }
}

pub fn delivery(d: &Delivery, to: &str) {
    match d.state.as_str() {
        "sent" if d.transport == "outbox" => println!(
            "Test email to {to} written to the outbox (nothing left this computer): {}",
            d.provider_message_id.as_deref().unwrap_or("")
        ),
        "sent" => {
            println!("Test email to {to} sent by {}: {}", d.transport, d.provider_message_id.as_deref().unwrap_or(""))
        }
        state => println!(
            "Test email to {to}: {state}{}",
            d.detail.as_deref().map(|x| format!(" ({x})")).unwrap_or_default()
        ),
    }
}

pub fn ledger(list: &[LedgerMessage]) {
    if list.is_empty() {
        println!("No messages yet.");
        return;
    }
    println!("{:>6}  {:<10}  {:<8}  {:<28}  subject", "id", "state", "via", "to");
    for m in list {
        println!("{:>6}  {:<10}  {:<8}  {:<28}  {}", m.id, m.state, m.transport, m.to, m.subject);
        if let Some(d) = &m.detail {
            println!("{:>6}  {d}", "");
        }
    }
}

pub fn provider_events(r: &ProviderEventsReport) {
    println!("{} events from {} ({})", r.events, r.file, r.provider);
    println!("  newly suppressed       {:>6}  (bounced, complained or unsubscribed: no more marketing)", r.suppressed);
    println!("  already suppressed     {:>6}", r.already_suppressed);
    println!("  opened or clicked      {:>6}  (kept: flows stop mailing people who never open)", r.engaged);
    println!("  informational          {:>6}  (delivered, temporary failures)", r.informational);
    if !r.unknown.is_empty() {
        println!("  not understood         {:>6}  (nothing was done for these)", r.unknown.len());
        for u in r.unknown.iter().take(10) {
            println!("    {u}");
        }
    }
}

pub fn print_raw(text: &str) {
    println!("{text}");
}

pub fn flows(list: &[FlowSummary]) {
    if list.is_empty() {
        println!("No flows yet. Import one with `storeloop flows import FILE`.");
        return;
    }
    println!("{:<22} {:<9} {:>4} {:>6}  name", "flow", "status", "v", "steps"); // column heads
    for f in list {
        println!("{:<22} {:<9} {:>4} {:>6}  {}", f.slug, f.status, f.version, f.steps, f.name);
    }
}

pub fn dry_run(r: &storeloop_core::api::DryRunReport) {
    println!("Dry run of {} (version {}) over the last {} days:", r.slug, r.version, r.days);
    println!(
        "  triggered {}  entered {} (holdout {})  emails {}  discounts {} costing {}",
        r.triggered,
        r.entered,
        r.holdout,
        r.emails_sent,
        r.discounts,
        money(&r.discount_cost)
    );
    println!("  {:<20} {:>8} {:>8} {:>8} {:>8}", "step", "reached", "sent", "holdout", "held"); // column heads
    for n in &r.nodes {
        println!("  {:<20} {:>8} {:>8} {:>8} {:>8}", n.node, n.reached, n.sent, n.would_send, n.held);
    }
    for (title, list) in [("Held or refused", &r.holds), ("Ended", &r.endings), ("Not entered", &r.not_entered)] {
        if !list.is_empty() {
            println!("{title}:");
            for c in list.iter().take(8) {
                println!("  {:>7}  {}", c.count, c.reason);
            }
        }
    }
    for n in &r.notes {
        println!("Note: {n}");
    }
}

pub fn kill_state(k: &storeloop_core::api::KillState) {
    if k.all {
        println!("All sending is stopped. {} flow emails are held in the outbox, not lost.", k.held_messages);
    } else if k.flows.is_empty() {
        println!("Sending is on. No flow is stopped.");
    } else {
        println!("Stopped flows: {}. {} of their emails are held in the outbox.", k.flows.join(", "), k.held_messages);
    }
}

pub fn decisions(p: &storeloop_core::api::DecisionPage) {
    if p.entries.is_empty() {
        println!("No decisions yet: they appear once a flow runs.");
        return;
    }
    for d in &p.entries {
        println!(
            "{}  {:<18} {:<26} {:<11} {}{}",
            d.at.get(..16).unwrap_or(&d.at),
            d.flow.as_deref().unwrap_or("-"),
            d.customer.as_deref().unwrap_or("-"),
            d.decision,
            d.reason,
            if d.holdout { " [holdout]" } else { "" }
        );
    }
    println!("{} of {} decisions.", p.entries.len(), p.total);
}

pub fn tick(t: &storeloop_core::api::TickReport, sent: u64) {
    println!(
        "Flows: {} entered, {} steps, {} held, {} ended, {} emails queued; {sent} sent.",
        t.entered, t.steps, t.held, t.exited, t.queued
    );
    for p in &t.paused {
        println!("Paused automatically: {p} (see `storeloop flows decisions --flow {p}`).");
    }
}

pub fn tasks(tasks: &[storeloop_core::api::TaskView]) {
    if tasks.is_empty() {
        println!("No tasks: nothing needs a person right now.");
    }
    for t in tasks {
        let state = if t.done_at.is_some() { "done" } else { "open" };
        println!("{:>5} {state:<5} {}  {}", t.id, t.customer, t.text);
    }
}

pub fn lift(r: &storeloop_core::api::LiftReport) {
    println!(
        "{}: holdout {} recipients (mean {:.4}), treatment {} (mean {:.4})",
        r.metric, r.holdout.recipients, r.holdout.mean, r.treatment.recipients, r.treatment.mean
    );
    let show = |name: &str, l: &Option<storeloop_core::api::LiftInterval>| {
        if let Some(l) = l {
            println!("  {name:<9} {:+.6}  95% [{:+.6}, {:+.6}]  p = {:.6}", l.estimate, l.low, l.high, l.p_value);
        }
    };
    show("absolute", &r.absolute);
    show("relative", &r.relative);
    if let Some(c) = &r.cuped {
        println!("  CUPED (theta {:.4}):", c.theta);
        show("absolute", &Some(c.absolute));
        show("relative", &c.relative);
    }
    println!("{}", r.verdict);
}

pub fn flow_measurement(m: &storeloop_core::api::FlowMeasurement) {
    println!("{} — {}-day window, {} emails sent", m.name, m.window_days, m.emails_sent);
    println!("  {:<22} {:>12} {:>12}", "", "treatment", "holdout"); // column heads
    println!("  {:<22} {:>12} {:>12}", "recipients", m.treatment.recipients, m.holdout.recipients);
    let pct = |v: f64| format!("{:.1}%", v * 100.0);
    for (label, t, h) in [
        ("ordered", m.treatment.conversion_rate, m.holdout.conversion_rate),
        ("orders with discount", m.treatment.discount_rate, m.holdout.discount_rate),
        ("units returned", m.treatment.return_rate, m.holdout.return_rate),
    ] {
        println!("  {label:<22} {:>12} {:>12}", pct(t), pct(h));
    }
    println!(
        "  {:<22} {:>12} {:>12}",
        "discount cost",
        money(&m.treatment.discount_cost),
        money(&m.holdout.discount_cost)
    );
    let interval = |l: &storeloop_core::api::LiftReport| match &l.absolute {
        Some(a) => format!("{:+.2} {} (95% interval {:+.2} to {:+.2})", a.estimate, m.currency, a.low, a.high),
        None => "not measurable yet".to_owned(),
    };
    println!("Incremental margin per recipient: {}", interval(&m.margin));
    println!("  {}", m.margin.verdict);
    println!("Incremental revenue per recipient: {}", interval(&m.revenue));
    println!("  {}", m.revenue.verdict);
    println!("{}", m.last_click.explanation);
    println!(
        "Unsubscribes {:.2}% and complaints {:.3}% per email; discount leakage to full-price customers: {} orders, {}.",
        m.unsubscribe_rate * 100.0,
        m.complaint_rate * 100.0,
        m.leakage_orders,
        money(&m.leakage_cost)
    );
    for s in &m.segments {
        println!("  {}: {}", s.name, s.margin.verdict);
    }
    for a in &m.arms {
        println!("  Arm {}: margin {}; {}", a.arm, interval(&a.margin), a.margin.verdict);
    }
    if !m.weeks.is_empty() {
        println!(
            "  {:<10} {:>9} {:>9} {:>12} {:>12} {:>10} {:>7} {:>7}",
            "week of", "treated", "holdout", "margin/rec", "holdout", "discounts", "emails", "unsubs"
        );
        for w in &m.weeks {
            println!(
                "  {:<10} {:>9} {:>9} {:>12.2} {:>12.2} {:>10.2} {:>7} {:>7}",
                w.week_start,
                w.treatment_recipients,
                w.holdout_recipients,
                w.treatment_margin_per_recipient,
                w.holdout_margin_per_recipient,
                w.discount_spend,
                w.emails_sent,
                w.unsubscribes
            );
        }
    }
    for n in &m.notes {
        println!("Note: {n}");
    }
}

/// One JSON object on its own line.
pub fn print_json_line<T: serde::Serialize>(value: &T) {
    match serde_json::to_string(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("could not write JSON: {e}"),
    }
}

pub fn flow_history(h: &storeloop_core::api::DemoFlowHistory) {
    println!("Played the playbooks live over {} days ({} to {}):", h.days, h.from, h.to);
    for f in &h.flows {
        println!(
            "  {:<22} {:>7} emails  {:>5} orders they caused  planted margin {:.2} per recipient",
            f.slug,
            group(f.emails_sent as i64),
            group(f.persuaded_orders as i64),
            f.true_margin_per_recipient
        );
    }
    println!(
        "  {} orders came through an email's link (last click); {} customers unsubscribed.",
        group(h.last_click_orders as i64),
        group(h.unsubscribes as i64)
    );
    println!("See what measurement finds: storeloop measure flow abandoned-cart");
}

pub fn digest(d: &storeloop_core::api::WeeklyDigest) {
    println!("Week of {} to {}", &d.from[..10], &d.to[..10]);
    println!("{}", d.headline);
    for f in &d.flows {
        let inc = match &f.incremental_margin {
            Some(i) => format!("{:+.2} {} (95% interval {:+.2} to {:+.2})", i.estimate, d.currency, i.low, i.high),
            None => "not measurable yet".into(),
        };
        println!(
            "  {:<22} {:<8} {:>6} new  {:>6} emails  {:>3} unsubscribed  incremental margin so far {inc}",
            f.slug, f.status, f.new_recipients, f.emails_sent, f.unsubscribes
        );
    }
    for a in &d.alerts {
        println!("ALERT  {}", a.message);
    }
}

pub fn flow_measurements(all: &[storeloop_core::api::FlowMeasurement]) {
    for m in all {
        flow_measurement(m);
        println!();
    }
}

pub fn alerts(alerts: &[storeloop_core::api::FlowAlert]) {
    if alerts.is_empty() {
        println!("No live flow is past its failure limit.");
    }
    for a in alerts {
        println!("ALERT  {}", a.message);
    }
}

pub fn watch(flow: &str, w: &storeloop_core::api::FlowWatch) {
    let limit = if w.failure_metric == "margin_loss" {
        "is clearly below zero".to_owned()
    } else {
        format!("passes {:.2}%", w.failure_threshold * 100.0)
    };
    println!(
        "{flow}: judged by {}; alert when {} {limit}{}.",
        w.success_metric,
        w.failure_metric,
        if w.pause_on_failure { ", and pause the flow" } else { "" }
    );
}

pub fn copy_variants(v: &[storeloop_core::api::CopyVariant]) {
    for (i, c) in v.iter().enumerate() {
        let mark = if c.findings.is_empty() { "passes" } else { "FAILS " };
        println!("{:>2}. [{mark}] {}  ({})", i + 1, c.text.replace('\n', " / "), c.hook.as_deref().unwrap_or(""));
        for f in &c.findings {
            println!("      {}: “{}” — {}", f.rule, f.span, f.explanation);
        }
    }
}

pub fn copy_generator(g: &storeloop_core::api::CopyGenerator) {
    match &g.provider {
        None => {
            println!("No language model is set up: copy is drafted offline from your catalog.");
            println!("Set one with: storeloop copy generator set --provider NAME --model MODEL --key-stdin");
        }
        Some(p) => {
            let label = g.providers.iter().find(|x| &x.name == p).map_or(p.as_str(), |x| x.label.as_str());
            println!("{label}, model {}", g.model);
            if let Some(b) = &g.base_url {
                println!("  at {b}");
            }
            println!("  key: {}", if g.key_saved { "saved in the system keychain" } else { "none saved" });
            println!("  prompt: {}", g.prompt);
        }
    }
}

pub fn checked_lines(lines: &[storeloop_core::api::CheckedLine]) {
    let failing = lines.iter().filter(|l| !l.findings.is_empty()).count();
    println!("{} lines checked: {} pass, {} fail.", lines.len(), lines.len() - failing, failing);
    for l in lines.iter().filter(|l| !l.findings.is_empty()) {
        println!("line {} ({}): {}", l.line, l.kind, l.text.replace('\n', " / "));
        for f in &l.findings {
            println!("      {}: “{}” — {}", f.rule, f.span, f.explanation);
        }
    }
}

/// JSON when asked, words otherwise.
pub fn print_json_or<T: Serialize>(json: bool, value: &T, words: impl FnOnce()) {
    if json {
        print_json(value);
    } else {
        words();
    }
}

pub fn queued(v: &[storeloop_core::api::QueuedVariant]) {
    if v.is_empty() {
        println!("The review queue is empty: `storeloop copy queue --product SKU` fills it.");
    }
    for q in v {
        let mark = match (q.state.as_str(), q.sendable) {
            ("approved", true) => "approved",
            ("approved", false) => "approved, no longer passes",
            (s, _) => s,
        };
        println!("{:>5}  [{mark}] v{} {}: {}", q.id, q.version, q.kind, q.text.replace('\n', " / "));
        for f in &q.findings {
            println!("         {}: “{}” — {}", f.rule, f.span.chars().take(60).collect::<String>(), f.explanation);
        }
    }
}

pub fn copy_history(h: &[storeloop_core::api::CopyReview]) {
    for r in h {
        let mut line = format!("{}  v{}  {} by {}", r.at, r.version, r.action, r.by);
        if !r.checks.is_empty() {
            line.push_str(&format!("; findings then: {}", r.checks.join(", ")));
        }
        for o in &r.overridden {
            line.push_str(&format!("; overrode {} because “{}”", o.rule, o.reason));
        }
        if let Some(n) = &r.note {
            line.push_str(&format!("; note: {n}"));
        }
        println!("{line}");
    }
}

pub fn copy_test_started(flow: &str, node: &str, ids: &[i64]) {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    println!(
        "{flow} / {node} now tests variants {} (a new version of the flow): dry-run it and approve it, then launch.",
        list.join(", ")
    );
}

/// Text as it is (a CSV), without a line added.
pub fn raw(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(text.as_bytes()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

pub fn wrote(path: &std::path::Path, rows: usize) {
    println!("Wrote {rows} ad variants to {}.", path.display());
}

pub fn connections(c: &[storeloop_core::api::Connection]) {
    if c.is_empty() {
        println!(
            "No store is connected. Connect one with: storeloop connect woocommerce --url URL --key CK --secret-stdin"
        );
        return;
    }
    for x in c {
        println!("{} — {} ({})", x.shop_name.as_deref().unwrap_or(&x.base_url), x.platform, x.base_url);
        if !x.scopes.is_empty() {
            println!("  access: {}", x.scopes.join(", "));
        }
        println!("  key: {}", if x.key_saved { "in the system keychain" } else { "missing: connect again" });
        match (&x.last_sync_at, &x.last_status) {
            (Some(at), Some(s)) => println!("  last sync: {at} ({s})"),
            _ => println!("  not synced yet: run `storeloop sync`"),
        }
        if let Some(e) = &x.last_error {
            println!("  error: {e}");
        }
    }
}

pub fn sync_runs(runs: &[storeloop_core::api::SyncRun], took: std::time::Duration) {
    for r in runs {
        println!("{} synced in {:.1} s{}", r.platform, took.as_secs_f64(), if r.full { " (everything)" } else { "" });
        for c in &r.counts {
            println!(
                "  {:<10} {:>7} new  {:>7} updated  {:>7} unchanged",
                c.resource, c.inserted, c.updated, c.unchanged
            );
        }
        for w in r.warnings.iter().take(20) {
            println!("  note: {w}");
        }
        if r.warnings.len() > 20 {
            println!("  … and {} more notes (storeloop connections --json lists them)", r.warnings.len() - 20);
        }
    }
}

/// A flow's WORKFLOW checklist, item by item.
pub fn checklist(c: &storeloop_core::api::WorkflowChecklist) {
    println!(
        "WORKFLOW checklist of {} (version {}): {}",
        c.slug,
        c.version,
        if c.passed { "every item verified" } else { "items still open" }
    );
    for i in &c.items {
        println!("  [{}] {} — {}", if i.passed { "x" } else { " " }, i.title, i.question);
        for e in &i.evidence {
            println!("        saw: {e}");
        }
        for m in &i.missing {
            println!("        to do: {m}");
        }
    }
    if let Some(o) = &c.last_override {
        println!("  Launched with {} open (version {}): {}", o.open.join(", "), o.version, o.reason);
    }
}

/// The rollout, step by step.
pub fn rollout(r: &storeloop_core::api::Rollout) {
    match &r.started_on {
        None => println!("The 14-day rollout has not started: `storeloop rollout --start`."),
        Some(d) => println!(
            "Rollout started {d}, today is day {} ({}); workflow: {}",
            r.day,
            r.today,
            r.flow_name.as_deref().unwrap_or("not chosen yet")
        ),
    }
    for s in &r.steps {
        let days = if s.first_day == s.last_day {
            s.first_day.to_string()
        } else {
            format!("{}–{}", s.first_day, s.last_day)
        };
        println!("Day {days} {} [{}]", s.title, s.state);
        for c in &s.checks {
            println!("  [{}] {}: {}", if c.done { "x" } else { " " }, c.label, c.evidence);
        }
    }
    if let Some(t) = &r.today_step {
        println!("Today: {t}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_money_read_like_a_person_wrote_them() {
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(group(-1_000), "-1,000");
        assert_eq!(money(&Money { minor: 123_456, currency: "EUR".into() }), "1,234.56 EUR");
        assert_eq!(money(&Money { minor: -5, currency: "EUR".into() }), "-0.05 EUR");
        assert_eq!(money(&Money { minor: 1500, currency: "JPY".into() }), "1,500 JPY");
    }
}
