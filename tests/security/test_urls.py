"""URL inputs: off unless enabled; when enabled, private/loopback/link-local hosts are refused (SSRF),
redirects are re-checked, and size and time are capped. Served by a real server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from seer.config import Settings
from seer.errors import InputError, LimitError, NotConfigured
from seer.perception.image import load_image
from seer.security import check_url
from tests.security import hostile

PNG = hostile.good_png(40, 30)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):  # quiet
        pass

    def do_GET(self):
        if self.path == "/ok.png":
            self._send(PNG)
        elif self.path == "/big.png":
            self._send(b"\x89PNG" + b"\x00" * 3_000_000)
        elif self.path == "/chunked-big":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"\x00" * 65536
            try:
                for _ in range(64):
                    self.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"\x00")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif self.path == "/to-metadata":
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def allowed(**kw):
    return Settings(allow_urls=True, url_allow_hosts=["127.0.0.1"], **kw)


def test_urls_are_off_by_default(server):
    with pytest.raises(NotConfigured, match="allow_urls"):
        load_image(server + "/ok.png", Settings())


@pytest.mark.parametrize(
    "url,label",
    [
        ("http://127.0.0.1/x.png", "loopback"),
        ("http://localhost:8080/x.png", "loopback"),
        ("http://[::1]/x.png", "loopback"),
        ("http://2130706433/x.png", "loopback"),  # 127.0.0.1 as a decimal integer
        ("http://10.1.2.3/x.png", "private"),
        ("http://192.168.0.10/x.png", "private"),
        ("http://172.16.5.4/x.png", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/x.png", "link-local"),
        ("http://[::ffff:10.0.0.1]/x.png", "private"),
        ("http://0.0.0.0/x.png", "unspecified"),
        ("http://100.64.1.1/x.png", "shared"),
    ],
)
def test_internal_addresses_are_refused(url, label):
    with pytest.raises(InputError, match=label):
        load_image(url, Settings(allow_urls=True))


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x.png", "gopher://127.0.0.1/", "http://user:pw@127.0.0.1/"]
)
def test_other_schemes_and_credentials_are_refused(url):
    with pytest.raises(InputError):
        load_image(url, allowed())


def test_an_allowed_host_is_fetched(server):
    img = load_image(server + "/ok.png", allowed())
    assert (img.width, img.height) == (40, 30)


def test_size_is_capped(server):
    with pytest.raises(LimitError, match="byte limit"):
        load_image(server + "/big.png", allowed(max_bytes=1_000_000))
    with pytest.raises(LimitError, match="byte limit"):
        load_image(server + "/chunked-big", allowed(max_bytes=1_000_000))


def test_time_is_capped(server):
    t0 = time.perf_counter()
    with pytest.raises(LimitError, match="url_timeout"):
        load_image(server + "/slow", allowed(url_timeout=1.0))
    assert time.perf_counter() - t0 < 3.0
    assert load_image(server + "/ok.png", allowed()).width == 40  # the next call succeeds


def test_redirects_are_rechecked(server):
    with pytest.raises(InputError, match="link-local"):
        load_image(server + "/to-metadata", allowed())
    with pytest.raises(InputError, match="redirected more than"):
        load_image(server + "/loop", allowed())


def test_check_url_returns_addresses_for_allowed_hosts():
    assert check_url("http://127.0.0.1:1/x", allowed()) == ["127.0.0.1"]
