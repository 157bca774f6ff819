//! Reading a purchase log (`customer_id,date,amount`, one row per purchase) into the per-customer
//! summaries the models take: the calibration period's (x, tₓ, T, mₓ) and the holdout period's
//! purchase count. Same-day purchases of one customer are one transaction, as in the BG/NBD paper.

use std::collections::HashMap;
use std::path::Path;

use jiff::civil::Date;

/// One customer's summary. Times in weeks.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerSummary {
    pub id: String,
    /// Repeat transactions in the calibration period.
    pub x: u32,
    pub t_x: f64,
    pub t: f64,
    /// Mean value of the repeat transactions (0 without any).
    pub mean_repeat: f64,
    /// Transactions in the holdout period.
    pub holdout: u32,
}

/// A purchase log, summarised for a calibration period and a holdout period after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Log {
    /// Customers whose first purchase falls in the calibration period, in order of first row.
    pub customers: Vec<CustomerSummary>,
    pub rows: u64,
    /// Transactions (customer-days) counted.
    pub transactions: u64,
    /// Rows with a negative amount: refunds, not purchases.
    pub refund_rows: u64,
    /// Rows dated after the holdout end (or after today): left out.
    pub later_rows: u64,
    /// Customers whose first purchase came after the calibration end: not in the cohort.
    pub later_customers: u64,
    pub holdout_weeks: f64,
    pub last_date: Option<Date>,
}

/// Why a purchase log could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("Could not read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path} has no column `{column}`. The file needs the header customer_id,date,amount.")]
    MissingColumn { path: String, column: &'static str },
    #[error("{path}, line {line}, {column}: {reason}. Nothing was fitted; correct the row and run again.")]
    Row { path: String, line: u64, column: &'static str, reason: String },
    #[error("{path}, line {line}: {reason}. Nothing was fitted.")]
    Csv { path: String, line: u64, reason: String },
    #[error("The holdout end {holdout} is not after the calibration end {calibration}.")]
    Periods { calibration: Date, holdout: Date },
    #[error("{path} has no purchases on or before the calibration end {0}.", .calibration)]
    NoCohort { path: String, calibration: Date },
}

/// Reads `path`. Rows after `holdout_end` (default: the last date in the file) or after `today`
/// are left out and counted.
pub fn read(path: &Path, calibration_end: Date, holdout_end: Option<Date>, today: Date) -> Result<Log, LogError> {
    check_periods(calibration_end, holdout_end)?;
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| LogError::Io { path: name.clone(), source })?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(file);
    let headers = reader.headers().map_err(|e| csv_error(&name, &e))?.clone();
    let col = |column: &'static str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(column))
            .ok_or(LogError::MissingColumn { path: name.clone(), column })
    };
    let (c_id, c_date, c_amount) = (col("customer_id")?, col("date")?, col("amount")?);

    // Per customer: purchase days with their summed amounts.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut days: Vec<(String, Vec<(Date, f64)>)> = Vec::new();
    let mut log = Log {
        customers: Vec::new(),
        rows: 0,
        transactions: 0,
        refund_rows: 0,
        later_rows: 0,
        later_customers: 0,
        holdout_weeks: 0.0,
        last_date: None,
    };
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(&name, &e)),
        }
        log.rows += 1;
        let line = record.position().map_or(log.rows + 1, |p| p.line());
        let field = |i: usize, column: &'static str| {
            record.get(i).filter(|v| !v.is_empty()).ok_or_else(|| LogError::Row {
                path: name.clone(),
                line,
                column,
                reason: "is empty".into(),
            })
        };
        let id = field(c_id, "customer_id")?;
        let date_text = field(c_date, "date")?;
        let date = parse_date(date_text).ok_or_else(|| LogError::Row {
            path: name.clone(),
            line,
            column: "date",
            reason: format!("`{date_text}` is not a date (write it as YYYY-MM-DD)"),
        })?;
        let amount_text = field(c_amount, "amount")?;
        let amount: f64 = amount_text.parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| LogError::Row {
            path: name.clone(),
            line,
            column: "amount",
            reason: format!("`{amount_text}` is not a number (write it like 29.90)"),
        })?;
        if amount < 0.0 {
            log.refund_rows += 1;
            continue;
        }
        if date > today {
            log.later_rows += 1;
            continue;
        }
        let slot = *index.entry(id.to_owned()).or_insert_with(|| {
            days.push((id.to_owned(), Vec::new()));
            days.len() - 1
        });
        days[slot].1.push((date, amount));
        log.last_date = Some(log.last_date.map_or(date, |d| d.max(date)));
    }

    let holdout_end = holdout_end.or(log.last_date).unwrap_or(calibration_end).max(calibration_end);
    log.holdout_weeks = weeks(calibration_end, holdout_end);
    for (id, mut purchases) in days {
        purchases.sort_by_key(|p| p.0);
        // Same-day purchases are one transaction.
        let mut merged: Vec<(Date, f64)> = Vec::with_capacity(purchases.len());
        for (d, v) in purchases {
            match merged.last_mut() {
                Some(last) if last.0 == d => last.1 += v,
                _ => merged.push((d, v)),
            }
        }
        let first = merged[0].0;
        if first > calibration_end {
            log.later_customers += 1;
            continue;
        }
        let calibration: Vec<&(Date, f64)> = merged.iter().filter(|p| p.0 <= calibration_end).collect();
        let holdout = merged.iter().filter(|p| p.0 > calibration_end && p.0 <= holdout_end).count() as u32;
        log.later_rows += merged.iter().filter(|p| p.0 > holdout_end).count() as u64;
        let x = calibration.len() as u32 - 1;
        let last = calibration.last().map_or(first, |p| p.0);
        let mean_repeat = if x > 0 { calibration[1..].iter().map(|p| p.1).sum::<f64>() / f64::from(x) } else { 0.0 };
        log.transactions += u64::from(x) + 1 + u64::from(holdout);
        log.customers.push(CustomerSummary {
            id,
            x,
            t_x: weeks(first, last),
            t: weeks(first, calibration_end),
            mean_repeat,
            holdout,
        });
    }
    if log.customers.is_empty() {
        return Err(LogError::NoCohort { path: name, calibration: calibration_end });
    }
    Ok(log)
}

/// Checks the periods before any reading.
pub fn check_periods(calibration_end: Date, holdout_end: Option<Date>) -> Result<(), LogError> {
    match holdout_end {
        Some(h) if h <= calibration_end => Err(LogError::Periods { calibration: calibration_end, holdout: h }),
        _ => Ok(()),
    }
}

/// Weeks from `from` to `to` (whole days ÷ 7).
pub fn weeks(from: Date, to: Date) -> f64 {
    let days = to.since(from).map_or(0, |s| s.get_days());
    f64::from(days) / 7.0
}

/// `YYYY-MM-DD`, or `YYYYMMDD` as in the CDNOW files.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (t[0..4].parse().ok()?, t[4..6].parse().ok()?, t[6..8].parse().ok()?);
        return Date::new(y, m, d).ok();
    }
    t.parse::<Date>().ok().filter(|_| t.len() == 10)
}

fn csv_error(path: &str, e: &csv::Error) -> LogError {
    let line = e.position().map_or(0, |p| p.line());
    LogError::Csv { path: path.to_owned(), line, reason: e.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
        f
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn summarises_like_the_paper() {
        let f = write(
            "customer_id,date,amount\n1,1997-01-01,29.33\n1,1997-01-18,29.73\n1,1997-08-02,14.96\n1,1997-12-12,26.48\n\
             2,1997-01-01,63.34\n2,1997-01-01,10.00\n3,1997-11-01,5\n4,1997-02-01,-20\n",
        );
        let log = read(f.path(), d("1997-09-30"), Some(d("1998-06-30")), d("2026-01-01")).unwrap();
        assert_eq!(log.customers.len(), 2);
        let c1 = &log.customers[0];
        assert_eq!((c1.x, c1.holdout), (2, 1));
        assert!((c1.t_x - 213.0 / 7.0).abs() < 1e-12 && (c1.t - 272.0 / 7.0).abs() < 1e-12);
        assert!((c1.mean_repeat - 22.345).abs() < 1e-9);
        // Same-day rows are one transaction.
        assert_eq!((log.customers[1].x, log.customers[1].holdout), (0, 0));
        assert_eq!((log.refund_rows, log.later_customers), (1, 1));
        assert!((log.holdout_weeks - 39.0).abs() < 1e-12);
    }

    #[test]
    fn names_the_line_and_field_of_a_bad_row() {
        let f = write("customer_id,date,amount\n1,1997-01-01,3\n2,1997-13-01,4\n");
        let e = read(f.path(), d("1997-09-30"), None, d("2026-01-01")).unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("date") && e.contains("1997-13-01"), "{e}");
        let f = write("customer,date,amount\n1,1997-01-01,3\n");
        let e = read(f.path(), d("1997-09-30"), None, d("2026-01-01")).unwrap_err().to_string();
        assert!(e.contains("customer_id"), "{e}");
        let f = write("customer_id,date,amount\n1,1997-01-01,lots\n");
        let e = read(f.path(), d("1997-09-30"), None, d("2026-01-01")).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("amount"), "{e}");
    }

    #[test]
    fn leaves_out_rows_dated_after_today() {
        let f = write("customer_id,date,amount\n1,2026-01-01,3\n1,2026-02-01,3\n1,2031-01-01,3\n");
        let log = read(f.path(), d("2026-01-15"), None, d("2026-03-01")).unwrap();
        assert_eq!(log.later_rows, 1);
        assert_eq!(log.customers[0].holdout, 1);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_rows(rows in proptest::collection::vec("[0-9a-z,.\\- ]{0,30}", 0..20)) {
            let f = write(&format!("customer_id,date,amount\n{}\n", rows.join("\n")));
            if let Ok(log) = read(f.path(), d("2020-06-30"), None, d("2026-01-01")) {
                for c in &log.customers {
                    proptest::prop_assert!(c.t_x >= 0.0 && c.t_x <= c.t && c.mean_repeat.is_finite());
                }
            }
        }
    }
}
