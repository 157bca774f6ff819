"""What the fake platforms share: the command-line arguments every shop has, and serving a
handler on 127.0.0.1 until killed, quiet about clients that hang up mid-request (a killed sync
is normal in these tests, not worth a traceback)."""

import argparse
import sys
from http.server import ThreadingHTTPServer


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def arguments():
    """The arguments of every fake shop: where it listens and how big it is."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--orders", type=int, default=250)
    ap.add_argument("--products", type=int, default=20)
    ap.add_argument("--customers", type=int, default=50)
    return ap


def serve(handler, port):
    """Serves `handler` on 127.0.0.1:`port`, saying "ready" on standard output once it listens."""
    server = QuietServer(("127.0.0.1", port), handler)
    print("ready", flush=True)
    server.serve_forever()
