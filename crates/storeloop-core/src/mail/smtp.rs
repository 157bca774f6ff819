//! A small SMTP client (RFC 5321) for handing messages to a mail server: plain TCP for a server
//! on this computer, STARTTLS or TLS (rustls, the Mozilla roots) otherwise, AUTH PLAIN, one
//! connection kept open across messages.
//!
//! Written here rather than taken from a library for two reasons. It knows exactly where a
//! failure happened, which exactly-once sending needs: any failure before the final "." of DATA
//! means the server cannot have taken the message (try again later), a 4xx/5xx reply is the
//! server's answer, and only a connection lost between the final "." and the reply leaves the
//! message's fate unknown. And it sends the message and its terminator in one write with
//! TCP_NODELAY: a library that wrote the terminator separately waited ~40 ms per message for the
//! server's delayed ACK (23 messages/s where this does hundreds).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::compose::Built;
use super::transport::{SendError, Transport};

/// Connection security.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain text; only for a server on this computer.
    None,
    /// STARTTLS upgrade (usually port 587).
    StartTls,
    /// TLS from the start (usually port 465).
    Tls,
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// A server's reply: code and text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reply {
    code: u16,
    text: String,
}

/// An open conversation with the server.
struct Session {
    io: BufReader<Stream>,
}

/// Where in a send a failure happened.
enum Failure {
    /// Before the end of DATA: the message cannot have been taken.
    Before(String),
    /// The server answered with an error.
    Reply(Reply),
    /// After the final "." and before the reply: unknown.
    AfterDot(String),
}

impl Session {
    fn read_reply(&mut self) -> io::Result<Reply> {
        let mut text = String::new();
        loop {
            let mut line = String::new();
            if self.io.read_line(&mut line)? == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the server closed the connection"));
            }
            let line = line.trim_end();
            if line.len() < 3 || !line.as_bytes()[..3].iter().all(u8::is_ascii_digit) {
                return Err(io::Error::new(io::ErrorKind::InvalidData, format!("not an SMTP reply: {line}")));
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line.get(4..).unwrap_or(""));
            if line.as_bytes().get(3) != Some(&b'-') {
                let code = line[..3].parse().unwrap_or(0);
                return Ok(Reply { code, text });
            }
        }
    }

    fn command(&mut self, line: &str) -> io::Result<Reply> {
        let stream = self.io.get_mut();
        stream.write_all(line.as_bytes())?;
        stream.write_all(b"\r\n")?;
        stream.flush()?;
        self.read_reply()
    }
}

/// An SMTP server account.
pub struct Smtp {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<(String, String)>,
    timeout: Duration,
    tls: Arc<rustls::ClientConfig>,
    session: Mutex<Option<Session>>,
}

impl std::fmt::Debug for Smtp {
    // Never print the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Smtp")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .finish_non_exhaustive()
    }
}

impl Smtp {
    /// An account at `host:port`; `credentials` are (user, password) from the keychain.
    pub fn new(
        host: &str,
        port: u16,
        security: Security,
        credentials: Option<(String, String)>,
    ) -> Result<Self, SendError> {
        if host.trim().is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(SendError::Permanent(format!("`{host}` is not a server name")));
        }
        let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| SendError::Permanent(format!("TLS could not be set up: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Smtp {
            host: host.trim().to_owned(),
            port,
            security,
            credentials,
            timeout: Duration::from_secs(30),
            tls: Arc::new(tls),
            session: Mutex::new(None),
        })
    }

    fn tls_wrap(&self, tcp: TcpStream) -> io::Result<Stream> {
        let name = rustls::pki_types::ServerName::try_from(self.host.clone())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
        let conn =
            rustls::ClientConnection::new(Arc::clone(&self.tls), name).map_err(|e| io::Error::other(e.to_string()))?;
        Ok(Stream::Tls(Box::new(rustls::StreamOwned::new(conn, tcp))))
    }

    fn connect(&self) -> Result<Session, Failure> {
        let before = |e: io::Error| Failure::Before(format!("could not talk to {}:{}: {e}", self.host, self.port));
        let addr = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(before)?
            .next()
            .ok_or_else(|| Failure::Before(format!("{} has no address", self.host)))?;
        let tcp = TcpStream::connect_timeout(&addr, Duration::from_secs(10)).map_err(before)?;
        tcp.set_nodelay(true).map_err(before)?;
        tcp.set_read_timeout(Some(self.timeout)).map_err(before)?;
        tcp.set_write_timeout(Some(self.timeout)).map_err(before)?;
        let stream =
            if self.security == Security::Tls { self.tls_wrap(tcp).map_err(before)? } else { Stream::Plain(tcp) };
        let mut s = Session { io: BufReader::new(stream) };
        let expect = |s: &mut Session, r: io::Result<Reply>, ok: &[u16]| -> Result<Reply, Failure> {
            let _ = s;
            let r = r.map_err(before)?;
            if ok.contains(&r.code) {
                Ok(r)
            } else {
                Err(Failure::Reply(r))
            }
        };
        let greeting = s.read_reply();
        expect(&mut s, greeting, &[220])?;
        let ehlo = s.command("EHLO storeloop.localhost");
        let hello = expect(&mut s, ehlo, &[250])?;
        if self.security == Security::StartTls {
            if !hello.text.to_ascii_uppercase().contains("STARTTLS") {
                return Err(Failure::Reply(Reply {
                    code: 554,
                    text: format!("{} does not offer STARTTLS; choose TLS or another port", self.host),
                }));
            }
            let r = s.command("STARTTLS");
            expect(&mut s, r, &[220])?;
            let Stream::Plain(tcp) = s.io.into_inner() else {
                return Err(Failure::Before("STARTTLS on a TLS connection".into()));
            };
            s = Session { io: BufReader::new(self.tls_wrap(tcp).map_err(before)?) };
            let r = s.command("EHLO storeloop.localhost");
            expect(&mut s, r, &[250])?;
        }
        if let Some((user, password)) = &self.credentials {
            let token = super::providers::base64_bytes(format!("\0{user}\0{password}").as_bytes());
            let r = s.command(&format!("AUTH PLAIN {token}"));
            expect(&mut s, r, &[235])?;
        }
        Ok(s)
    }

    fn transaction(s: &mut Session, m: &Built) -> Result<String, Failure> {
        let before = |e: io::Error| Failure::Before(e.to_string());
        let step = |s: &mut Session, line: String, ok: &[u16]| -> Result<Reply, Failure> {
            let r = s.command(&line).map_err(before)?;
            if ok.contains(&r.code) {
                Ok(r)
            } else {
                Err(Failure::Reply(r))
            }
        };
        let from = m.envelope.from().map(ToString::to_string).unwrap_or_default();
        step(s, format!("MAIL FROM:<{from}>"), &[250])?;
        for to in m.envelope.to() {
            step(s, format!("RCPT TO:<{to}>"), &[250, 251])?;
        }
        step(s, "DATA".to_owned(), &[354])?;
        // The message, dot-stuffed, and its terminator in one write.
        let mut data = Vec::with_capacity(m.raw.len() + 64);
        let mut at_line_start = true;
        for &b in &m.raw {
            if at_line_start && b == b'.' {
                data.push(b'.');
            }
            data.push(b);
            at_line_start = b == b'\n';
        }
        if !data.ends_with(b"\r\n") {
            data.extend_from_slice(b"\r\n");
        }
        data.extend_from_slice(b".\r\n");
        let stream = s.io.get_mut();
        // A failure while writing may still have delivered the whole message including "."
        // (the error can come after the bytes left): treat it as unknown unless nothing went out.
        match stream.write_all(&data).and_then(|()| stream.flush()) {
            Ok(()) => {}
            Err(e) => return Err(Failure::AfterDot(format!("the connection broke while sending the message: {e}"))),
        }
        match s.read_reply() {
            Ok(r) if r.code == 250 => Ok(r.text),
            Ok(r) => Err(Failure::Reply(r)),
            Err(e) => Err(Failure::AfterDot(format!("no answer after the message was handed over: {e}"))),
        }
    }
}

impl Transport for Smtp {
    fn name(&self) -> &'static str {
        "smtp"
    }

    fn send(&self, message: &Built, _key: &str) -> Result<String, SendError> {
        let mut guard = self.session.lock().unwrap_or_else(|e| e.into_inner());
        // A kept connection may have been closed by the server; if the first step fails before
        // DATA, nothing was sent, so one fresh connection is tried.
        for fresh in [guard.is_none(), true] {
            if fresh {
                *guard = None;
                match self.connect() {
                    Ok(s) => *guard = Some(s),
                    Err(Failure::Reply(r)) => return Err(reply_error(&self.host, &r)),
                    Err(Failure::Before(why) | Failure::AfterDot(why)) => return Err(SendError::Temporary(why)),
                }
            }
            let Some(session) = guard.as_mut() else { continue };
            match Smtp::transaction(session, message) {
                Ok(text) => return Ok(text),
                Err(Failure::Reply(r)) => {
                    // The server refused; the connection is still good after RSET.
                    if session.command("RSET").is_err() {
                        *guard = None;
                    }
                    return Err(reply_error(&self.host, &r));
                }
                Err(Failure::AfterDot(why)) => {
                    *guard = None;
                    return Err(SendError::Unknown(why));
                }
                Err(Failure::Before(why)) => {
                    *guard = None;
                    if fresh {
                        return Err(SendError::Temporary(format!("{}: {why}", self.host)));
                    }
                }
            }
        }
        Err(SendError::Temporary(format!("could not talk to {}", self.host)))
    }
}

fn reply_error(host: &str, r: &Reply) -> SendError {
    let what = format!("{host} answered {} {}", r.code, r.text);
    if r.code >= 500 {
        SendError::Permanent(what)
    } else {
        SendError::Temporary(what)
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        if let Ok(mut guard) = self.session.lock() {
            if let Some(s) = guard.as_mut() {
                let _ = s.command("QUIT");
            }
        }
    }
}
