//! `storeloop bench`: times the engine's heavy paths on a demo store of a chosen size, in a
//! throwaway folder, and prints the figures that BENCHMARKS.md records.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;
use storeloop_core::api::{ApiError, ErrorKind, Storeloop};
use storeloop_core::clock::{Clock, ManualClock};
use storeloop_core::paths::{DataDir, DataDirSource};

/// What one benchmark run measured.
#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub customers: u32,
    pub seed: u64,
    pub orders: u64,
    pub rows: u64,
    pub generate_seconds: f64,
    pub database_bytes: u64,
    /// `storeloop stats` as a user runs it: open read-only, compute, close.
    pub stats_runs: usize,
    pub stats_min_seconds: f64,
    pub stats_median_seconds: f64,
    pub stats_max_seconds: f64,
    /// `storeloop score` on the same store (features, models, segments, write-back), when asked.
    pub score_seconds: Option<f64>,
    pub score_mode: Option<String>,
}

pub fn run(
    customers: u32,
    seed: u64,
    runs: usize,
    keep: Option<&std::path::Path>,
    score: bool,
) -> Result<BenchReport, ApiError> {
    let io = |e: std::io::Error| {
        ApiError::new(ErrorKind::Io, format!("could not make a temporary folder for the benchmark: {e}"))
    };
    let tmp = std::env::temp_dir().join(format!("storeloop-bench-{}-{customers}", std::process::id()));
    let path = keep.map_or(tmp.clone(), std::path::Path::to_path_buf);
    if path.exists() {
        return Err(ApiError::new(
            ErrorKind::InvalidInput,
            format!("{} already exists: give --keep a folder that does not exist yet", path.display()),
        ));
    }
    std::fs::create_dir_all(&path).map_err(io)?;
    let dir = DataDir { path: path.clone(), source: DataDirSource::Flag };
    // A fixed clock: the same store every run, so runs compare.
    let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(
        "2026-11-25T12:00:00Z".parse().map_err(|_| ApiError::new(ErrorKind::Internal, "bad bench instant"))?,
    ));

    let result = (|| {
        let started = Instant::now();
        let report = {
            let mut app = Storeloop::open(&dir, Arc::clone(&clock))?;
            app.create_demo(customers, seed, None, &mut |_| {})?
        };
        let generate = started.elapsed();
        let database_bytes = std::fs::metadata(dir.database()).map(|m| m.len()).unwrap_or(0);

        let mut times: Vec<Duration> = Vec::with_capacity(runs);
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            let app = Storeloop::open_read_only(&dir, Arc::clone(&clock))?;
            let stats = app.home_stats()?;
            std::hint::black_box(stats);
            times.push(t.elapsed());
        }
        times.sort();
        let (score_seconds, score_mode) = if score {
            let mut app = Storeloop::open(&dir, Arc::clone(&clock))?;
            let t = Instant::now();
            let summary = app.score_customers(&mut |_| {})?;
            (Some(t.elapsed().as_secs_f64()), Some(format!("{:?}", summary.mode)))
        } else {
            (None, None)
        };
        Ok(BenchReport {
            score_seconds,
            score_mode,
            customers,
            seed,
            orders: report.orders,
            rows: report.products
                + report.variants
                + report.customers
                + report.orders
                + report.line_items
                + report.refunds
                + report.abandoned_checkouts
                + report.events
                + report.support_tickets,
            generate_seconds: generate.as_secs_f64(),
            database_bytes,
            stats_runs: times.len(),
            stats_min_seconds: times[0].as_secs_f64(),
            stats_median_seconds: times[times.len() / 2].as_secs_f64(),
            stats_max_seconds: times[times.len() - 1].as_secs_f64(),
        })
    })();
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// What the import benchmark measured.
#[derive(Debug, Serialize)]
pub struct ImportBench {
    pub file: String,
    pub file_bytes: u64,
    pub rows_read: u64,
    pub orders: u64,
    pub lines: u64,
    pub import_seconds: f64,
    /// Plain prepared inserts of the same orders and lines into the same schema.
    pub ceiling_seconds: f64,
    /// import_seconds ÷ ceiling_seconds.
    pub ratio: f64,
}

/// Imports `file` into a throwaway folder, then writes the same orders with plain inserts into
/// another, timing both.
pub fn import(file: &std::path::Path) -> Result<ImportBench, ApiError> {
    let io = |e: std::io::Error| {
        ApiError::new(ErrorKind::Io, format!("could not make a temporary folder for the benchmark: {e}"))
    };
    let base = std::env::temp_dir().join(format!("storeloop-bench-import-{}", std::process::id()));
    let (a, b) = (base.join("import"), base.join("ceiling"));
    std::fs::create_dir_all(&a).map_err(io)?;
    std::fs::create_dir_all(&b).map_err(io)?;
    let result = (|| {
        let clock: Arc<dyn Clock> = Arc::new(storeloop_core::clock::SystemClock);
        let source = DataDir { path: a.clone(), source: DataDirSource::Flag };
        let started = Instant::now();
        let report = Storeloop::open(&source, Arc::clone(&clock))?.import("shopify-orders", file, &mut |_| {})?;
        let import_seconds = started.elapsed().as_secs_f64();
        let target = DataDir { path: b.clone(), source: DataDirSource::Flag };
        let ceiling = storeloop_core::api::bench_import_ceiling(&source, &target, clock.as_ref())?;
        Ok(ImportBench {
            file: file.display().to_string(),
            file_bytes: std::fs::metadata(file).map(|m| m.len()).unwrap_or(0),
            rows_read: report.rows_read,
            orders: ceiling.orders,
            lines: ceiling.lines,
            import_seconds,
            ceiling_seconds: ceiling.seconds,
            ratio: import_seconds / ceiling.seconds.max(1e-9),
        })
    })();
    let _ = std::fs::remove_dir_all(&base);
    result
}

/// What the measurement benchmark measured.
#[derive(Debug, Serialize)]
pub struct MeasureBench {
    pub flows: usize,
    /// Customers measured, all flows together.
    pub customers: u64,
    pub weeks: usize,
    pub runs: usize,
    pub min_seconds: f64,
    pub median_seconds: f64,
    pub max_seconds: f64,
}

/// Times measuring every flow of the store in `dir`, `runs` times.
pub fn measure(dir: &DataDir, runs: usize, clock: &Arc<dyn Clock>) -> Result<MeasureBench, ApiError> {
    let mut times = Vec::new();
    let mut last = Vec::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let app = Storeloop::open_read_only(dir, Arc::clone(clock))?;
        last = app.measure_flows()?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok(MeasureBench {
        flows: last.len(),
        customers: last.iter().map(|m| m.treatment.recipients + m.holdout.recipients).sum(),
        weeks: last.iter().map(|m| m.weeks.len()).max().unwrap_or(0),
        runs: times.len(),
        min_seconds: times[0].as_secs_f64(),
        median_seconds: times[times.len() / 2].as_secs_f64(),
        max_seconds: times[times.len() - 1].as_secs_f64(),
    })
}
