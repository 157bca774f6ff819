//! The `storeloop` binary as a script would use it: options in either place, JSON out, clear
//! errors with distinct exit codes, and nothing overwritten.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;
use std::process::{Command, Output};

fn storeloop(args: &[&str], env_dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_storeloop"));
    cmd.args(args).env_remove("STORELOOP_DATA_DIR");
    if let Some(d) = env_dir {
        cmd.env("STORELOOP_DATA_DIR", d);
    }
    cmd.output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

const AS_OF: &str = "--as-of=2026-11-25T12:00:00Z";

#[test]
fn data_dir_works_before_or_after_the_subcommand_and_from_the_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let d = dir.to_str().unwrap();
    let made = json(&storeloop(&["--data-dir", d, "demo", "--customers", "200", "--seed", "5", AS_OF, "--json"], None));
    assert_eq!(made["customers"], 200);
    let after = json(&storeloop(&["stats", "--json", "--data-dir", d], None));
    let before = json(&storeloop(&["--json", "--data-dir", d, "stats"], None));
    let from_env = json(&storeloop(&["stats", "--json"], Some(&dir)));
    assert_eq!(after, before);
    assert_eq!(after, from_env);
    assert_eq!(after["customers"], 200);
    assert_eq!(after["orders"], made["orders"].as_u64().unwrap() as i64 - cancelled(&after, &made));
    // The flag wins over the environment.
    let elsewhere = tmp.path().join("empty");
    let out = storeloop(&["stats", "--json", "--data-dir", d], Some(&elsewhere));
    assert_eq!(json(&out), after);
}

/// Orders counted by stats exclude cancelled ones; the demo report counts every order.
fn cancelled(stats: &serde_json::Value, made: &serde_json::Value) -> i64 {
    let by_month: i64 =
        stats["revenue_by_month"].as_array().unwrap().iter().map(|m| m["orders"].as_i64().unwrap()).sum();
    assert_eq!(by_month, stats["orders"].as_i64().unwrap());
    made["orders"].as_i64().unwrap() - stats["orders"].as_i64().unwrap()
}

#[test]
fn stats_on_a_folder_without_a_store_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let out = storeloop(&["stats", "--data-dir", tmp.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("storeloop demo"), "{err}");
    assert!(err.contains(&tmp.path().display().to_string()), "{err}");
    // With --json the error is JSON too, and standard output stays empty.
    let out = storeloop(&["stats", "--json", "--data-dir", tmp.path().to_str().unwrap()], None);
    assert!(out.stdout.is_empty());
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "not_found");
}

#[test]
fn demo_never_overwrites_a_store() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    json(&storeloop(&["demo", "--customers", "50", AS_OF, "--json", "--data-dir", d], None));
    let before = json(&storeloop(&["stats", "--json", "--data-dir", d], None));
    let out = storeloop(&["demo", "--customers", "80", "--seed", "9", AS_OF, "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds a store"));
    assert_eq!(json(&storeloop(&["stats", "--json", "--data-dir", d], None)), before);
}

#[test]
fn bad_options_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    let out = storeloop(&["demo", "--as-of", "next tuesday", "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--as-of") && err.contains("next tuesday"), "{err}");
    let out = storeloop(&["demo", "--customers", "0", "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--customers"));
}

#[test]
fn status_reports_paths_and_version() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    json(&storeloop(&["demo", "--customers", "20", AS_OF, "--json", "--data-dir", d], None));
    let s = json(&storeloop(&["status", "--json", "--data-dir", d], None));
    assert_eq!(s["data_dir"], d);
    assert_eq!(s["store"]["source"], "demo");
    assert!(s["schema_version"].as_i64().unwrap() >= 1);
}

#[test]
fn audit_reports_and_saves_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    json(&storeloop(&["demo", "--customers", "300", AS_OF, "--json", "--data-dir", d], None));
    let report = json(&storeloop(&["audit", "--json", "--data-dir", d], None));
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 10);
    let links = findings.iter().find(|f| f["code"] == "broken_links").unwrap();
    assert!(links["note"].as_str().unwrap().contains("example addresses"), "{links}");
    let consent = findings.iter().find(|f| f["code"] == "unknown_consent").unwrap();
    assert!(consent["count"].as_i64().unwrap() > 0);
    assert!(!consent["fix"].as_str().unwrap().is_empty());
    let text = storeloop(&["audit", "--data-dir", d], None);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("What to do:"));
}

#[test]
fn import_of_the_real_shopify_export_then_again_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../storeloop-core/tests/data/shopify_orders_export.devstore-2025-12.redacted.csv"
    );
    let first = json(&storeloop(&["import", "shopify-orders", file, "--json", "--data-dir", d], None));
    assert_eq!((first["inserted"].as_i64(), first["rejected"].as_i64()), (Some(4), Some(0)));
    let again = json(&storeloop(&["import", "shopify-orders", file, "--json", "--data-dir", d], None));
    assert_eq!((again["inserted"].as_i64(), again["unchanged"].as_i64()), (Some(0), Some(4)));
    let stats = json(&storeloop(&["stats", "--json", "--data-dir", d], None));
    assert_eq!(stats["gross_item_revenue"]["minor"], 3_488_200);
    assert_eq!(stats["gross_item_revenue"]["currency"], "INR");
    let out = storeloop(&["import", "woo-orders", file, "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("shopify-orders"));
}

#[test]
fn a_customer_can_be_exported_then_forgotten() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../storeloop-core/tests/data/shopify_orders_export.devstore-2025-12.redacted.csv"
    );
    json(&storeloop(&["import", "shopify-orders", file, "--json", "--data-dir", d], None));
    let before = json(&storeloop(&["stats", "--json", "--data-dir", d], None));
    let person = json(&storeloop(&["customer", "export", "Customer@Example.com", "--data-dir", d], None));
    assert_eq!(person["email"], "customer@example.com");
    assert_eq!(person["orders"].as_array().unwrap().len(), 3);
    assert_eq!(person["orders"][0]["total"]["currency"], "INR");
    let gone = json(&storeloop(&["customer", "forget", "customer@example.com", "--json", "--data-dir", d], None));
    assert_eq!(gone["orders_kept"], 3);
    assert_eq!(json(&storeloop(&["stats", "--json", "--data-dir", d], None)), before);
    let out = storeloop(&["customer", "export", "customer@example.com", "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No customer has the email address"));
}

#[test]
fn the_import_benchmark_measures_the_import_and_its_ceiling() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../storeloop-core/tests/data/shopify_orders_export.devstore-2025-12.redacted.csv"
    );
    let r = json(&storeloop(&["bench", "--import-orders", file, "--json"], None));
    assert_eq!((r["orders"].as_i64(), r["lines"].as_i64(), r["rows_read"].as_i64()), (Some(4), Some(13), Some(13)));
    assert!(r["import_seconds"].as_f64().unwrap() > 0.0 && r["ceiling_seconds"].as_f64().unwrap() > 0.0);
}

fn cdnow() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../storeloop-core/tests/data/cdnow/transactions.csv")
        .display()
        .to_string()
}

#[test]
fn model_bgnbd_fits_the_cdnow_sample() {
    let f = cdnow();
    let out = storeloop(
        &[
            "model",
            "bgnbd",
            "--transactions",
            &f,
            "--calibration-end",
            "1997-09-30",
            "--holdout-end",
            "1998-06-30",
            "--json",
        ],
        None,
    );
    let m = json(&out);
    // Each value rounds to the published figure at the decimals the paper prints.
    let shown = |v: &serde_json::Value, places: usize| format!("{:.places$}", v.as_f64().unwrap());
    assert_eq!(
        [shown(&m["r"], 3), shown(&m["alpha"], 3), shown(&m["a"], 3), shown(&m["b"], 3)],
        ["0.243", "4.414", "0.793", "2.426"]
    );
    assert_eq!(shown(&m["log_likelihood"], 1), "-9582.4");
    let gg = &m["gamma_gamma"];
    assert_eq!([shown(&gg["p"], 2), shown(&gg["q"], 2), shown(&gg["gamma"], 2)], ["6.25", "3.74", "15.44"]);
    let table = m["holdout"].as_array().unwrap();
    assert_eq!(table.len(), 8);
    assert_eq!(table[7]["x"], "7+");
    assert_eq!(table[0]["customers"], 1411);
}

#[test]
fn model_bgnbd_names_what_is_wrong_with_its_input() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.csv");
    std::fs::write(&bad, "customer_id,date,amount\n1,2020-01-01,5\n1,2020-02-30,5\n").unwrap();
    let b = bad.to_str().unwrap();
    let out = storeloop(&["model", "bgnbd", "--transactions", b, "--calibration-end", "2020-06-30"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3") && err.contains("date") && err.contains("2020-02-30"), "{err}");
    // One customer cannot be fitted: said plainly, nothing printed as a result.
    std::fs::write(&bad, "customer_id,date,amount\n1,2020-01-01,5\n1,2020-02-01,5\n").unwrap();
    let out = storeloop(&["model", "bgnbd", "--transactions", b, "--calibration-end", "2020-06-30", "--json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least"));
    let out = storeloop(
        &["model", "bgnbd", "--transactions", b, "--calibration-end", "2020-06-30", "--holdout-end", "2020-01-01"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let missing = tmp.path().join("none.csv");
    let out = storeloop(
        &["model", "bgnbd", "--transactions", missing.to_str().unwrap(), "--calibration-end", "2020-06-30"],
        None,
    );
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn score_then_segments_on_a_demo_store() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    let out = storeloop(&["segments", "--json", "--data-dir", d], None);
    assert_ne!(out.status.code(), Some(0));
    json(&storeloop(&["demo", "--customers", "2500", AS_OF, "--json", "--data-dir", d], None));
    let out = storeloop(&["segments", "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("storeloop score"));
    let s = json(&storeloop(&["score", "--json", "--data-dir", d], None));
    assert_eq!(s["customers"], 2500);
    assert_eq!(s["mode"], "models", "{}", s["caution"]);
    assert!(s["bgnbd"]["r"].as_f64().unwrap() > 0.0);
    let segments = json(&storeloop(&["segments", "--json", "--data-dir", d], None));
    let builtin: u64 = segments
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["builtin"] == true)
        .map(|s| s["customers"].as_u64().unwrap())
        .sum();
    assert_eq!(builtin, 2500, "every customer is in exactly one built-in segment");
}

#[test]
fn a_small_store_is_scored_by_rules_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    json(&storeloop(&["demo", "--customers", "150", AS_OF, "--json", "--data-dir", d], None));
    let s = json(&storeloop(&["score", "--json", "--data-dir", d], None));
    assert_eq!(s["mode"], "rules");
    assert!(s["caution"].as_str().unwrap().contains("200 repeat customers"), "{}", s["caution"]);
    // Wide, but real: the interval brackets the estimate.
    let (lo, mid, hi) = (
        s["expected_orders_90d_low"].as_f64().unwrap(),
        s["expected_orders_90d"].as_f64().unwrap(),
        s["expected_orders_90d_high"].as_f64().unwrap(),
    );
    assert!(lo <= mid && mid <= hi && hi > lo, "{lo} {mid} {hi}");
    // The text form says it too.
    let out = storeloop(&["score", "--data-dir", d, "--quiet"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("simple rules"));
}

#[test]
fn the_demo_store_has_the_playbooks_and_flows_round_trip_through_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("store");
    let d = d.to_str().unwrap();
    json(&storeloop(&["demo", "--customers", "40", AS_OF, "--json", "--data-dir", d], None));
    let list = json(&storeloop(&["flows", "list", "--json", "--data-dir", d], None));
    let slugs: Vec<&str> = list.as_array().unwrap().iter().map(|f| f["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["abandoned-cart", "browse-abandonment", "post-purchase", "win-back"]);
    assert!(list.as_array().unwrap().iter().all(|f| f["status"] == "draft" && f["version"] == 1));

    let file = tmp.path().join("cart.json");
    let out = storeloop(&["flows", "export", "abandoned-cart", "--out", file.to_str().unwrap(), "--data-dir", d], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let original = std::fs::read_to_string(&file).unwrap();

    // A wait of zero is refused, naming the node; nothing is saved.
    std::fs::write(&file, original.replace("\"minutes\": 60", "\"minutes\": 0")).unwrap();
    let out = storeloop(&["flows", "import", file.to_str().unwrap(), "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Node `wait-1h`") && err.contains("Nothing was saved"), "{err}");
    // A sound change becomes version 2.
    std::fs::write(&file, original.replace("\"minutes\": 60", "\"minutes\": 90")).unwrap();
    let saved = json(&storeloop(&["flows", "import", file.to_str().unwrap(), "--json", "--data-dir", d], None));
    assert_eq!(saved["version"], 2);
    let shown =
        String::from_utf8(storeloop(&["flows", "show", "abandoned-cart", "--data-dir", d], None).stdout).unwrap();
    assert!(shown.contains("\"minutes\": 90"));
    let out = storeloop(&["flows", "show", "no-such-flow", "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn a_flow_is_simulated_as_a_ledger_then_launched_killed_and_resumed() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("store");
    let d = d.to_str().unwrap();
    json(&storeloop(&["demo", "--customers", "400", "--json", "--data-dir", d], None));
    assert!(storeloop(&["score", "--quiet", "--data-dir", d], None).status.success());

    // Launching before a dry run says what to do.
    let out = storeloop(&["flows", "launch", "post-purchase", "--percent", "25", "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("flows simulate post-purchase"));

    // The dry run's ledger: one JSON object per decision, each naming customer, step, decision, reason.
    let out = storeloop(&["flows", "simulate", "post-purchase", "--days", "60", "--json", "--data-dir", d], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.len() > 50, "{} decisions", lines.len());
    for l in &lines {
        assert!(l["customer"].is_i64() && l["decision"].is_string() && l["reason"].is_string(), "{l}");
    }
    let sent = lines.iter().filter(|l| l["decision"] == "sent").count();
    assert!(sent > 0);
    assert!(lines.iter().any(|l| l["decision"] == "would_send" && l["holdout"] == true));
    // Every enrolment ends in exactly one ending (exited, or still in progress at the end).
    let mut endings: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for l in lines.iter().filter(|l| l["decision"] == "exited" || l["decision"] == "in_progress") {
        *endings.entry(l["enrolment"].as_u64().unwrap()).or_default() += 1;
    }
    let entered: Vec<u64> =
        lines.iter().filter(|l| l["decision"] == "entered").map(|l| l["enrolment"].as_u64().unwrap()).collect();
    assert!(entered.iter().all(|e| endings.get(e) == Some(&1)));

    // Regulated products in the demo catalog: the post-purchase emails need an approval.
    let out = storeloop(&["flows", "launch", "post-purchase", "--percent", "25", "--data-dir", d], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs your approval"));
    assert!(storeloop(&["flows", "approve", "post-purchase", "--by", "Sam", "--data-dir", d], None).status.success());
    // The WORKFLOW checklist still has open items: the launch names them, and goes ahead only
    // with a written reason (`checklist` shows what the app verified).
    let out = storeloop(&["flows", "launch", "post-purchase", "--percent", "25", "--data-dir", d], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--override"));
    let list = json(&storeloop(&["checklist", "post-purchase", "--json", "--data-dir", d], None));
    assert_eq!(list["passed"], false);
    assert_eq!(list["items"].as_array().unwrap().len(), 8);
    let live = json(&storeloop(
        &[
            "flows",
            "launch",
            "post-purchase",
            "--percent",
            "25",
            "--override",
            "CLI test of the engine",
            "--json",
            "--data-dir",
            d,
        ],
        None,
    ));
    assert_eq!((live["status"].as_str(), live["live_percent"].as_u64()), (Some("live"), Some(25)));
    let tick = json(&storeloop(&["flows", "run", "--json", "--data-dir", d], None));
    assert!(tick["tick"]["entered"].as_u64().unwrap() > 0, "{tick}");

    let k = json(&storeloop(&["flows", "kill", "--json", "--data-dir", d], None));
    assert_eq!(k["all"], true);
    let again = json(&storeloop(&["flows", "run", "--json", "--data-dir", d], None));
    assert_eq!(again["send"]["sent"], 0, "nothing leaves while the kill switch is on");
    let k = json(&storeloop(&["flows", "resume", "--json", "--data-dir", d], None));
    assert_eq!(k["all"], false);
    let page = json(&storeloop(&["flows", "decisions", "--flow", "post-purchase", "--json", "--data-dir", d], None));
    assert!(page["total"].as_i64().unwrap() > 0);
}

#[test]
fn measure_lift_reads_a_per_customer_file() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../storeloop-core/tests/data/measure/holdout_rpu_20k.csv");
    let r =
        json(&storeloop(&["measure", "lift", "--csv", file.to_str().unwrap(), "--metric", "revenue", "--json"], None));
    assert!((r["relative"]["estimate"].as_f64().unwrap() - 0.135356).abs() < 1e-6, "{r}");
    assert!((r["relative"]["p_value"].as_f64().unwrap() - 0.053834).abs() < 1e-6, "{r}");
    assert!((r["absolute"]["low"].as_f64().unwrap() - 0.135553).abs() < 1e-6, "{r}");
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.csv");
    std::fs::write(&bad, "group,revenue\nholdout,1\ntreatment,lots\n").unwrap();
    let out = storeloop(&["measure", "lift", "--csv", bad.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3, column `revenue`: `lots` is not a number"));
}

#[test]
fn a_demo_with_flow_history_is_measured_the_same_by_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("store");
    let d = d.to_str().unwrap();
    let made = json(&storeloop(
        &["--data-dir", d, "demo", "--customers", "800", "--seed", "3", AS_OF, "--flow-days", "30", "--json"],
        None,
    ));
    let history = &made["flow_history"];
    assert_eq!(history["days"], 30);
    assert_eq!(history["to"], "2026-11-25T12:00:00Z");
    assert_eq!(history["flows"].as_array().unwrap().len(), 4);
    let one = json(&storeloop(&["--data-dir", d, "measure", "flow", "abandoned-cart", "--json"], None));
    let again = json(&storeloop(&["--data-dir", d, "measure", "flow", "abandoned-cart", "--json"], None));
    assert_eq!(one, again, "the same numbers every time");
    let all = json(&storeloop(&["--data-dir", d, "measure", "flows", "--json"], None));
    let listed = all.as_array().unwrap().iter().find(|m| m["slug"] == "abandoned-cart").unwrap();
    assert_eq!(listed, &one, "the overview and the flow's page agree");
    assert!(one["margin"]["absolute"]["low"].is_number(), "{one}");
    assert!(one["last_click"]["orders"].as_u64().unwrap() > 0);
    let digest = json(&storeloop(&["--data-dir", d, "measure", "digest", "--json"], None));
    assert_eq!(digest["flows"].as_array().unwrap().len(), 4);
    // A watch that names no metric Storeloop has is refused, naming it.
    let out = storeloop(&["--data-dir", d, "measure", "set-watch", "abandoned-cart", "--failure", "nonsense"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("The failure metric `nonsense`"));
}

#[test]
fn copy_is_generated_offline_and_every_line_of_a_file_is_checked_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("store");
    let d = d.to_str().unwrap();
    json(&storeloop(&["--data-dir", d, "demo", "--customers", "200", "--seed", "4", AS_OF, "--json"], None));
    let made = json(&storeloop(
        &[
            "--data-dir",
            d,
            "copy",
            "generate",
            "--product",
            "FH-SEN-050",
            "--kind",
            "subject",
            "--count",
            "10",
            "--json",
        ],
        None,
    ));
    let made = made.as_array().unwrap();
    assert_eq!(made.len(), 10);
    for v in made {
        assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
        assert!(v["text"].as_str().unwrap().chars().count() <= 60);
    }
    let file = tmp.path().join("variants.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"kind\":\"subject\",\"text\":\"Still thinking about Kagoshima Sencha?\",\"sku\":\"FH-SEN-050\"}\n",
            "{\"kind\":\"subject\",\"text\":\"40% off a ceramic teapot!!!\"}\n",
            "\n",
            "{\"kind\":\"preheader\",\"text\":\"Clinically proven\"}\n",
        ),
    )
    .unwrap();
    let checked =
        json(&storeloop(&["--data-dir", d, "copy", "check", "--variants", file.to_str().unwrap(), "--json"], None));
    let lines = checked.as_array().unwrap();
    assert_eq!(lines.iter().map(|l| l["line"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2, 4]);
    assert!(lines[0]["findings"].as_array().unwrap().is_empty());
    let rules: Vec<&str> =
        lines[1]["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"discount") && rules.contains(&"spam") && rules.contains(&"grounding"), "{rules:?}");
    let f = &lines[2]["findings"][0];
    assert_eq!(
        (f["rule"].as_str(), f["span"].as_str(), f["start"].as_u64()),
        (Some("medical"), Some("Clinically proven"), Some(0))
    );
    // A line that is not a variant is named, and nothing is printed as if it passed.
    std::fs::write(&file, "{\"kind\":\"subject\",\"text\":\"ok\"}\n{\"text\":\"no kind\"}\n").unwrap();
    let out = storeloop(&["--data-dir", d, "copy", "check", "--variants", file.to_str().unwrap(), "--json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 2: `kind` is missing"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = storeloop(&["--data-dir", d, "copy", "generate", "--product", "NOPE-1"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("No product has the SKU `NOPE-1`"));
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `storeloop ... | head -1`: the pipe closes after the first line.
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../storeloop-core/tests/data/measure/holdout_rpu_20k.csv");
    let mut child = Command::new(env!("CARGO_BIN_EXE_storeloop"))
        .args(["measure", "lift", "--csv", file.to_str().unwrap(), "--json"])
        .env_remove("STORELOOP_DATA_DIR")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{:?} {err}", out.status);
}

#[test]
fn ad_copy_comes_out_as_csv_per_audience_pain() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("store");
    let d = d.to_str().unwrap();
    json(&storeloop(&["--data-dir", d, "demo", "--customers", "200", "--seed", "4", AS_OF, "--json"], None));
    let file = tmp.path().join("ads.csv");
    let out =
        storeloop(&["--data-dir", d, "copy", "ads", "--product", "FH-SEN-050", "--out", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&file).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        rows.headers().unwrap().iter().collect::<Vec<_>>(),
        ["audience", "pain", "text", "hook", "passes", "rules"]
    );
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let audiences: std::collections::BTreeSet<&str> = records.iter().map(|r| &r[0]).collect();
    assert!(audiences.len() >= 3, "{audiences:?}");
    for r in &records {
        assert!(r[2].chars().count() <= 125, "{}", &r[2]);
        assert_eq!(&r[4], "yes", "composed from the facts, so it passes: {r:?}");
    }
}
