"""`url_timeout` bounds the whole fetch, even while a server trickles its status line and headers a
byte at a time (each byte well inside the per-read timeout) (issue 17 item 18). A raw loopback socket."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from seer.config import Settings
from seer.errors import LimitError
from seer.perception.image import load_image
from tests.security import hostile


@pytest.fixture
def trickler():
    """Accepts connections and sends 'HTTP/1.1 200 OK' and endless header lines, one byte per 0.1 s, for 12 s."""
    srv = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve(conn):
        data = b"HTTP/1.1 200 OK\r\n" + b"X-Pad: aaaaaaaa\r\n" * 1000
        deadline = time.time() + 12
        try:
            conn.recv(65536)
            for i in range(len(data)):
                if stop.is_set() or time.time() > deadline:
                    break
                conn.sendall(data[i : i + 1])
                time.sleep(0.1)
        except OSError:
            pass
        finally:
            conn.close()

    def accept():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}"
    stop.set()
    srv.close()


def test_trickled_headers_stop_at_the_url_timeout(trickler):
    settings = Settings(allow_urls=True, url_allow_hosts=["127.0.0.1"], url_timeout=1.5)
    t0 = time.perf_counter()
    with pytest.raises(LimitError, match="url_timeout"):
        load_image(trickler + "/shot.png", settings)
    assert time.perf_counter() - t0 < 3.0


def test_a_normal_fetch_still_works_after_a_timeout(trickler, tmp_path):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    png = hostile.good_png(20, 10)

    class Ok(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        settings = Settings(allow_urls=True, url_allow_hosts=["127.0.0.1"], url_timeout=1.0)
        with pytest.raises(LimitError):
            load_image(trickler + "/x.png", settings)
        assert load_image(f"http://127.0.0.1:{srv.server_address[1]}/ok.png", settings).width == 20
    finally:
        srv.shutdown()
