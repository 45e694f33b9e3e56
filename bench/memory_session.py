"""A scripted desktop session rendered with PIL at 1280×720, with exact ground truth.

Four apps (editor, browser, terminal, mail) behind a title bar with a clock and a taskbar; typing,
scrolling, terminal commands, mail reading and idle stretches; a blinking caret and a mouse
pointer that wanders; and distinctive events (dialogs, toasts, banners) at known times, each with
an exact on-screen string and a paraphrased query. `encode(path)` writes it as H.264 with PyAV.
"""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

W, H = 1280, 720
TOP, BOTTOM = 30, 690  # app area between the title bar and the taskbar
LINE = 22
APPS = ("editor", "browser", "terminal", "mail")


def font(size: int, bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSansMono" if mono else "DejaVuSans"
    name += "-Bold" if bold else ""
    for base in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"):
        try:
            return ImageFont.truetype(f"{base}/{name}.ttf", size)
        except OSError:
            continue
    return ImageFont.load_default(size)


WORDS = (
    "the of and to in is for on that with as by this from at are be or an it not we can will all have "
    "project data team report review customer release budget design meeting schedule quality service "
    "network server account update policy system results analysis plan support market product storage "
    "security access feature request change issue version testing deploy monitor metric invoice order"
).split()

EVENTS = [
    # (kind, on-screen text, exact query, paraphrased query)
    ("dialog", "Error: Connection refused (code 503)", "Connection refused", "the server could not be reached"),
    ("toast", "Build #4127 finished successfully", "Build #4127 finished", "compilation completed without problems"),
    (
        "dialog",
        "Save changes to quarterly_report.md?",
        "Save changes to quarterly_report.md",
        "prompt asking whether to keep edits to the document",
    ),
    (
        "banner",
        "Low battery: 9% remaining. Plug in your charger.",
        "Low battery",
        "the laptop was running out of power",
    ),
    ("toast", "FAILED test_refund: AssertionError", "test_refund AssertionError", "a unit test about refunds failed"),
    (
        "toast",
        "New mail: Invoice INV-20931 from Acme Corp",
        "Invoice INV-20931",
        "a bill arrived by email from a company",
    ),
    (
        "banner",
        "Standup meeting with the design team in 5 minutes",
        "Standup meeting",
        "reminder about the daily team call",
    ),
    ("dialog", "Disk almost full: 2.1 GB free on /dev/sda1", "Disk almost full", "storage space is running low"),
    (
        "banner",
        "Your session will expire in 2 minutes",
        "session will expire",
        "warning that the login is about to time out",
    ),
    ("dialog", "Payment declined: card ending 4242", "Payment declined", "the credit card was rejected"),
    (
        "toast",
        "Update available: version 3.8.1",
        "Update available",
        "a newer release of the software can be installed",
    ),
    (
        "dialog",
        "Permission denied: cannot write to /etc/hosts",
        "Permission denied",
        "not allowed to modify a system file",
    ),
]


@dataclass(frozen=True)
class Event:
    kind: str
    text: str
    exact: str
    paraphrase: str
    t0: float
    t1: float


@dataclass(frozen=True)
class Segment:
    t0: float
    t1: float
    app: str
    activity: str  # type | scroll | commands | read | idle


class Session:
    """The script: app segments and events over `duration` seconds; `frame(t)` renders time t."""

    def __init__(self, duration: float = 1800.0, seed: int = 7) -> None:
        rng = random.Random(seed)
        self.duration = duration
        self.rng = rng
        self.segments: list[Segment] = []
        t = 0.0
        acts = {"editor": "type", "browser": "scroll", "terminal": "commands", "mail": "read"}
        last = None
        while t < duration:
            app = rng.choice([a for a in APPS if a != last])
            span = rng.uniform(50, 150)
            act = acts[app] if rng.random() > 0.3 else "idle"
            self.segments.append(Segment(t, min(duration, t + span), app, act))
            t += span
            last = app
        n = len(EVENTS) if duration >= 600 else max(3, int(len(EVENTS) * duration / 1800))
        gap = duration / (n + 1)
        self.events = []
        for i, (kind, text, exact, para) in enumerate(EVENTS[:n]):
            t0 = round(gap * (i + 1) + rng.uniform(-gap / 4, gap / 4))
            self.events.append(Event(kind, text, exact, para, float(t0), float(t0 + rng.choice([4, 6, 8, 10]))))
        self.doc = [self._sentence(rng, 9, 13) for _ in range(26)]
        self.article = [self._sentence(rng, 8, 13) for _ in range(400)]
        self.typed = " ".join(self._sentence(rng, 8, 12) for _ in range(400))
        self.mails = [
            (
                f"{rng.choice(['Ana', 'Bo', 'Chen', 'Dara', 'Eli', 'Femi'])} {rng.choice(['Kim', 'Ruiz', 'Olsen', 'Patel'])}",
                self._sentence(rng, 4, 7),
                [self._sentence(rng, 8, 12) for _ in range(6)],
            )
            for _ in range(24)
        ]
        self.commands = [
            (
                f"$ {rng.choice(['git status', 'make test', 'ls -la src', 'pytest -q', 'docker ps', 'df -h'])}",
                [self._sentence(rng, 4, 9) for _ in range(rng.randint(1, 4))],
            )
            for _ in range(200)
        ]

    @staticmethod
    def _sentence(rng: random.Random, lo: int, hi: int) -> str:
        s = " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))
        return s[0].upper() + s[1:] + "."

    # state -----------------------------------------------------------------------------------------
    def segment(self, t: float) -> Segment:
        for s in self.segments:
            if s.t0 <= t < s.t1:
                return s
        return self.segments[-1]

    def _progress(self, app: str, activity: str, t: float) -> float:
        """Seconds this app has spent doing its activity up to time t (its content state)."""
        return sum(
            max(0.0, min(t, s.t1) - s.t0) for s in self.segments if s.app == app and s.activity == activity and s.t0 < t
        )

    def state(self, t: float) -> tuple:
        seg = self.segment(t)
        p = self._progress(
            seg.app, {"editor": "type", "browser": "scroll", "terminal": "commands", "mail": "read"}[seg.app], t
        )
        content = {"editor": int(p * 5), "browser": int(p / 3) * 3, "terminal": int(p / 12), "mail": int(p / 9) % 24}[
            seg.app
        ]
        caret = seg.app in ("editor", "terminal") and int(t / 0.6) % 2 == 0
        ev = next((e for e in self.events if e.t0 <= t < e.t1), None)
        # the pointer rests, then wanders for a few seconds now and then
        k = int(t // 20)
        r = random.Random(k)
        px, py = r.randint(200, 1100), r.randint(100, 600)
        if t % 20 < 3:
            px, py = px + int((t % 20) * 40), py + int((t % 20) * 15)
        clock = int(9 * 60 + t // 60)
        return seg.app, content, caret, ev, (px, py), clock

    def frame(self, t: float) -> np.ndarray:
        return self.render(self.state(t))

    def render(self, state: tuple) -> np.ndarray:
        app, content, caret, ev, pointer, clock = state
        base = self._base(app, content)
        out = base.copy()
        img = Image.fromarray(out)
        d = ImageDraw.Draw(img)
        d.text((W - 70, 7), f"{clock // 60:02d}:{clock % 60:02d}", fill=(235, 235, 235), font=font(13))
        if caret:
            x, y = self._caret_at(app, content)
            d.rectangle((x, y, x + 1, y + 16), fill=(20, 20, 20) if app == "editor" else (220, 220, 220))
        if ev:
            self._overlay(d, ev)
        out = np.asarray(img).copy()
        _pointer(out, *pointer)
        return out

    # drawing ---------------------------------------------------------------------------------------
    @lru_cache(maxsize=32)  # noqa: B019 (one renderer per bench run)
    def _base(self, app: str, content: int) -> np.ndarray:
        img = Image.new("RGB", (W, H), (250, 250, 250))
        d = ImageDraw.Draw(img)
        titles = {
            "editor": "quarterly_report.md - Editor",
            "browser": "Docs - Kubernetes pod eviction policies - Browser",
            "terminal": "Terminal - ~/work/payments",
            "mail": "Inbox (24) - Mail",
        }
        d.rectangle((0, 0, W, TOP - 1), fill=(45, 52, 64))
        d.text((12, 7), titles[app], fill=(235, 235, 235), font=font(13, bold=True))
        d.rectangle((0, BOTTOM, W, H), fill=(30, 34, 42))
        for i, a in enumerate(APPS):
            x = 10 + i * 130
            d.rectangle((x, BOTTOM + 4, x + 120, H - 5), fill=(70, 90, 130) if a == app else (45, 50, 60))
            d.text((x + 10, BOTTOM + 8), a.capitalize(), fill=(230, 230, 230), font=font(13))
        getattr(self, f"_draw_{app}")(d, content)
        return np.asarray(img)

    def _draw_editor(self, d: ImageDraw.ImageDraw, n: int) -> None:
        f = font(14)
        d.rectangle((0, TOP, 52, BOTTOM), fill=(238, 238, 238))
        lines = list(self.doc) + _wrap(self.typed[:n], 88)
        lines = lines[-28:]
        for i, line in enumerate(lines):
            d.text((8, TOP + 8 + i * LINE), f"{i + 1:>3}", fill=(150, 150, 150), font=font(12))
            d.text((62, TOP + 8 + i * LINE), line, fill=(25, 25, 25), font=f)

    def _caret_at(self, app: str, n: int) -> tuple[int, int]:
        if app == "editor":
            lines = (list(self.doc) + _wrap(self.typed[:n], 88))[-28:]
            i = len(lines) - 1
            return 62 + int(font(14).getlength(lines[-1])) + 2, TOP + 8 + i * LINE
        shown = self._terminal_lines(n)
        return 14 + int(font(13, mono=True).getlength(shown[-1])) + 2, TOP + 8 + (len(shown) - 1) * 20

    def _draw_browser(self, d: ImageDraw.ImageDraw, offset: int) -> None:
        d.rectangle((0, TOP, W, TOP + 36), fill=(230, 233, 238))
        d.rounded_rectangle((90, TOP + 6, 900, TOP + 30), 8, fill=(255, 255, 255))
        d.text(
            (104, TOP + 10), "https://docs.example.org/concepts/scheduling-eviction", fill=(60, 60, 60), font=font(13)
        )
        d.text((200, TOP + 52), "Kubernetes pod eviction policies", fill=(20, 20, 20), font=font(22, bold=True))
        top = TOP + 96
        for i, line in enumerate(self.article[offset % 370 : offset % 370 + 26]):
            d.text((200, top + i * LINE), line, fill=(40, 40, 40), font=font(14))
        d.rectangle((W - 12, TOP + 40, W - 4, BOTTOM - 4), fill=(225, 225, 225))
        y = TOP + 40 + int((offset % 370) / 370 * 560)
        d.rectangle((W - 12, y, W - 4, y + 60), fill=(160, 160, 160))

    def _terminal_lines(self, n: int) -> list[str]:
        lines: list[str] = []
        for cmd, out in self.commands[: n + 1]:
            lines += [cmd, *out]
        return (lines + ["$ "])[-31:]

    def _draw_terminal(self, d: ImageDraw.ImageDraw, n: int) -> None:
        d.rectangle((0, TOP, W, BOTTOM), fill=(24, 26, 30))
        for i, line in enumerate(self._terminal_lines(n)):
            color = (120, 220, 120) if line.startswith("$") else (210, 210, 210)
            d.text((14, TOP + 8 + i * 20), line, fill=color, font=font(13, mono=True))

    def _draw_mail(self, d: ImageDraw.ImageDraw, sel: int) -> None:
        d.rectangle((0, TOP, 420, BOTTOM), fill=(244, 245, 247))
        for i, (who, subject, _) in enumerate(self.mails[:16]):
            y = TOP + 10 + i * 40
            if i == sel % 16:
                d.rectangle((0, y - 4, 419, y + 34), fill=(205, 220, 245))
            d.text((14, y), who, fill=(20, 20, 20), font=font(13, bold=True))
            d.text((14, y + 17), subject, fill=(80, 80, 80), font=font(12))
        who, subject, body = self.mails[sel % 16]
        d.text((450, TOP + 20), subject, fill=(20, 20, 20), font=font(18, bold=True))
        d.text((450, TOP + 50), f"From: {who}", fill=(90, 90, 90), font=font(13))
        for i, line in enumerate(body):
            d.text((450, TOP + 90 + i * LINE), line, fill=(40, 40, 40), font=font(14))

    def _overlay(self, d: ImageDraw.ImageDraw, ev: Event) -> None:
        if ev.kind == "dialog":
            x0, y0, x1, y1 = 380, 250, 900, 410
            d.rectangle((x0 + 6, y0 + 6, x1 + 6, y1 + 6), fill=(150, 150, 150))
            d.rectangle((x0, y0, x1, y1), fill=(248, 248, 248), outline=(120, 120, 120))
            d.rectangle(
                (x0, y0, x1, y0 + 28),
                fill=(200, 60, 60)
                if "rror" in ev.text or "denied" in ev.text or "declined" in ev.text
                else (70, 90, 130),
            )
            d.text((x0 + 10, y0 + 6), "Alert", fill=(255, 255, 255), font=font(13, bold=True))
            d.text((x0 + 20, y0 + 58), ev.text, fill=(20, 20, 20), font=font(15))
            for i, label in enumerate(("Cancel", "OK")):
                bx = x1 - 200 + i * 100
                d.rounded_rectangle((bx, y1 - 44, bx + 86, y1 - 14), 5, fill=(225, 228, 235), outline=(150, 150, 150))
                d.text((bx + 20, y1 - 37), label, fill=(20, 20, 20), font=font(13))
        elif ev.kind == "toast":
            x0, y0 = W - 440, BOTTOM - 90
            d.rounded_rectangle((x0, y0, W - 20, BOTTOM - 16), 8, fill=(50, 55, 65))
            d.text((x0 + 16, y0 + 12), "Notification", fill=(180, 190, 205), font=font(12))
            d.text((x0 + 16, y0 + 34), ev.text, fill=(245, 245, 245), font=font(14))
        else:
            d.rectangle((0, TOP, W, TOP + 34), fill=(255, 236, 160))
            d.text((16, TOP + 8), ev.text, fill=(60, 50, 10), font=font(14, bold=True))


def _wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split(" "):
        if len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return out + [line] if line or not out else out


_ARROW = np.array([[1 if x <= y and x < 9 - max(0, y - 12) else 0 for x in range(11)] for y in range(18)], bool)


def _pointer(px: np.ndarray, x: int, y: int) -> None:
    h, w = _ARROW.shape
    region = px[y : y + h, x : x + w]
    m = _ARROW[: region.shape[0], : region.shape[1]]
    region[m] = (0, 0, 0)
    inner = np.zeros_like(m)
    inner[2:-2, 1:-3] = m[2:-2, 1:-3] & m[1:-3, 1:-3]
    region[inner] = (255, 255, 255)


def encode(session: Session, path: Path, fps: int = 5) -> dict:
    """Write the session as H.264 (CRF 20) and return PNG sizes of the frames sampled at 1 fps."""
    import av

    path.parent.mkdir(parents=True, exist_ok=True)
    png_sizes: dict[bytes, int] = {}
    baseline = 0
    last_state, last_frame = None, None
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        stream.options = {"crf": "20", "preset": "veryfast", "tune": "stillimage"}
        for i in range(int(session.duration * fps)):
            t = i / fps
            st = session.state(t)
            if st != last_state:
                last_frame, last_state = session.render(st), st
            if i % fps == 0:
                key = hashlib.blake2b(last_frame.tobytes(), digest_size=16).digest()
                if key not in png_sizes:
                    buf = io.BytesIO()
                    Image.fromarray(last_frame).save(buf, format="PNG")
                    png_sizes[key] = buf.tell()
                baseline += png_sizes[key]
            for packet in stream.encode(av.VideoFrame.from_ndarray(last_frame, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return {"png_baseline_bytes": baseline, "sampled_frames": int(session.duration), "distinct_sampled": len(png_sizes)}
