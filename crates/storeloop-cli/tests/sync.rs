//! A sync killed at random points resumes to exactly the data of one that was never stopped,
//! for both platforms. Two data folders are connected to the same fake store
//! (tests/platforms/fake_store.py for WooCommerce, fake_shopify.py for Shopify, whose history
//! comes through a bulk operation): one syncs once; the other's `storeloop sync` is killed
//! (SIGKILL, as a crash or a closed laptop would) 20 times at random moments and then run to
//! the end. Their stores must hold the same customers, products, variants, orders, lines and
//! refunds, line for line. The key is in the real keychain, so this runs inside the GNOME
//! Keyring session `scripts/test` starts (STORELOOP_KEYCHAIN_TESTS=1).

#![allow(clippy::unwrap_used, clippy::print_stderr)] // test code: a panic is the failure report

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use storeloop_core::clock::SystemClock;
use storeloop_core::store::{Mode, Store};

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn fake_store(script: &str, args: &[&str]) -> (Server, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let python = if Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
    let mut child = Command::new(python)
        .arg(root.join("tests/platforms").join(script))
        .args(["--port", &port.to_string()])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "ready");
    (Server(child), format!("http://127.0.0.1:{port}"))
}

fn connect(bin: &str, platform: &str, base: &str, dir: &str) {
    let (args, secret): (Vec<&str>, &[u8]) = if platform == "shopify" {
        (vec!["connect", "shopify", "--shop", base, "--token-stdin"], b"shpat_test\n")
    } else {
        (vec!["connect", "woocommerce", "--url", base, "--key", "ck_test", "--secret-stdin"], b"cs_test\n")
    };
    let mut child = Command::new(bin)
        .args(args)
        .args(["--json", "--data-dir", dir])
        .env_remove("STORELOOP_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(secret).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn snapshot(dir: &Path) -> Vec<String> {
    Store::open(dir, Mode::ReadOnly, &SystemClock).unwrap().commerce_snapshot().unwrap()
}

/// A small, seeded generator: the seed is printed, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn a_woocommerce_sync_killed_twenty_times_ends_with_exactly_the_data_of_one_never_stopped() {
    killed_twenty_times("woocommerce", "fake_store.py", "cs_test");
}

#[test]
fn a_shopify_sync_killed_twenty_times_ends_with_exactly_the_data_of_one_never_stopped() {
    killed_twenty_times("shopify", "fake_shopify.py", "shpat_test");
}

fn killed_twenty_times(platform: &str, script: &str, secret: &str) {
    if std::env::var_os("STORELOOP_KEYCHAIN_TESTS").is_none() {
        eprintln!("sync kill test not run: scripts/test runs it inside a GNOME Keyring session");
        return;
    }
    let (_server, base) = fake_store(script, &["--orders", "4000", "--products", "60", "--customers", "600"]);
    let bin = env!("CARGO_BIN_EXE_storeloop");
    let tmp = tempfile::tempdir().unwrap();
    let (whole, killed) = (tmp.path().join("whole"), tmp.path().join("killed"));
    let (w, k) = (whole.to_str().unwrap(), killed.to_str().unwrap());

    connect(bin, platform, &base, w);
    let started = std::time::Instant::now();
    let out =
        Command::new(bin).args(["sync", "--json", "--data-dir", w]).env_remove("STORELOOP_DATA_DIR").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Kill points spread over a fraction of an uninterrupted sync, so that twenty restarts,
    // each going on from the last, still land inside the work.
    let whole_ms = started.elapsed().as_millis() as u64;
    let expected = snapshot(&whole);
    assert!(expected.iter().filter(|l| l.starts_with("order|")).count() == 4000);

    connect(bin, platform, &base, k);
    // A different seed each run (STORELOOP_KILL_SEED replays one).
    let seed = std::env::var("STORELOOP_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| storeloop_core::clock::Clock::now(&SystemClock).as_nanosecond() as u64);
    eprintln!("kill points seeded with {seed}");
    let mut rng = Lcg(seed);
    let mut cut_short = 0;
    for _ in 0..20 {
        let mut child = Command::new(bin)
            .args(["sync", "--quiet", "--data-dir", k])
            .env_remove("STORELOOP_DATA_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(15 + rng.below((whole_ms / 12).max(20))));
        if child.try_wait().unwrap().is_none() {
            cut_short += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    eprintln!("{cut_short} of 20 syncs were killed while running (an uninterrupted one took {whole_ms} ms)");
    assert!(cut_short >= 10, "most kills should land mid-sync (seed {seed})");
    let out =
        Command::new(bin).args(["sync", "--json", "--data-dir", k]).env_remove("STORELOOP_DATA_DIR").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = snapshot(&killed);
    // The key is in no file of either data folder.
    for dir in [&whole, &killed] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                let bytes = std::fs::read(&path).unwrap();
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "the key is in {}",
                    path.display()
                );
            }
        }
    }
    if got != expected {
        let missing: Vec<_> = expected.iter().filter(|l| !got.contains(l)).take(5).collect();
        let extra: Vec<_> = got.iter().filter(|l| !expected.contains(l)).take(5).collect();
        panic!("seed {seed}: {} lines vs {}; missing {missing:?}; extra {extra:?}", got.len(), expected.len());
    }
}
