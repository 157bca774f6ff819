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

/// A language model's API key saved with `copy generator set --key-stdin` is in the real
/// keychain, is sent to the model's server by `copy generate --via ai`, is in no file of the data
/// folder and is gone after `copy generator forget`.
#[test]
fn a_model_key_lives_in_the_keychain_and_is_sent_only_to_the_model() {
    use std::io::{BufRead, BufReader, Read};
    if std::env::var_os("STORELOOP_KEYCHAIN_TESTS").is_none() {
        eprintln!("keychain test not run: scripts/test runs it inside a GNOME Keyring session");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let d = data.to_str().unwrap();
    let key = format!("sk-kettle-{}", std::process::id());
    // A one-request server speaking OpenAI's Chat Completions, recording the Authorization
    // header it was sent.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let (mut auth, mut len) = (String::new(), 0usize);
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let l = line.trim_end().to_owned();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("authorization") {
                    auth = v.trim().to_owned();
                }
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().unwrap();
                }
            }
        }
        let mut body = vec![0; len];
        reader.read_exact(&mut body).unwrap();
        let content = serde_json::json!({"variants": [{"text": "Your Sencha is waiting", "hook": "reminder"}]});
        let answer = serde_json::json!({
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content.to_string(), "refusal": null}, "finish_reason": "stop"}],
        })
        .to_string();
        let mut stream = stream;
        write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}", answer.len()).unwrap();
        auth
    });
    let bin = env!("CARGO_BIN_EXE_storeloop");
    let run = |args: &[&str]| Command::new(bin).args(args).env_remove("STORELOOP_DATA_DIR").output().unwrap();
    assert!(run(&["demo", "--customers", "20", "--quiet", "--data-dir", d]).status.success());

    let set = [
        "copy",
        "generator",
        "set",
        "--provider",
        "openai-compatible",
        "--model",
        "local-model",
        "--base-url",
        &base,
        "--key-stdin",
        "--json",
        "--data-dir",
        d,
    ];
    let mut child = Command::new(bin)
        .args(set)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{key}\n").as_bytes()).unwrap();
    let saved = child.wait_with_output().unwrap();
    assert!(saved.status.success(), "{}", String::from_utf8_lossy(&saved.stderr));
    let g: serde_json::Value = serde_json::from_slice(&saved.stdout).unwrap();
    assert_eq!(g["key_saved"], true);
    assert!(!String::from_utf8_lossy(&saved.stdout).contains(&key), "the key is never printed");

    let out =
        run(&["copy", "generate", "--product", "FH-SEN-050", "--count", "1", "--via", "ai", "--json", "--data-dir", d]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["text"], "Your Sencha is waiting");
    assert_eq!(server.join().unwrap(), format!("Bearer {key}"), "the server got the key from the keychain");

    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(!bytes.windows(key.len()).any(|w| w == key.as_bytes()), "the key is in {}", path.display());
        }
    }
    let forgot = run(&["copy", "generator", "forget", "--json", "--data-dir", d]);
    assert!(forgot.status.success());
    let g: serde_json::Value = serde_json::from_slice(&forgot.stdout).unwrap();
    assert_eq!(g["key_saved"], false);
    assert_eq!(g["provider"], serde_json::Value::Null);
}
