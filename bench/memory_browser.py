"""A real browser session for the memory bench: a local web app driven in Chromium, recorded from
Chromium's own screencast (the DevTools `Page.startScreencast` frames Playwright's recorder uses:
JPEG, at the page's variable frame rate, each with its capture time).

The app is a small issue tracker served on loopback (list, new-issue form with validation, issue
pages, search, a settings page with a confirm dialog, a server error page). The driving script
types into fields, clicks, waits, and notes when each distinctive string appeared and went away;
those times, on the screencast's clock, are the truth.
"""

from __future__ import annotations

import html
import shutil
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

STYLE = """body{margin:0;font:16px DejaVu Sans,sans-serif;background:#f5f6f8;color:#1d2330}
header{background:rgb(37,99,235);color:#fff;padding:14px 24px;font-size:20px} main{padding:24px 32px}
.err{background:#fde2e1;color:#9b1c1c;border:1px solid #f5a3a3;padding:12px;margin:12px 0}
.ok{background:#def7ec;color:#03543f;padding:12px;margin:12px 0} input,textarea{font-size:16px;width:520px;padding:6px}
button{font-size:16px;padding:8px 18px;background:#1f6feb;color:#fff;border:0;border-radius:4px}
li{margin:6px 0} dialog{border:1px solid #888;padding:24px;font-size:17px}"""


@dataclass(frozen=True)
class Shown:
    text: str
    what: str
    t0: float
    t1: float
    kind: str = "page"


class App:
    def __init__(self) -> None:
        self.issues: list[tuple[str, str]] = [
            ("Login button misaligned on mobile", "open"),
            ("Export to CSV drops the last row", "open"),
        ]

    def page(self, title: str, body: str) -> bytes:
        return (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>{STYLE}</style>"
            f"</head><body><header>Tracker · {html.escape(title)}</header><main>{body}</main></body></html>"
        ).encode()

    def handle(self, method: str, path: str, form: dict[str, str]) -> tuple[int, bytes, str | None]:
        url = urlparse(path)
        if url.path == "/":
            items = "".join(f"<li>#{i + 1} {html.escape(t)} — {s}</li>" for i, (t, s) in enumerate(self.issues))
            return 200, self.page("Issues", f"<h2>Open issues</h2><ul>{items}</ul><a href='/new'>New issue</a>"), None
        if url.path == "/new" and method == "GET":
            return 200, self.page("New issue", _form("")), None
        if url.path == "/new":
            title = form.get("title", "").strip()
            if not title:
                return (
                    200,
                    self.page(
                        "New issue",
                        "<div class='err'>Title is required: describe the problem in a few words</div>"
                        + _form(form.get("body", "")),
                    ),
                    None,
                )
            self.issues.append((title, "open"))
            return 303, b"", f"/issue/{len(self.issues)}"
        if url.path.startswith("/issue/"):
            n = int(url.path.rsplit("/", 1)[1])
            t, s = self.issues[n - 1]
            return (
                200,
                self.page(
                    f"Issue #{n}",
                    f"<div class='ok'>Issue #{n} created: {html.escape(t)}</div>"
                    f"<p>Status: {s}</p><p>Assignee: nobody yet</p>",
                ),
                None,
            )
        if url.path == "/search":
            q = parse_qs(url.query).get("q", [""])[0]
            found = [t for t, _ in self.issues if q.lower() in t.lower()]
            rows = "".join(f"<li>{html.escape(t)}</li>" for t in found) or "<li>No issues match</li>"
            return (
                200,
                self.page("Search", f"<h2>{len(found)} results for “{html.escape(q)}”</h2><ul>{rows}</ul>"),
                None,
            )
        if url.path == "/settings":
            return (
                200,
                self.page(
                    "Settings",
                    "<h2>Project heron-api</h2><p>Owner: platform team</p>"
                    "<button id='del' onclick=\"document.getElementById('d').showModal()\">Delete project</button>"
                    "<dialog id='d'><p>Delete project heron-api? This cannot be undone.</p>"
                    "<button onclick=\"document.getElementById('d').close()\">Cancel</button></dialog>",
                ),
                None,
            )
        if url.path == "/report":
            return (
                500,
                self.page("Error", "<div class='err'>Internal Server Error: database is locked (report builder)</div>"),
                None,
            )
        return 404, self.page("Not found", "<p>No such page</p>"), None


def _form(body: str) -> str:
    return (
        "<form method='post' action='/new'><p><input name='title' placeholder='Title'></p>"
        f"<p><textarea name='body' rows='4' placeholder='Details'>{html.escape(body)}</textarea></p>"
        "<button id='submit'>Create issue</button></form>"
    )


def serve(app: App) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, method: str) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(n).decode()).items()} if n else {}
            code, body, location = app.handle(method, self.path, form)
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._reply("GET")

        def do_POST(self) -> None:
            self._reply("POST")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def record(out: Path, size: tuple[int, int] = (1280, 720)) -> tuple[list[tuple[float, bytes]], list[Shown]]:
    """Drive the session: the screencast frames (seconds from the first, JPEG) and the truth on that clock."""
    from playwright.sync_api import sync_playwright

    server, base = serve(App())
    marks: list[tuple[str, str, float, str]] = []  # text, what, when it appeared, kind
    ends: dict[str, float] = {}
    frames: list[tuple[float, bytes]] = []
    clock = time.time  # the screencast stamps frames with wall-clock seconds

    def shown(text: str, what: str, kind: str = "page") -> None:
        marks.append((text, what, clock(), kind))

    def gone(*texts: str) -> None:
        for t in texts:
            ends.setdefault(t, clock())

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
        cdp = page.context.new_cdp_session(page)

        def on_frame(ev: dict) -> None:
            import base64

            frames.append((float(ev["metadata"]["timestamp"]), base64.b64decode(ev["data"])))
            cdp.send("Page.screencastFrameAck", {"sessionId": ev["sessionId"]})

        cdp.on("Page.screencastFrame", on_frame)
        page.goto(base + "/")
        cdp.send("Page.startScreencast", {"format": "jpeg", "quality": 85, "maxWidth": size[0], "maxHeight": size[1]})
        page.wait_for_timeout(500)
        shown("Export to CSV drops the last row", "the list of open issues")
        page.wait_for_timeout(4000)
        page.click("text=New issue")
        gone("Export to CSV drops the last row")
        page.wait_for_timeout(1500)
        page.click("#submit")
        page.wait_for_selector(".err")
        shown("Title is required", "creating an issue without a title was rejected", "error")
        page.wait_for_timeout(4000)
        page.click("input[name=title]")
        page.keyboard.type("Checkout page times out behind proxy", delay=90)
        page.wait_for_timeout(800)
        page.click("#submit")
        page.wait_for_selector(".ok")
        gone("Title is required")
        shown(
            "Issue #3 created: Checkout page times out behind proxy",
            "a new issue about a slow payment page was filed",
            "ok",
        )
        page.wait_for_timeout(5000)
        page.goto(base + "/search?q=csv")
        gone("Issue #3 created: Checkout page times out behind proxy")
        shown("1 results for “csv”", "looking up issues about spreadsheet exports")
        page.wait_for_timeout(4000)
        page.goto(base + "/settings")
        gone("1 results for “csv”")
        page.wait_for_timeout(2500)
        page.click("#del")
        shown(
            "Delete project heron-api? This cannot be undone.", "a confirmation before removing the project", "dialog"
        )
        page.wait_for_timeout(4000)
        page.click("dialog button")
        gone("Delete project heron-api? This cannot be undone.")
        page.wait_for_timeout(2000)
        page.goto(base + "/report")
        shown("Internal Server Error: database is locked", "the report page crashed on the server", "error")
        page.wait_for_timeout(5000)
        page.goto(base + "/")
        gone("Internal Server Error: database is locked")
        page.wait_for_timeout(3000)
        end = clock()
        cdp.send("Page.stopScreencast")
        browser.close()
    server.shutdown()
    t0 = frames[0][0]
    truth = [Shown(text, what, t - t0, ends.get(text, end) - t0, kind) for text, what, t, kind in marks]
    return [(t - t0, jpg) for t, jpg in frames], truth
