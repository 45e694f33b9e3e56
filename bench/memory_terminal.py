"""A real terminal session for the memory bench: recorded with asciinema, rendered by asciinema-player.

A driving script types shell commands (a few characters at a time, like a person) into a pty that
Debian's `asciinema rec` records, and runs each one for real (git, python3, grep, cat, sqlite3, ls),
so what is printed, its timing, prompts, tracebacks and a `\\r`-redrawn progress bar are real
program output. The cast is then played by the npm `asciinema-player` in Chromium, seeked to every
moment the screen changes and screenshotted, which gives a real player's rendering of the session.
Truth comes from the cast: a small line model of the terminal replays it and says when each
scripted string was on screen. `frames(...)` returns the screenshots with their times; encoding is
left to `bench/memory_real.py`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

COLS, ROWS = 100, 28

# (command typed, [(exact on-screen string, what happened, in other words), ...])
STEPS = [
    (
        "git init -q demo && cd demo && git status --short --branch",
        [("No commits yet on master", "a new empty repository")],
    ),
    (
        'printf \'print("hello", "heron".upper())\\n\' > app.py && python3 app.py',
        [("hello HERON", "the greeting script printed its message")],
    ),
    ("cat notes.txt", [("cat: notes.txt: No such file or directory", "the notes file was missing")]),
    (
        "printf 'release %s\\n' 1.4.2 > VERSION && cat VERSION",
        [("release 1.4.2", "the version file said one point four")],
    ),
    (
        "python3 -c \"import json; json.loads('{bad')\"",
        [
            (
                "json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes",
                "parsing the json text failed",
            )
        ],
    ),
    (
        "git add app.py VERSION && git commit -q -m 'Add greeting script' && git log --format='committed: %s by %an'",
        [("committed: Add greeting script by dev", "the first commit was made")],
    ),
    ("python3 ../fetch.py", [("Download complete: 120 MB in 6 s", "the dataset finished downloading")]),
    ("grep -n heron app.py", [('1:print("hello", "heron".upper())', "searching the script for a word found one line")]),
    (
        "sqlite3 shop.db 'CREATE TABLE orders(id); SELECT name FROM users;'",
        [("Error: in prepare, no such table: users", "the database query failed because a table does not exist")],
    ),
    (
        "python3 -c \"assert 2 + 2 == 5, 'math is broken'\"",
        [("AssertionError: math is broken", "an assertion about arithmetic failed")],
    ),
    (
        "clear && printf 'release %s\\n' 1.5.0 > VERSION && cat VERSION",
        [("release 1.5.0", "the version was bumped to one point five")],
    ),
    (
        "ls -1 | wc -l | xargs printf 'files in demo: %s\\n'",
        [("files in demo: 3", "counting the files in the folder gave three")],
    ),
    ("python3 -m http.server --help | head -3", [("usage: server.py", "help text of the built-in web server")]),
    ("df -h / | tail -1 | awk '{print \"disk used: \" $5}'", [("disk used:", "how full the disk was")]),
]

FETCH = """import sys, time
for pct in (0, 25, 50, 75, 100):
    sys.stdout.write(f"\\rDownloading dataset-7.tar.gz {pct:3d}%")
    sys.stdout.flush()
    time.sleep(1.5)
print("\\nDownload complete: 120 MB in 6 s")
"""

DRIVER = """import os, subprocess, sys, time
steps = {steps!r}
for cmd in steps:
    sys.stdout.write("\\x1b[1;32mdev@bench\\x1b[0m:\\x1b[1;34m~/work\\x1b[0m$ ")
    sys.stdout.flush()
    time.sleep(0.8)
    for i in range(0, len(cmd), 3):
        sys.stdout.write(cmd[i:i + 3])
        sys.stdout.flush()
        time.sleep(0.12)
    time.sleep(0.4)
    sys.stdout.write("\\r\\n")
    sys.stdout.flush()
    subprocess.run(cmd, shell=True, cwd="demo" if os.path.isdir("demo") else ".")
    time.sleep(2.5)
"""


@dataclass(frozen=True)
class Shown:
    text: str  # the exact string on screen
    what: str  # a description of the event, in other words (paraphrase templates are filled from it)
    t0: float
    t1: float
    kind: str = "output"


def record(out: Path) -> Path:
    """Record the scripted session with asciinema into `out/session.cast` (cached)."""
    cast = (out / "session.cast").resolve()
    if cast.exists():
        return cast
    if not shutil.which("asciinema"):
        raise RuntimeError("asciinema is not installed: run tools/system-deps.sh bench")
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "fetch.py").write_text(FETCH)
    (work / "driver.py").write_text(DRIVER.format(steps=[c for c, _ in STEPS]))
    env = {
        **os.environ,
        "PYTHON_COLORS": "0",
        "GIT_PAGER": "cat",
        "TERM": "xterm-256color",
        "HOME": str(work),
        "GIT_AUTHOR_NAME": "dev",
        "GIT_AUTHOR_EMAIL": "dev@example.invalid",
        "GIT_COMMITTER_NAME": "dev",
        "GIT_COMMITTER_EMAIL": "dev@example.invalid",
    }
    tmp = (out / "session.tmp.cast").resolve()
    subprocess.run(
        [
            "asciinema",
            "rec",
            "-q",
            "--overwrite",
            "--cols",
            str(COLS),
            "--rows",
            str(ROWS),
            "-c",
            "python3 driver.py",
            str(tmp),
        ],
        cwd=work,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    tmp.replace(cast)
    return cast


def events(cast: Path) -> list[tuple[float, str]]:
    lines = cast.read_text().splitlines()
    return [(float(t), data) for t, kind, data in (json.loads(x) for x in lines[1:]) if kind == "o"]


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]")


def screens(cast: Path) -> list[tuple[float, list[str]]]:
    """The terminal's text after each output event: a line model (newline, carriage return,
    clear screen, scrolling past ROWS) that is enough for the scripted programs."""
    rows: list[str] = [""]
    col = 0
    out = []
    for t, data in events(cast):
        i = 0
        while i < len(data):
            m = ANSI.match(data, i)
            if m:
                if m.group(0) in ("\x1b[2J", "\x1b[3J") or m.group(0).endswith("J") and m.group(0) != "\x1b[K":
                    rows, col = [""], 0
                elif m.group(0).endswith("K"):
                    rows[-1] = rows[-1][:col]
                i = m.end()
                continue
            ch = data[i]
            if ch == "\n":
                rows.append("")
                col = 0
            elif ch == "\r":
                col = 0
            elif ch == "\b":
                col = max(0, col - 1)
            elif ch >= " ":
                line = rows[-1].ljust(col)
                rows[-1] = line[:col] + ch + line[col + 1 :]
                col += 1
                if col >= COLS:
                    rows.append("")
                    col = 0
            rows = rows[-ROWS:]
            i += 1
        out.append((t, list(rows)))
    return out


def truth(cast: Path) -> list[Shown]:
    """When each scripted string was on screen: from its first appearance to when it left."""
    states = screens(cast)
    end = states[-1][0] + 3.0
    found = []
    for _, expected in STEPS:
        for text, what in expected:
            t0 = t1 = None
            for _k, (t, rows) in enumerate(states):
                on = any(text in r for r in rows)
                if on and t0 is None:
                    t0 = t
                elif not on and t0 is not None:
                    t1 = t
                    break
            if t0 is not None:
                found.append(
                    Shown(
                        text,
                        what,
                        t0,
                        t1 if t1 is not None else end,
                        "error" if re.search(r"rror|No such|failed", text) else "output",
                    )
                )
    return found


def progress_states(cast: Path) -> list[tuple[float, str]]:
    """(time, line) each time the progress bar was redrawn: for "as of time t" queries."""
    out = []
    for t, rows in screens(cast):
        line = next((r.strip() for r in rows if r.strip().startswith("Downloading dataset-7")), None)
        if line and (not out or out[-1][1] != line):
            out.append((t, line))
    return out


PAGE = """<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="asciinema-player.css">
<style>html,body{{margin:0;background:#121314}} #p{{width:{w}px;height:{h}px}} .ap-overlay-start{{display:none}}</style></head><body><div id="p"></div>
<script src="asciinema-player.min.js"></script><script>
window.player = AsciinemaPlayer.create({{data: {cast}}}, document.getElementById('p'),
  {{fit: 'both', controls: false, autoPlay: false, preload: true, terminalFontFamily: 'DejaVu Sans Mono, monospace'}});
</script></body></html>"""


def player_dir(root: Path) -> Path:
    for d in (root / "node_modules" / "asciinema-player" / "dist" / "bundle",):
        if (d / "asciinema-player.min.js").exists():
            return d
    raise RuntimeError(f"npm asciinema-player is not installed under {root}: run tools/system-deps.sh bench")


def render(cast: Path, size: tuple[int, int], npm_root: Path, out: Path) -> list[tuple[float, bytes]]:
    """PNG screenshots of the player at each moment the screen changes (and at 0), with their times."""
    from playwright.sync_api import sync_playwright

    w, h = size
    bundle = player_dir(npm_root)
    page_dir = out / f"player_{w}x{h}"
    page_dir.mkdir(parents=True, exist_ok=True)
    for name in ("asciinema-player.min.js", "asciinema-player.css"):
        shutil.copy(bundle / name, page_dir / name)
    (page_dir / "index.html").write_text(PAGE.format(w=w, h=h, cast=json.dumps(cast.read_text())))
    times = sorted({0.0, *(round(t + 0.001, 3) for t, _ in events(cast))})
    shots = []
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
        page = browser.new_page(viewport={"width": w, "height": h})
        page.goto((page_dir / "index.html").as_uri())
        page.wait_for_function("window.player && document.querySelector('.ap-term, .ap-terminal, .ap-player')")
        page.wait_for_timeout(300)
        last = None
        for t in times:
            page.evaluate(f"window.player.seek({t})")
            page.wait_for_timeout(15)
            png = page.screenshot(type="png")
            if png != last:
                shots.append((t, png))
                last = png
        browser.close()
    return shots


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    c = record(out)
    for s in truth(c):
        print(f"{s.t0:7.2f} {s.t1:7.2f} {s.kind:6} {s.text}")
    print(textwrap.shorten(str(progress_states(c)), 300))
