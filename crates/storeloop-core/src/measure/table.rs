//! Reads a per-customer results file: a `group` column (holdout or treatment), the metric's
//! column, and optionally its pre-period column (`pre_<metric>`) for CUPED. Errors name the line
//! and column and say what to do; nothing is guessed.

use super::lift::Paired;

/// The two groups read from a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Groups {
    pub holdout: Paired,
    pub treatment: Paired,
    /// Whether the file had the pre-period column.
    pub has_pre: bool,
}

/// Why a results file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("the file has no `{0}` column (columns: {1}); it needs `group` and the metric's column")]
    MissingColumn(String, String),
    #[error("line {line}, column `{column}`: {why}")]
    Cell { line: u64, column: String, why: String },
    #[error("line {line}: {why}")]
    Row { line: u64, why: String },
    #[error("the file has no rows")]
    Empty,
}

/// Reads `text` (CSV with a header row) for `metric`.
pub fn read(text: &str, metric: &str) -> Result<Groups, TableError> {
    let mut reader =
        csv::ReaderBuilder::new().flexible(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| TableError::Row { line: 1, why: e.to_string() })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect::<Vec<_>>();
    let find = |name: &str| headers.iter().position(|h| h == name);
    let all = headers.join(", ");
    let group = find("group").ok_or_else(|| TableError::MissingColumn("group".into(), all.clone()))?;
    let value = find(metric).ok_or_else(|| TableError::MissingColumn(metric.into(), all.clone()))?;
    let pre = find(&format!("pre_{metric}"));
    let mut out = Groups { has_pre: pre.is_some(), ..Groups::default() };
    let number = |record: &csv::StringRecord, i: usize, line: u64| -> Result<f64, TableError> {
        let cell = record.get(i).unwrap_or("").trim();
        let v: f64 = cell.parse().map_err(|_| TableError::Cell {
            line,
            column: headers[i].clone(),
            why: format!("`{cell}` is not a number"),
        })?;
        if !v.is_finite() {
            return Err(TableError::Cell {
                line,
                column: headers[i].clone(),
                why: format!("`{cell}` is not a finite number"),
            });
        }
        Ok(v)
    };
    for (k, record) in reader.records().enumerate() {
        let line = k as u64 + 2;
        let record = record.map_err(|e| TableError::Row { line, why: e.to_string() })?;
        let g = record.get(group).unwrap_or("").trim().to_ascii_lowercase();
        let v = number(&record, value, line)?;
        let p = match pre {
            Some(i) => number(&record, i, line)?,
            None => 0.0,
        };
        match g.as_str() {
            "holdout" | "control" => out.holdout.push(v, p),
            "treatment" | "treated" => out.treatment.push(v, p),
            other => {
                return Err(TableError::Cell {
                    line,
                    column: "group".into(),
                    why: format!("`{other}` is neither `holdout` nor `treatment`"),
                })
            }
        }
    }
    if out.holdout.post.n + out.treatment.post.n == 0.0 {
        return Err(TableError::Empty);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rows_are_named() {
        let e = read("group,revenue\nholdout,1\ntreatment,abc\n", "revenue").unwrap_err();
        assert_eq!(e.to_string(), "line 3, column `revenue`: `abc` is not a number");
        let e = read("group,revenue\nholdout,1\nsomeone,2\n", "revenue").unwrap_err();
        assert!(e.to_string().contains("neither `holdout` nor `treatment`"));
        let e = read("grp,revenue\n", "revenue").unwrap_err();
        assert!(e.to_string().starts_with("the file has no `group` column"));
        let e = read("group,revenue\nholdout,1,2\n", "revenue").unwrap_err();
        assert!(e.to_string().starts_with("line 2:"), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_panic(text in "[a-z0-9,.\\n-]{0,200}") {
            let _ = read(&text, "revenue");
        }
    }
}
