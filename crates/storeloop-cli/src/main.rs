//! `storeloop`: Storeloop's engine on the command line — for scripts, cron, benchmarks and an
//! always-on machine. Every subcommand calls one `storeloop_core::api` function; `--json`
//! prints the same plain data the desktop app receives.

mod bench;
mod human;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand};
use storeloop_core::api::{ApiError, ErrorKind, Progress, Storeloop};
use storeloop_core::clock::Clock;
use storeloop_core::demo;
use storeloop_core::paths::DataDir;

/// Storeloop: marketing automation for a small store, on your own computer.
#[derive(Debug, Parser)]
#[command(name = "storeloop", version, about, long_about = None)]
struct Cli {
    /// Folder holding Storeloop's database (default: the OS app-data folder; the
    /// STORELOOP_DATA_DIR setting also chooses one).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a demo store into an empty data folder.
    Demo {
        /// How many customers (the app's demo store has 5,000).
        #[arg(long, default_value_t = demo::DEFAULT_CUSTOMERS)]
        customers: u32,
        /// Seed: the same seed and --as-of give the same store.
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
        /// End of the generated history, as an RFC 3339 instant (default: now).
        #[arg(long, value_name = "INSTANT")]
        as_of: Option<String>,
        /// Also play the four playbooks live over the last N days of the history, with a known
        /// effect planted in what customers then buy (so Measurement has results to show). On a
        /// folder that already holds the demo store, only this is done.
        #[arg(long, value_name = "N")]
        flow_days: Option<u32>,
        /// Do not print progress.
        #[arg(long)]
        quiet: bool,
    },
    /// The store's vital signs: customers, orders, revenue, repeat, discount and return rates.
    Stats,
    /// Check the store's data for what makes automation misfire (the result is saved).
    Audit,
    /// Import a file: KIND is shopify-orders. Rejected rows are listed; the rest are stored.
    Import {
        /// What the file is: shopify-orders.
        kind: String,
        /// The file to import.
        file: PathBuf,
        /// Do not print progress.
        #[arg(long)]
        quiet: bool,
    },
    /// Connect a store so it syncs without exports: `connect shopify --shop NAME --token-stdin` or
    /// `connect woocommerce --url URL --key CK --secret-stdin`. The key is checked, then kept
    /// only in the system keychain.
    Connect {
        #[command(subcommand)]
        what: ConnectCommand,
    },
    /// Sync the connected stores: what changed since the last sync (an interrupted sync goes on
    /// where it stopped), or everything with --full.
    Sync {
        #[arg(long)]
        full: bool,
        /// Do not print progress.
        #[arg(long)]
        quiet: bool,
    },
    /// The connected stores, their last syncs and any errors.
    Connections,
    /// Remove a store's connection (shopify or woocommerce) and delete its key from the keychain;
    /// the synced data stays.
    Disconnect { platform: String },
    /// Privacy requests about one customer.
    Customer {
        #[command(subcommand)]
        action: CustomerAction,
    },
    /// Score every customer: churn risk, expected orders, lifetime value, reorder date, chance of
    /// paying full price, segment and recommendations (stored; prints the run's summary).
    Score {
        /// Do not print progress.
        #[arg(long)]
        quiet: bool,
    },
    /// The segments and how many customers are in each (from the latest scoring).
    Segments,
    /// Send email: `send test --to ADDR` checks that sending works.
    Send {
        #[command(subcommand)]
        what: SendCommand,
    },
    /// The message ledger: every message that was or will be sent, and what became of it.
    Outbox {
        #[command(subcommand)]
        what: OutboxCommand,
    },
    /// How email leaves this computer: `sending show`, `sending set …` (secrets go to the OS
    /// keychain, read from standard input with --secret-stdin).
    Sending {
        #[command(subcommand)]
        what: SendingCommand,
    },
    /// Email providers' events: `events import PROVIDER FILE` turns bounces, complaints and
    /// unsubscribes into suppressions.
    Events {
        #[command(subcommand)]
        what: EventsCommand,
    },
    /// Measurement: `measure lift --csv FILE` (treatment against holdout, with intervals) and
    /// `measure flow FLOW` (a flow's results against its holdout).
    Measure {
        #[command(subcommand)]
        what: MeasureCommand,
    },
    /// Copy: `copy generate` (variants from catalog facts, offline) and `copy check` (every
    /// line of a variants file against the rules).
    Copy {
        #[command(subcommand)]
        what: CopyCommand,
    },
    /// Flows: list, show, export, import, simulate, launch, pause, resume, kill, approve, run,
    /// decisions, tasks.
    Flows {
        #[command(subcommand)]
        what: FlowsCommand,
    },
    /// Fit the customer models to a file, outside any store.
    Model {
        #[command(subcommand)]
        model: ModelCommand,
    },
    /// A flow's WORKFLOW checklist: each item as the app verified it, with its evidence.
    Checklist { flow: String },
    /// The 14-day rollout: each step's checks as verified today.
    Rollout {
        /// Start it today (a second start keeps the first date).
        #[arg(long)]
        start: bool,
        /// Work on this flow.
        #[arg(long)]
        flow: Option<String>,
    },
    /// Where the data lives, its version, and which store is open.
    Status,
    /// Upgrade the database to this version's schema (a backup is taken first).
    Migrate,
    /// Time demo-store generation and `stats` on a throwaway store (build with --release).
    Bench {
        /// Customers in the benchmark store.
        #[arg(long, default_value_t = 1_000_000)]
        customers: u32,
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
        /// How many times to time `stats`.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Keep the generated store in this (new) folder instead of deleting it.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
        /// Instead of the demo store: time importing this Shopify order export, and the raw
        /// ceiling of plain prepared inserts of the same orders, in one run.
        #[arg(long, value_name = "FILE")]
        import_orders: Option<PathBuf>,
        /// Instead of the demo store: time fitting BG/NBD to, and scoring, every customer of
        /// this `x,t_x,T` file (weeks; `scripts/bench_lifetimes.py --out` writes one).
        #[arg(long, value_name = "FILE", conflicts_with = "import_orders")]
        bgnbd: Option<PathBuf>,
        /// Also time `storeloop score` on the generated store.
        #[arg(long)]
        score: bool,
        /// Instead: render this many emails, then render and send as many to an SMTP server on
        /// 127.0.0.1:--smtp-port (e.g. `python3 -m aiosmtpd -n -l 127.0.0.1:2525`).
        #[arg(long, value_name = "N", conflicts_with_all = ["import_orders", "bgnbd"])]
        mail: Option<u64>,
        /// Instead: run the four playbooks live over this store folder's happenings (a kept
        /// demo store: `bench --customers 1000000 --keep DIR`), up to --events inputs, with a
        /// scheduler tick every --tick-hours.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["import_orders", "bgnbd", "mail"])]
        flows: Option<PathBuf>,
        #[arg(long, default_value_t = 1_000_000)]
        events: u64,
        /// Instead: time the copy checks over this many variants, and generating ten subject
        /// lines for each product of the demo catalog.
        #[arg(long, value_name = "N", conflicts_with_all = ["import_orders", "bgnbd", "mail", "flows"])]
        copy: Option<u64>,
        /// Instead: time measuring every flow of this store folder (what the Measurement screen
        /// and `measure flows` compute), --runs times, each opening the store afresh.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["import_orders", "bgnbd", "mail", "flows"])]
        measure: Option<PathBuf>,
        /// Instead: sync the whole history of the Shopify shop at this address (a local fake
        /// shop: tests/platforms/fake_shopify.py) into a new store, then --runs syncs with
        /// nothing new.
        #[arg(long, value_name = "URL", conflicts_with_all = ["import_orders", "bgnbd", "mail", "flows", "measure"])]
        sync_shopify: Option<String>,
        /// The access token for --sync-shopify.
        #[arg(long, default_value = "shpat_test")]
        token: String,
        #[arg(long, default_value_t = 6)]
        tick_hours: i64,
        #[arg(long, default_value_t = 2525)]
        smtp_port: u16,
    },
}

#[derive(Debug, Subcommand)]
enum SendCommand {
    /// Send a test email (recorded in the ledger like any other), the saved way unless --via
    /// says otherwise.
    Test {
        /// Who receives it.
        #[arg(long, value_name = "ADDR")]
        to: String,
        /// outbox (an .eml file in the data folder, nothing leaves) or smtp; default: the saved
        /// settings (`storeloop sending set`).
        #[arg(long)]
        via: Option<String>,
        /// SMTP server (with --via smtp).
        #[arg(long, value_name = "HOST", default_value = "127.0.0.1")]
        smtp_host: String,
        #[arg(long, value_name = "PORT", default_value_t = 587)]
        smtp_port: u16,
        /// none (only for a server on this computer), starttls or tls.
        #[arg(long, default_value = "starttls")]
        smtp_security: String,
    },
    /// For the crash test: test emails with the fixed keys drill:0 … drill:N-1, one after the
    /// other; run it again (or after a kill) and only what never started is sent.
    #[command(hide = true)]
    Drill {
        #[arg(long)]
        count: u32,
        #[arg(long, default_value = "127.0.0.1")]
        smtp_host: String,
        #[arg(long)]
        smtp_port: u16,
    },
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once from the command line
enum SendingCommand {
    /// The saved settings (never the secrets; only whether the keychain holds them).
    Show,
    /// Save settings; options not given keep their saved value.
    Set {
        /// outbox, smtp, postmark, sendgrid, mailgun or resend.
        #[arg(long)]
        via: Option<String>,
        #[arg(long, value_name = "HOST")]
        smtp_host: Option<String>,
        #[arg(long, value_name = "PORT")]
        smtp_port: Option<u16>,
        /// none, starttls or tls.
        #[arg(long)]
        smtp_security: Option<String>,
        #[arg(long, value_name = "USER")]
        smtp_user: Option<String>,
        /// Mailgun's sending domain.
        #[arg(long)]
        provider_domain: Option<String>,
        /// Another API address (Mailgun EU: https://api.eu.mailgun.net).
        #[arg(long, value_name = "URL")]
        provider_base_url: Option<String>,
        /// The sender address.
        #[arg(long, value_name = "ADDR")]
        from: Option<String>,
        #[arg(long, value_name = "NAME")]
        from_name: Option<String>,
        /// The postal address for marketing footers.
        #[arg(long, value_name = "ADDRESS")]
        postal_address: Option<String>,
        /// Read the SMTP password or API key from standard input into the OS keychain.
        #[arg(long)]
        secret_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
enum FlowsCommand {
    /// Every flow with its status and version.
    List,
    /// A flow's current definition (JSON).
    Show { flow: String },
    /// Write a flow's current definition to a file (or standard output).
    Export {
        flow: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check a flow file and save it as the flow's next version.
    Import { file: PathBuf },
    /// Dry run: replay the last N days of the store through the flow. With --json, prints the
    /// whole decision ledger (customer, step, decision, reason) as JSON lines.
    Simulate {
        flow: String,
        #[arg(long, default_value_t = 30)]
        days: u32,
    },
    /// Take a flow live for a share of the customers it triggers for.
    Launch {
        flow: String,
        #[arg(long, default_value_t = 100)]
        percent: u32,
        /// Launch although WORKFLOW checklist items are open: why (recorded in the audit trail).
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
    },
    /// Pause a live flow (running enrolments wait; queued emails are held).
    Pause { flow: String },
    /// Resume a paused or stopped flow, or (without FLOW) release the global kill switch.
    Resume { flow: Option<String> },
    /// The kill switch: stop one flow, or (without FLOW) all sending.
    Kill { flow: Option<String> },
    /// Approve the flow's current version (offers, high-risk groups, regulated products).
    Approve {
        flow: String,
        #[arg(long, value_name = "NAME")]
        by: String,
    },
    /// One scheduler tick: run the live flows up to now, then send what is due.
    Run,
    /// The decision ledger (audit trail), newest first.
    Decisions {
        #[arg(long)]
        flow: Option<String>,
        #[arg(long)]
        customer: Option<i64>,
        #[arg(long)]
        decision: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Follow-ups for a person.
    Tasks,
}

#[derive(Debug, Subcommand)]
enum MeasureCommand {
    /// Lift of treatment over holdout in a per-customer CSV file: columns `group`
    /// (holdout|treatment) and the metric (with --cuped also `pre_<metric>`).
    Lift {
        #[arg(long, value_name = "FILE")]
        csv: PathBuf,
        #[arg(long, default_value = "revenue")]
        metric: String,
        /// Adjust with the pre-period column (CUPED).
        #[arg(long)]
        cuped: bool,
    },
    /// A flow's results against its holdout: conversion, revenue and margin per recipient with
    /// intervals, discounts, returns, unsubscribes, discount leakage, by group.
    Flow {
        flow: String,
        /// Conversion window in days (default 5 for cart and browse flows, 30 for the others).
        #[arg(long)]
        window: Option<u32>,
    },
    /// Every flow that has run, side by side (what the Measurement screen shows).
    Flows,
    /// The last seven days: each flow's week, its results so far, and the week's alerts.
    Digest,
    /// Check every live flow's failure metric now: alert, and pause where set (the app does
    /// this once a day).
    Watch,
    /// Set what a flow is judged by: its success and failure metrics and the failure limit.
    SetWatch {
        flow: String,
        /// margin_per_recipient, revenue_per_recipient or conversion.
        #[arg(long)]
        success: Option<String>,
        /// unsubscribe_rate, complaint_rate, return_rate, discount_rate or margin_loss.
        #[arg(long)]
        failure: Option<String>,
        /// The failure limit as a share (0.005 is 0.5%).
        #[arg(long)]
        threshold: Option<f64>,
        /// Pause the flow when the failure metric crosses its limit (--pause true|false).
        #[arg(long)]
        pause: Option<bool>,
    },
}

#[derive(Debug, Subcommand)]
enum ConnectCommand {
    /// A Shopify shop: its myshopify name and the Admin API access token of a custom app with
    /// read access to products, customers and orders. The token is read from standard input.
    Shopify {
        /// The shop, e.g. fernhill-tea or fernhill-tea.myshopify.com
        #[arg(long)]
        shop: String,
        /// Read the access token (shpat_…) from standard input (one line).
        #[arg(long)]
        token_stdin: bool,
    },
    /// A WooCommerce store: its address and a REST API key pair with Read access (WooCommerce →
    /// Settings → Advanced → REST API). The secret is read from standard input.
    Woocommerce {
        /// The shop's address, e.g. https://shop.example.com
        #[arg(long)]
        url: String,
        /// The consumer key (ck_…).
        #[arg(long)]
        key: String,
        /// Read the consumer secret (cs_…) from standard input (one line).
        #[arg(long)]
        secret_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
enum GeneratorCommand {
    /// The chosen provider and model, and whether its key is in the keychain (never the key).
    Show,
    /// Choose the provider and model; the key is read from standard input and kept only in the
    /// system keychain.
    Set {
        /// openai, anthropic, gemini, ollama or openai-compatible.
        #[arg(long)]
        provider: String,
        /// The model's name as the provider spells it.
        #[arg(long)]
        model: String,
        /// Another address for the API (a compatible server, an Ollama elsewhere).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Read the API key from standard input (one line).
        #[arg(long)]
        key_stdin: bool,
    },
    /// Forget the model and delete the saved keys from the keychain.
    Forget,
}

#[derive(Debug, Subcommand)]
enum CopyCommand {
    /// Variants about one product, from its catalog facts, each checked. Offline by default (no
    /// network, no key); `--via ai` asks the language model set with `copy generator set`.
    Generate {
        /// The SKU of one of the product's variants.
        #[arg(long, value_name = "SKU")]
        product: String,
        /// subject, preheader, hook, bullets, description, faq or ad.
        #[arg(long, default_value = "subject")]
        kind: String,
        #[arg(long, default_value_t = 10)]
        count: u32,
        /// The customer group it is for (a, b, c): changes which hooks come first.
        #[arg(long)]
        segment: Option<String>,
        /// offline (the built-in generator) or ai (the model set with `copy generator set`).
        #[arg(long, default_value = "offline")]
        via: String,
    },
    /// The language model `--via ai` drafts with: `show`, `set`, `forget`.
    Generator {
        #[command(subcommand)]
        what: GeneratorCommand,
    },
    /// Check a JSON-lines file: each line {"kind","text"} and an optional "sku" whose catalog
    /// facts may ground the text. Prints every line's findings in order (none when it passes).
    Check {
        #[arg(long, value_name = "FILE")]
        variants: PathBuf,
    },
    /// Ad copy for a product, a few variants per audience pain, as CSV for ad platforms.
    Ads {
        #[arg(long, value_name = "SKU")]
        product: String,
        /// Write the CSV here (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Generate variants into the review queue (as `generate`, then saved for review).
    Queue {
        #[arg(long, value_name = "SKU")]
        product: String,
        #[arg(long, default_value = "subject")]
        kind: String,
        #[arg(long, default_value_t = 10)]
        count: u32,
        #[arg(long)]
        segment: Option<String>,
        /// Who asked for them (the review trail names them).
        #[arg(long, default_value = "owner")]
        by: String,
        /// offline or ai, as for `generate`.
        #[arg(long, default_value = "offline")]
        via: String,
    },
    /// The review queue: --state review|approved|rejected (all by default), checked as they stand.
    List {
        #[arg(long)]
        state: Option<String>,
    },
    /// Approve a variant for its current text. A finding can be overridden only with a reason:
    /// --override "spam=It is our brand name".
    Approve {
        id: i64,
        #[arg(long)]
        by: String,
        #[arg(long = "override", value_name = "RULE=REASON")]
        overrides: Vec<String>,
    },
    /// Reject a variant.
    Reject {
        id: i64,
        #[arg(long)]
        by: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Keep a note on a variant without approving or rejecting it.
    Note {
        id: i64,
        #[arg(long)]
        text: String,
        #[arg(long)]
        by: String,
    },
    /// Edit a variant's text: a new version, back to review.
    Edit {
        id: i64,
        #[arg(long)]
        text: String,
        #[arg(long)]
        by: String,
    },
    /// A variant's review trail: who did what, when, which checks passed or were overridden.
    History { id: i64 },
    /// Start an A/B test of approved subject lines on a flow's email step (a new flow version).
    Test {
        flow: String,
        node: String,
        /// Two or more approved variant ids.
        #[arg(required = true, num_args = 2..)]
        ids: Vec<i64>,
        #[arg(long)]
        by: String,
    },
}

#[derive(Debug, Subcommand)]
enum EventsCommand {
    /// Import a file of webhook events (JSON array, one object, or JSON lines).
    Import {
        /// postmark, sendgrid, mailgun or resend.
        provider: String,
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum OutboxCommand {
    /// The newest messages, with their state (queued, sending, sent, failed, suppressed, unknown).
    List {
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Decide a message whose fate is unknown: --arrived (it got there) or --not-arrived.
    Resolve {
        id: i64,
        #[arg(long, conflicts_with = "not_arrived", required_unless_present = "not_arrived")]
        arrived: bool,
        #[arg(long)]
        not_arrived: bool,
    },
    /// Send the queued messages that are due, through the saved settings, at the provider's pace.
    Send {
        #[arg(long, default_value_t = 1000)]
        limit: u32,
    },
}

#[derive(Debug, Subcommand)]
enum ModelCommand {
    /// BG/NBD (purchases and churn) and Gamma-Gamma (spend) on a purchase log, with the
    /// calibration/holdout comparison of Fader, Hardie & Lee (2005). Times are in weeks.
    Bgnbd {
        /// CSV with the header customer_id,date,amount: one row per purchase, dates as
        /// YYYY-MM-DD. Same-day purchases of a customer count as one; negative amounts are refunds.
        #[arg(long, value_name = "FILE.csv")]
        transactions: PathBuf,
        /// Last day of the calibration period (the model learns from purchases up to it).
        #[arg(long, value_name = "YYYY-MM-DD")]
        calibration_end: String,
        /// Last day of the holdout period its predictions are checked against (default: the
        /// file's last date).
        #[arg(long, value_name = "YYYY-MM-DD")]
        holdout_end: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum CustomerAction {
    /// Print everything Storeloop holds about this person, as JSON (the request is logged).
    Export {
        /// The customer's email address.
        email: String,
    },
    /// Erase this person's personal data; their orders stay, anonymous, so figures stay right.
    Forget {
        /// The customer's email address.
        email: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                human::print_json_error(&e);
            } else {
                human::print_error(&e);
            }
            ExitCode::from(match e.kind {
                ErrorKind::InvalidInput => 2,
                ErrorKind::Locked => 3,
                ErrorKind::NotFound => 4,
                _ => 1,
            })
        }
    }
}

fn run(cli: Cli) -> Result<(), ApiError> {
    let dir = DataDir::from_env(cli.data_dir.as_deref()).ok_or_else(|| {
        ApiError::new(ErrorKind::NotFound, "This computer has no app-data folder for Storeloop: choose one with --data-dir DIR or the STORELOOP_DATA_DIR setting.")
    })?;
    let clock: Arc<dyn Clock> = storeloop_core::clock::from_env();
    match cli.command {
        Command::Demo { customers, seed, as_of, flow_days, quiet } => {
            let as_of = as_of
                .map(|s| {
                    s.parse::<jiff::Timestamp>().map_err(|e| {
                        ApiError::new(
                            ErrorKind::InvalidInput,
                            format!("--as-of `{s}` is not an instant ({e}): write it like 2026-11-25T12:00:00Z"),
                        )
                    })
                })
                .transpose()?;
            // A history that ends at --as-of is played up to then: that instant is "now".
            let clock: Arc<dyn Clock> = match as_of {
                Some(t) => Arc::new(storeloop_core::clock::ManualClock::new(t)),
                None => clock,
            };
            let mut app = Storeloop::open(&dir, clock)?;
            let started = Instant::now();
            let show = !quiet && !cli.json;
            let mut progress = |p: Progress| {
                if show {
                    human::progress(&p);
                }
            };
            // With --flow-days, a folder that already holds the demo store only gets its history.
            let existing = app.status()?.store.filter(|s| s.source == storeloop_core::api::StoreSource::Demo);
            let report = match (&existing, flow_days) {
                (Some(_), Some(_)) => None,
                _ => Some(app.create_demo(customers, seed, as_of, &mut progress)?),
            };
            let history = match flow_days {
                Some(days) => Some(app.play_demo_flows(days, seed, &mut progress)?),
                None => None,
            };
            if show {
                human::end_progress();
            }
            if cli.json {
                match (&report, &history) {
                    (Some(r), None) => human::print_json(r),
                    _ => human::print_json(&serde_json::json!({ "demo": report, "flow_history": history })),
                }
            } else {
                if let Some(r) = &report {
                    human::demo_report(r, started.elapsed(), &dir);
                }
                if let Some(h) = &history {
                    human::flow_history(h);
                }
            }
        }
        Command::Stats => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let stats = app.home_stats()?;
            if cli.json {
                human::print_json(&stats);
            } else {
                human::stats(&stats);
            }
        }
        Command::Audit => {
            let mut app = Storeloop::open(&dir, clock)?;
            let report = app.run_audit()?;
            if cli.json {
                human::print_json(&report);
            } else {
                human::audit(&report);
            }
        }
        Command::Import { kind, file, quiet } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let show = !quiet && !cli.json;
            let started = Instant::now();
            let mut progress = |p: Progress| {
                if show {
                    human::import_progress(&p, started.elapsed());
                }
            };
            let report = app.import(&kind, &file, &mut progress)?;
            if show {
                human::end_progress();
            }
            if cli.json {
                human::print_json(&report);
            } else {
                human::import(&report, started.elapsed());
            }
        }
        Command::Connect { what: ConnectCommand::Shopify { shop, token_stdin } } => {
            if !token_stdin {
                return Err(ApiError::new(
                    ErrorKind::InvalidInput,
                    "Give the access token on standard input with --token-stdin (it is never a command-line argument, where other programs could read it).",
                ));
            }
            let token = read_secret_line("the access token")?;
            let mut app = Storeloop::open(&dir, clock)?;
            let c = app.connect_shopify(&shop, &token)?;
            human::print_json_or(cli.json, &c, || human::connections(std::slice::from_ref(&c)));
        }
        Command::Connect { what: ConnectCommand::Woocommerce { url, key, secret_stdin } } => {
            if !secret_stdin {
                return Err(ApiError::new(
                    ErrorKind::InvalidInput,
                    "Give the consumer secret on standard input with --secret-stdin (it is never a command-line argument, where other programs could read it).",
                ));
            }
            let secret = read_secret_line("the consumer secret")?;
            let mut app = Storeloop::open(&dir, clock)?;
            let c = app.connect_woocommerce(&url, &key, &secret)?;
            human::print_json_or(cli.json, &c, || human::connections(std::slice::from_ref(&c)));
        }
        Command::Sync { full, quiet } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let show = !quiet && !cli.json;
            let started = Instant::now();
            let mut progress = |p: Progress| {
                if show {
                    human::items_progress(&p);
                }
            };
            let result = app.sync_stores(full, &mut progress);
            if show {
                human::end_progress();
            }
            let runs = result?;
            human::print_json_or(cli.json, &runs, || human::sync_runs(&runs, started.elapsed()));
        }
        Command::Connections => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let c = app.connections()?;
            human::print_json_or(cli.json, &c, || human::connections(&c));
        }
        Command::Disconnect { platform } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let c = app.remove_connection(&platform)?;
            human::print_json_or(cli.json, &c, || human::connections(&c));
        }
        Command::Customer { action: CustomerAction::Export { email } } => {
            let app = Storeloop::open(&dir, clock)?;
            // An export is for handing over: always JSON.
            human::print_json(&app.export_customer(&email)?);
        }
        Command::Customer { action: CustomerAction::Forget { email } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let report = app.forget_customer(&email)?;
            if cli.json {
                human::print_json(&report);
            } else {
                human::forgotten(&report);
            }
        }
        Command::Model { model: ModelCommand::Bgnbd { transactions, calibration_end, holdout_end } } => {
            let today = jiff::tz::TimeZone::UTC.to_datetime(clock.now()).date();
            let report =
                storeloop_core::api::fit_purchase_log(&transactions, &calibration_end, holdout_end.as_deref(), today)?;
            if cli.json {
                human::print_json(&report);
            } else {
                human::purchase_log_model(&report);
            }
        }
        Command::Score { quiet } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let show = !quiet && !cli.json;
            let mut progress = |p: Progress| {
                if show {
                    human::progress(&p);
                }
            };
            let summary = app.score_customers(&mut progress)?;
            if show {
                human::end_progress();
            }
            if cli.json {
                human::print_json(&summary);
            } else {
                human::score_summary(&summary);
            }
        }
        Command::Segments => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            if app.score_summary()?.is_none() {
                return Err(ApiError::new(
                    ErrorKind::NotFound,
                    "The customers have not been scored yet: run `storeloop score` first.",
                ));
            }
            let segments = app.segment_sizes()?;
            if cli.json {
                human::print_json(&segments);
            } else {
                human::segments(&segments);
            }
        }
        Command::Send { what: SendCommand::Test { to, via, smtp_host, smtp_port, smtp_security } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let via = match via.as_deref() {
                None => app.sending_settings()?.via,
                Some("outbox") => storeloop_core::api::SendVia::Outbox,
                Some("smtp") => storeloop_core::api::SendVia::Smtp {
                    host: smtp_host,
                    port: smtp_port,
                    security: smtp_security,
                    username: None,
                },
                Some(other) => {
                    return Err(ApiError::new(
                        ErrorKind::InvalidInput,
                        format!(
                        "--via `{other}` is not outbox or smtp (providers: save them with `storeloop sending set`)."
                    ),
                    ))
                }
            };
            let d = app.send_test(&to, &via)?;
            if cli.json {
                human::print_json(&d);
            } else {
                human::delivery(&d, &to);
            }
            if d.state != "sent" {
                return Err(ApiError::new(
                    ErrorKind::Io,
                    format!("The test email was not sent: {}", d.detail.as_deref().unwrap_or(&d.state)),
                ));
            }
        }
        Command::Send { what: SendCommand::Drill { count, smtp_host, smtp_port } } => {
            let via = storeloop_core::api::SendVia::Smtp {
                host: smtp_host,
                port: smtp_port,
                security: "none".into(),
                username: None,
            };
            let mut app = Storeloop::open(&dir, clock)?;
            let mut states = std::collections::BTreeMap::<String, u32>::new();
            for i in 0..count {
                let d = app.send_test_keyed(&format!("drill{i}@example.com"), &via, &format!("drill:{i}"))?;
                *states.entry(d.state).or_default() += 1;
            }
            human::print_json(&states);
        }
        Command::Sending { what: SendingCommand::Show } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            human::print_json(&app.sending_settings()?);
        }
        Command::Sending {
            what:
                SendingCommand::Set {
                    via,
                    smtp_host,
                    smtp_port,
                    smtp_security,
                    smtp_user,
                    provider_domain,
                    provider_base_url,
                    from,
                    from_name,
                    postal_address,
                    secret_stdin,
                },
        } => {
            use storeloop_core::api::SendVia;
            let mut app = Storeloop::open(&dir, clock)?;
            let mut s = app.sending_settings()?;
            let (old_host, old_port, old_security, old_user) = match &s.via {
                SendVia::Smtp { host, port, security, username } => {
                    (Some(host.clone()), Some(*port), Some(security.clone()), username.clone())
                }
                _ => (None, None, None, None),
            };
            let (old_domain, old_base) = match &s.via {
                SendVia::Provider { domain, base_url, .. } => (domain.clone(), base_url.clone()),
                _ => (None, None),
            };
            let kind = via.unwrap_or_else(|| match &s.via {
                SendVia::Outbox => "outbox".into(),
                SendVia::Smtp { .. } => "smtp".into(),
                SendVia::Provider { provider, .. } => provider.clone(),
            });
            s.via = match kind.as_str() {
                "outbox" => SendVia::Outbox,
                "smtp" => SendVia::Smtp {
                    host: smtp_host.or(old_host).unwrap_or_else(|| "127.0.0.1".into()),
                    port: smtp_port.or(old_port).unwrap_or(587),
                    security: smtp_security.or(old_security).unwrap_or_else(|| "starttls".into()),
                    username: smtp_user.or(old_user),
                },
                provider => SendVia::Provider {
                    provider: provider.to_owned(),
                    domain: provider_domain.or(old_domain),
                    base_url: provider_base_url.or(old_base),
                },
            };
            if let Some(f) = from {
                s.from = Some(f);
            }
            if let Some(n) = from_name {
                s.from_name = n;
            }
            if let Some(a) = postal_address {
                s.postal_address = Some(a);
            }
            let secret = if secret_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line).map_err(|e| {
                    ApiError::new(ErrorKind::Io, format!("could not read the secret from standard input: {e}"))
                })?;
                Some(line.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            let saved = app.save_sending_settings(&s, secret.as_deref())?;
            human::print_json(&saved);
        }
        Command::Flows { what: FlowsCommand::List } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let list = app.flows_list()?;
            if cli.json {
                human::print_json(&list);
            } else {
                human::flows(&list);
            }
        }
        Command::Flows { what: FlowsCommand::Show { flow } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            human::print_raw(&app.flow_definition(&flow)?);
        }
        Command::Flows { what: FlowsCommand::Export { flow, out } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let json = app.flow_definition(&flow)?;
            match out {
                Some(path) => std::fs::write(&path, format!("{json}\n"))
                    .map_err(|e| ApiError::new(ErrorKind::Io, format!("Could not write {}: {e}", path.display())))?,
                None => human::print_raw(&json),
            }
        }
        Command::Flows { what: FlowsCommand::Import { file } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let summary = app.import_flow(&file)?;
            if cli.json {
                human::print_json(&summary);
            } else {
                human::flows(std::slice::from_ref(&summary));
            }
        }
        Command::Flows { what: FlowsCommand::Simulate { flow, days } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            if cli.json {
                let mut print = |line: storeloop_core::api::LedgerLine| human::print_json_line(&line);
                app.simulate_flow_with(&flow, days, Some(&mut print))?;
            } else {
                human::dry_run(&app.simulate_flow(&flow, days)?);
            }
        }
        Command::Flows { what: FlowsCommand::Launch { flow, percent, override_reason } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let s = app.launch_flow(&flow, percent, override_reason.as_deref())?;
            if cli.json {
                human::print_json(&s);
            } else {
                human::flows(std::slice::from_ref(&s));
            }
        }
        Command::Flows { what: FlowsCommand::Pause { flow } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let s = app.pause_flow(&flow)?;
            if cli.json {
                human::print_json(&s);
            } else {
                human::flows(std::slice::from_ref(&s));
            }
        }
        Command::Flows { what: FlowsCommand::Resume { flow } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            match flow {
                Some(flow) => {
                    let s = app.resume_flow(&flow)?;
                    if cli.json {
                        human::print_json(&s);
                    } else {
                        human::flows(std::slice::from_ref(&s));
                    }
                }
                None => {
                    let k = app.release_kill_switch()?;
                    if cli.json {
                        human::print_json(&k);
                    } else {
                        human::kill_state(&k);
                    }
                }
            }
        }
        Command::Flows { what: FlowsCommand::Kill { flow } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let k = app.kill_switch(flow.as_deref())?;
            if cli.json {
                human::print_json(&k);
            } else {
                human::kill_state(&k);
            }
        }
        Command::Flows { what: FlowsCommand::Approve { flow, by } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let d = app.approve_flow(&flow, &by)?;
            if cli.json {
                human::print_json(&d.approval);
            } else {
                human::print_raw(&format!("{} version {} approved by {by}.", d.summary.slug, d.summary.version));
            }
        }
        Command::Flows { what: FlowsCommand::Run } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let tick = app.run_flows()?;
            let sent = app.send_queued(500)?;
            if cli.json {
                human::print_json(&serde_json::json!({ "tick": tick, "send": sent }));
            } else {
                human::tick(&tick, sent.sent);
            }
        }
        Command::Flows { what: FlowsCommand::Decisions { flow, customer, decision, search, limit } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let q =
                storeloop_core::api::DecisionQuery { flow, customer_id: customer, decision, search, offset: 0, limit };
            let page = app.flow_decisions(&q)?;
            if cli.json {
                human::print_json(&page);
            } else {
                human::decisions(&page);
            }
        }
        Command::Flows { what: FlowsCommand::Tasks } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let tasks = app.tasks_list()?;
            if cli.json {
                human::print_json(&tasks);
            } else {
                human::tasks(&tasks);
            }
        }
        Command::Measure { what: MeasureCommand::Flow { flow, window } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let m = app.measure_flow(&flow, window)?;
            if cli.json {
                human::print_json(&m);
            } else {
                human::flow_measurement(&m);
            }
        }
        Command::Copy { what: CopyCommand::Generate { product, kind, count, segment, via } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let variants = drafts(&app, &via, &product, &kind, count, segment.as_deref())?;
            if cli.json {
                human::print_json(&variants);
            } else {
                human::copy_variants(&variants);
            }
        }
        Command::Copy { what: CopyCommand::Generator { what } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let g = match what {
                GeneratorCommand::Show => app.copy_generator()?,
                GeneratorCommand::Forget => app.forget_copy_generator()?,
                GeneratorCommand::Set { provider, model, base_url, key_stdin } => {
                    let key = if key_stdin {
                        let mut line = String::new();
                        std::io::stdin().read_line(&mut line).map_err(|e| {
                            ApiError::new(ErrorKind::Io, format!("could not read the key from standard input: {e}"))
                        })?;
                        Some(line.trim().to_owned())
                    } else {
                        None
                    };
                    app.save_copy_generator(&provider, &model, base_url.as_deref(), key.as_deref())?
                }
            };
            human::print_json_or(cli.json, &g, || human::copy_generator(&g));
        }
        Command::Copy { what: CopyCommand::Ads { product, out } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let csv = app.ad_copy_csv(&product)?;
            match out {
                Some(path) => {
                    std::fs::write(&path, &csv).map_err(|e| {
                        ApiError::new(ErrorKind::Io, format!("Could not write {}: {e}", path.display()))
                    })?;
                    human::wrote(&path, csv.lines().count().saturating_sub(1));
                }
                None => human::raw(&csv),
            }
        }
        Command::Copy { what: CopyCommand::Queue { product, kind, count, segment, by, via } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let made = drafts(&app, &via, &product, &kind, count, segment.as_deref())?;
            let v = app.queue_variants(&made, &by)?;
            human::print_json_or(cli.json, &v, || human::queued(&v));
        }
        Command::Copy { what: CopyCommand::Note { id, text, by } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let v = app.note_copy(id, &by, &text)?;
            human::print_json_or(cli.json, &v, || human::queued(std::slice::from_ref(&v)));
        }
        Command::Copy { what: CopyCommand::List { state } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let v = app.copy_queue(state.as_deref())?;
            human::print_json_or(cli.json, &v, || human::queued(&v));
        }
        Command::Copy { what: CopyCommand::Approve { id, by, overrides } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let overrides = overrides
                .iter()
                .map(|o| {
                    let (rule, reason) = o.split_once('=').ok_or_else(|| {
                        ApiError::new(
                            ErrorKind::InvalidInput,
                            format!("--override `{o}`: write it as RULE=REASON, e.g. spam=It is our brand name"),
                        )
                    })?;
                    Ok(storeloop_core::api::CopyOverride {
                        rule: rule.trim().to_owned(),
                        reason: reason.trim().to_owned(),
                    })
                })
                .collect::<Result<Vec<_>, ApiError>>()?;
            let v = app.approve_copy(id, &by, &overrides)?;
            human::print_json_or(cli.json, &v, || human::queued(std::slice::from_ref(&v)));
        }
        Command::Copy { what: CopyCommand::Reject { id, by, note } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let v = app.reject_copy(id, &by, note.as_deref())?;
            human::print_json_or(cli.json, &v, || human::queued(std::slice::from_ref(&v)));
        }
        Command::Copy { what: CopyCommand::Edit { id, text, by } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let v = app.edit_copy(id, &text, &by)?;
            human::print_json_or(cli.json, &v, || human::queued(std::slice::from_ref(&v)));
        }
        Command::Copy { what: CopyCommand::History { id } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let h = app.copy_history(id)?;
            human::print_json_or(cli.json, &h, || human::copy_history(&h));
        }
        Command::Copy { what: CopyCommand::Test { flow, node, ids, by } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            app.start_copy_test(&flow, &node, &ids, &by)?;
            let summary = app.flow_detail(&flow)?.summary;
            human::print_json_or(cli.json, &summary, || human::copy_test_started(&flow, &node, &ids));
        }
        Command::Copy { what: CopyCommand::Check { variants } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let lines = app.check_copy_file(&variants)?;
            if cli.json {
                human::print_json(&lines);
            } else {
                human::checked_lines(&lines);
            }
        }
        Command::Measure { what: MeasureCommand::Flows } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let all = app.measure_flows()?;
            if cli.json {
                human::print_json(&all);
            } else {
                human::flow_measurements(&all);
            }
        }
        Command::Measure { what: MeasureCommand::Digest } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let d = app.weekly_digest()?;
            if cli.json {
                human::print_json(&d);
            } else {
                human::digest(&d);
            }
        }
        Command::Measure { what: MeasureCommand::Watch } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let alerts = app.watch_flows()?;
            if cli.json {
                human::print_json(&alerts);
            } else {
                human::alerts(&alerts);
            }
        }
        Command::Measure { what: MeasureCommand::SetWatch { flow, success, failure, threshold, pause } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let mut w = app.flow_watch(&flow)?;
            if let Some(s) = success {
                w.success_metric = s;
            }
            if let Some(f) = failure {
                w.failure_metric = f;
            }
            if let Some(t) = threshold {
                w.failure_threshold = t;
            }
            if let Some(p) = pause {
                w.pause_on_failure = p;
            }
            let w = app.save_flow_watch(&flow, &w)?;
            if cli.json {
                human::print_json(&w);
            } else {
                human::watch(&flow, &w);
            }
        }
        Command::Measure { what: MeasureCommand::Lift { csv, metric, cuped } } => {
            let r = storeloop_core::api::measure_lift_file(&csv, &metric, cuped)?;
            if cli.json {
                human::print_json(&r);
            } else {
                human::lift(&r);
            }
        }
        Command::Events { what: EventsCommand::Import { provider, file } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let r = app.import_provider_events(&provider, &file)?;
            if cli.json {
                human::print_json(&r);
            } else {
                human::provider_events(&r);
            }
        }
        Command::Outbox { what: OutboxCommand::Resolve { id, arrived, .. } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            let list = app.resolve_message(id, arrived)?;
            if cli.json {
                human::print_json(&list);
            } else {
                human::ledger(&list);
            }
        }
        Command::Outbox { what: OutboxCommand::Send { limit } } => {
            let mut app = Storeloop::open(&dir, clock)?;
            human::print_json(&app.send_queued(limit)?);
        }
        Command::Outbox { what: OutboxCommand::List { limit } } => {
            let app = Storeloop::open_read_only(&dir, clock)?;
            let list = app.outbox_list(limit)?;
            if cli.json {
                human::print_json(&list);
            } else {
                human::ledger(&list);
            }
        }
        Command::Checklist { flow } => {
            let list = Storeloop::open_read_only(&dir, clock)?.workflow_checklist(&flow)?;
            if cli.json {
                human::print_json(&list);
            } else {
                human::checklist(&list);
            }
        }
        Command::Rollout { start, flow } => {
            let mut app = Storeloop::open(&dir, clock)?;
            if start {
                app.start_rollout()?;
            }
            if let Some(f) = flow {
                app.choose_rollout_flow(&f)?;
            }
            let r = app.rollout()?;
            if cli.json {
                human::print_json(&r);
            } else {
                human::rollout(&r);
            }
        }
        Command::Status => {
            let status = Storeloop::open_read_only(&dir, clock)?.status()?;
            if cli.json {
                human::print_json(&status);
            } else {
                human::status(&status);
            }
        }
        Command::Bench { sync_shopify: Some(url), token, runs, .. } => {
            human::print_json(&storeloop_core::api::bench_sync_shopify(&url, &token, runs)?);
        }
        Command::Bench { copy: Some(n), .. } => {
            human::print_json(&storeloop_core::api::bench_copy(n)?);
        }
        Command::Bench { measure: Some(store), runs, .. } => {
            let dir = DataDir { path: store, source: storeloop_core::paths::DataDirSource::Flag };
            let report = bench::measure(&dir, runs, &clock)?;
            human::print_json(&report);
        }
        Command::Bench { flows: Some(store), events, tick_hours, .. } => {
            let dir = DataDir { path: store, source: storeloop_core::paths::DataDirSource::Flag };
            let report = storeloop_core::api::bench_flows(&dir, events, tick_hours)?;
            human::print_json(&report);
        }
        Command::Bench { mail: Some(count), smtp_port, .. } => {
            let tmp = std::env::temp_dir().join(format!("storeloop-bench-mail-{}", std::process::id()));
            let bench_dir = DataDir { path: tmp.clone(), source: storeloop_core::paths::DataDirSource::Flag };
            std::fs::create_dir_all(&tmp).map_err(|e| ApiError::new(ErrorKind::Io, e.to_string()))?;
            let report = storeloop_core::api::bench_mail(&bench_dir, count, smtp_port, clock);
            let _ = std::fs::remove_dir_all(&tmp);
            let report = report?;
            if cli.json {
                human::print_json(&report);
            } else {
                human::mail_bench(&report);
            }
        }
        Command::Bench { bgnbd: Some(file), runs, .. } => {
            let report = storeloop_core::api::bench_bgnbd(&file, runs)?;
            if cli.json {
                human::print_json(&report);
            } else {
                human::bgnbd_bench(&report);
            }
        }
        Command::Bench { import_orders: Some(file), .. } => {
            let report = bench::import(&file)?;
            if cli.json {
                human::print_json(&report);
            } else {
                human::import_bench(&report);
            }
        }
        Command::Bench { customers, seed, runs, keep, import_orders: None, bgnbd: None, score, mail: None, .. } => {
            let report = bench::run(customers, seed, runs, keep.as_deref(), score)?;
            if cli.json {
                human::print_json(&report);
            } else {
                human::bench(&report);
            }
        }
        Command::Migrate => {
            let app = Storeloop::open(&dir, clock)?;
            let status = app.status()?;
            if cli.json {
                human::print_json(&status);
            } else {
                human::status(&status);
            }
        }
    }
    Ok(())
}

/// Drafts from the offline generator or the chosen language model.
fn drafts(
    app: &Storeloop,
    via: &str,
    product: &str,
    kind: &str,
    count: u32,
    segment: Option<&str>,
) -> Result<Vec<storeloop_core::api::CopyVariant>, ApiError> {
    match via {
        "offline" => app.generate_copy(product, kind, count, segment),
        "ai" => app.draft_copy_ai(product, kind, count, segment),
        other => Err(ApiError::new(
            ErrorKind::InvalidInput,
            format!("`--via {other}`: use offline (the built-in generator) or ai (the model set with `copy generator set`)."),
        )),
    }
}

/// One line from standard input, without its line ending.
fn read_secret_line(what: &str) -> Result<String, ApiError> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| ApiError::new(ErrorKind::Io, format!("could not read {what} from standard input: {e}")))?;
    Ok(line.trim().to_owned())
}
