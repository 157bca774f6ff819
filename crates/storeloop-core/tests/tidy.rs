//! House rules, checked on every test run: each Rust file says what it owns, SQL lives only in
//! `store/`, and the core never depends on Tauri.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn workspace_sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "crates/storeloop-core/src",
        "crates/storeloop-core/tests",
        "crates/storeloop-cli/src",
        "crates/storeloop-cli/tests",
        "src-tauri/src",
    ] {
        rust_files(&root().join(dir), &mut files);
    }
    files.push(root().join("src-tauri/build.rs"));
    files
}

#[test]
fn every_rust_file_opens_with_what_it_owns() {
    let missing: Vec<_> = workspace_sources()
        .into_iter()
        .filter(|f| !fs::read_to_string(f).unwrap().trim_start().starts_with("//!"))
        .collect();
    assert!(missing.is_empty(), "files without a `//!` line saying what they own: {missing:#?}");
}

#[test]
fn only_the_store_module_speaks_sql() {
    let store = root().join("crates/storeloop-core/src/store");
    let words = ["rusqlite", "SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE", "PRAGMA "];
    let mut offenders = Vec::new();
    for f in workspace_sources() {
        if f.starts_with(&store) || f.ends_with("tidy.rs") {
            continue;
        }
        let text = fs::read_to_string(&f).unwrap();
        for w in words {
            if text.contains(w) {
                offenders.push(format!("{} mentions `{w}`", f.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "SQL outside store/: {offenders:#?}");
}

#[test]
fn the_core_does_not_depend_on_tauri() {
    let manifest = fs::read_to_string(root().join("crates/storeloop-core/Cargo.toml")).unwrap();
    assert!(!manifest.lines().any(|l| l.trim_start().starts_with("tauri")), "storeloop-core/Cargo.toml names tauri");
    for f in workspace_sources().iter().filter(|f| f.starts_with(root().join("crates")) && !f.ends_with("tidy.rs")) {
        let text = fs::read_to_string(f).unwrap();
        assert!(!text.contains("tauri::"), "{} uses tauri", f.display());
    }
}
