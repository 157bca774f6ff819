//! Secrets in the real OS keychain: an SMTP password saved through `storeloop sending set
//! --secret-stdin` goes to the Secret Service (GNOME Keyring under `dbus-run-session` in
//! `scripts/test`), never into the data folder, and the next `send test` logs in with it to a
//! server that requires a login. Runs when STORELOOP_KEYCHAIN_TESTS=1 (set by `scripts/test`
//! inside a keyring session); without a keychain there is nothing real to test against.

#![allow(clippy::unwrap_used, clippy::print_stderr)] // test code: a panic is the failure report

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn an_smtp_password_lives_in_the_keychain_and_logs_in() {
    if std::env::var_os("STORELOOP_KEYCHAIN_TESTS").is_none() {
        eprintln!("keychain test not run: scripts/test runs it inside a GNOME Keyring session");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let d = data.to_str().unwrap();
    let out = tmp.path().join("received");
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let python = if Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
    let password = format!("tea-{}-pot", std::process::id());
    let mut server = Command::new(python)
        .arg(root.join("tests/smtp/auth_server.py"))
        .args(["--port", &port.to_string(), "--out", out.to_str().unwrap(), "--user", "owner", "--password", &password])
        .spawn()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(15);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < until, "the auth SMTP server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let bin = env!("CARGO_BIN_EXE_storeloop");
    let run = |args: &[&str]| Command::new(bin).args(args).env_remove("STORELOOP_DATA_DIR").output().unwrap();
    assert!(run(&["demo", "--customers", "20", "--quiet", "--data-dir", d]).status.success());

    // Without the password saved, sending is refused with what to do.
    let p = port.to_string();
    let no_secret = [
        "sending",
        "set",
        "--via",
        "smtp",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &p,
        "--smtp-security",
        "none",
        "--smtp-user",
        "nobody",
        "--data-dir",
        d,
    ];
    assert!(run(&no_secret).status.success());
    let refused = run(&["send", "test", "--to", "anna@example.com", "--data-dir", d]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("no password for nobody"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let set = [
        "sending",
        "set",
        "--via",
        "smtp",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &p,
        "--smtp-security",
        "none",
        "--smtp-user",
        "owner",
        "--data-dir",
        d,
    ];
    let mut child =
        Command::new(bin).args(set).arg("--secret-stdin").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
    let saved = child.wait_with_output().unwrap();
    assert!(saved.status.success(), "{}", String::from_utf8_lossy(&saved.stdout));
    let settings: serde_json::Value = serde_json::from_slice(&saved.stdout).unwrap();
    assert_eq!(settings["secret_saved"], true);

    let sent = run(&["send", "test", "--to", "anna@example.com", "--json", "--data-dir", d]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("1.json")).unwrap()).unwrap();
    assert_eq!(meta["authenticated"], true);
    assert_eq!(meta["rcpt_tos"][0], "anna@example.com");

    // The password is nowhere in the data folder.
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.windows(password.len()).any(|w| w == password.as_bytes()),
                "the password is in {}",
                path.display()
            );
        }
    }
    let _ = server.kill();
    let _ = server.wait();
}
