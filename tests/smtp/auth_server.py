"""An SMTP server for tests that need a login: aiosmtpd with AUTH PLAIN/LOGIN over plain TCP
(auth_require_tls off: it listens on 127.0.0.1 only). Each accepted message is written to
OUT/N.eml with OUT/N.json saying who sent it, to whom, and whether the session was logged in.

    /usr/bin/python3 tests/smtp/auth_server.py --port 2526 --out DIR --user U --password P

Needs Debian's python3-aiosmtpd (or aiosmtpd from PyPI)."""

import argparse
import json
import os
import signal
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    count = [0]

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.user \
            and auth_data.password.decode() == args.password
        return AuthResult(success=ok)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            count[0] += 1
            base = os.path.join(args.out, str(count[0]))
            with open(base + ".eml", "wb") as f:
                f.write(envelope.original_content or envelope.content)
            with open(base + ".json", "w") as f:
                json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                           "authenticated": bool(session.authenticated)}, f)
            return "250 OK stored as " + str(count[0])

    controller = Controller(Handler(), hostname="127.0.0.1", port=args.port, authenticator=authenticate,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
