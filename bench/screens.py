"""Synthetic screenshots with exact ground truth: app windows, web pages and dense log/table views,
light and dark, real TrueType fonts at 11-16 px, 1280×800 to 1920×1080.

`render_screen(seed, kind=..., size=..., theme=..., font_px=...)` returns the PIL image and the list of
(text, [x0, y0, x1, y1]) lines drawn on it, boxes measured by the font rasteriser itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype")]
SANS = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf"]
MONO = ["DejaVuSansMono.ttf", "LiberationMono-Regular.ttf"]
SERIF = ["DejaVuSerif.ttf", "LiberationSerif-Regular.ttf"]

THEMES = {
    "light": {
        "bg": (255, 255, 255),
        "panel": (243, 244, 246),
        "bar": (229, 231, 235),
        "fg": (17, 24, 39),
        "muted": (75, 85, 99),
        "accent": (37, 99, 235),
        "accent_fg": (255, 255, 255),
        "line": (209, 213, 219),
    },
    "dark": {
        "bg": (30, 30, 30),
        "panel": (37, 37, 38),
        "bar": (51, 51, 51),
        "fg": (230, 230, 230),
        "muted": (160, 160, 160),
        "accent": (14, 99, 156),
        "accent_fg": (255, 255, 255),
        "line": (68, 68, 68),
    },
}

WORDS = (
    "account profile settings privacy security notifications billing invoice export import report chart "
    "revenue quarter total users active pending approved rejected draft published archive search filter sort "
    "download upload share delete rename duplicate version history comments assigned priority status deadline "
    "project team members permissions storage network display language region keyboard shortcuts updates "
    "backup restore sync devices sessions password email address phone company department manager budget "
    "forecast growth margin customer order shipment warehouse inventory product category price discount tax "
    "the and for with from into over after before during about your this that each every new open closed"
).split()
MENU = ["File", "Edit", "View", "Insert", "Format", "Tools", "Window", "Help"]
SIDEBAR = [
    "Dashboard",
    "Inbox",
    "Projects",
    "Calendar",
    "Reports",
    "Customers",
    "Orders",
    "Products",
    "Analytics",
    "Team",
    "Settings",
    "Billing",
    "Integrations",
    "Audit log",
    "Support",
]
BUTTONS = ["Save", "Cancel", "Apply", "Export CSV", "New project", "Delete", "Share", "Invite members", "Refresh"]


def font_path(names: list[str]) -> str:
    for name in names:
        for d in FONT_DIRS:
            hits = sorted(d.rglob(name))
            if hits:
                return str(hits[0])
    raise FileNotFoundError(f"none of the fonts {names} is installed (Debian: fonts-dejavu-core)")


@lru_cache(maxsize=64)
def font(family: str, px: int) -> ImageFont.FreeTypeFont:
    names = {"sans": SANS, "mono": MONO, "serif": SERIF}[family]
    return ImageFont.truetype(font_path(names), px)


@dataclass
class Canvas:
    image: Image.Image
    theme: dict
    lines: list[tuple[str, list[int]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.draw = ImageDraw.Draw(self.image)

    def text(self, xy: tuple[int, int], s: str, f: ImageFont.FreeTypeFont, color=None) -> list[int]:
        """Draw one line and record its exact ink box; returns the box."""
        x0, y0, x1, y1 = self.draw.textbbox(xy, s, font=f)
        self.draw.text(xy, s, font=f, fill=color or self.theme["fg"])
        box = [int(x0), int(y0), int(x1), int(y1)]
        self.lines.append((s, box))
        return box

    def rect(self, box, fill=None, outline=None, radius=0) -> None:
        self.draw.rounded_rectangle(box, radius=radius, fill=fill, outline=outline)


def _phrase(rng: random.Random, lo: int, hi: int, cap: bool = True) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    s = " ".join(words)
    return s[:1].upper() + s[1:] if cap else s


def _value(rng: random.Random) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return f"${rng.randint(1, 99_999):,}.{rng.randint(0, 99):02d}"
    if kind == 1:
        return f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == 2:
        return f"{rng.randint(0, 100)}%"
    if kind == 3:
        return f"{rng.choice(WORDS)}.{rng.choice(WORDS)}@example.com"
    return f"#{rng.randint(1000, 99999)}"


def _app(c: Canvas, rng: random.Random, px: int) -> None:
    W, H = c.image.size
    t, f, small, big = c.theme, font("sans", px), font("sans", max(11, px - 1)), font("sans", px + 8)
    c.rect([0, 0, W, 34], fill=t["bar"])
    x = 12
    for m in MENU[: rng.randint(5, 8)]:
        x = c.text((x, 9), m, f)[2] + 22
    side = rng.randint(200, 260)
    c.rect([0, 34, side, H], fill=t["panel"])
    y = 56
    for item in rng.sample(SIDEBAR, k=min(len(SIDEBAR), (H - 80) // (px + 22))):
        c.text((20, y), item, f, t["fg"] if rng.random() < 0.8 else t["muted"])
        y += px + 22
    x0, y = side + 32, 56
    c.text((x0, y), _phrase(rng, 2, 4), big)
    y += px + 30
    bx = x0
    for label in rng.sample(BUTTONS, 3):
        w = int(c.draw.textlength(label, font=f)) + 28
        c.rect([bx, y, bx + w, y + px + 16], fill=t["accent"], radius=5)
        c.text((bx + 14, y + 8), label, f, t["accent_fg"])
        bx += w + 12
    y += px + 40
    col2 = x0 + (W - x0) // 2
    for _ in range(rng.randint(3, 5)):  # a form: label above a bordered field with a value
        for cx in (x0, col2):
            c.text((cx, y), _phrase(rng, 1, 2), small, t["muted"])
            c.rect([cx, y + px + 6, cx + 320, y + 2 * px + 22], outline=t["line"], radius=4)
            c.text((cx + 10, y + px + 12), _value(rng), f)
        y += 2 * px + 44
    cols = [x0, x0 + 220, x0 + 420, x0 + 600, x0 + 780]  # a table with a header and rows
    cols = [cx for cx in cols if cx + 150 < W]
    c.rect([x0 - 8, y - 6, W - 24, y + px + 10], fill=t["panel"])
    for cx in cols:
        c.text((cx, y), _phrase(rng, 1, 1), f)
    y += px + 22
    while y + 2 * px + 60 < H - 120:
        for k, cx in enumerate(cols):
            c.text((cx, y), _phrase(rng, 1, 2) if k == 0 else _value(rng), small)
        c.draw.line([x0 - 8, y + px + 8, W - 24, y + px + 8], fill=t["line"])
        y += px + 18
    y += 20
    while y + px + 8 < H - 16:  # a paragraph to close
        c.text((x0, y), _phrase(rng, 8, 14), f, t["muted"])
        y += int(px * 1.6)


def _web(c: Canvas, rng: random.Random, px: int) -> None:
    W, H = c.image.size
    t, f, h1, h2 = c.theme, font("serif", px + 1), font("sans", px + 14), font("sans", px + 6)
    c.rect([0, 0, W, 56], fill=t["panel"])
    x = 40
    c.text((x, 18), "seer.example", font("sans", px + 4), t["accent"])
    x = W // 3
    for item in ["Products", "Pricing", "Docs", "Blog", "Careers", "Contact"]:
        x = c.text((x, 20), item, font("sans", px))[2] + 32
    margin = max(60, (W - 900) // 2)
    y = 90
    c.text((margin, y), _phrase(rng, 3, 6), h1)
    y += px + 40
    while y < H - 60:
        if rng.random() < 0.25:
            c.text((margin, y + 8), _phrase(rng, 2, 5), h2)
            y += px + 30
        for _ in range(rng.randint(2, 5)):
            if y > H - 40:
                break
            c.text((margin, y), _phrase(rng, 9, 13, cap=False), f)
            y += int(px * 1.7)
        y += px


def _dense(c: Canvas, rng: random.Random, px: int) -> None:
    W, H = c.image.size
    t, f = c.theme, font("mono", px)
    step = px + 5
    cols = [16, 16 + 11 * px, 16 + 20 * px, W // 2, W // 2 + 12 * px]
    y = 8
    while y + step < H:
        c.text(
            (cols[0], y), f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}", f, t["muted"]
        )
        c.text((cols[1], y), rng.choice(["INFO", "WARN", "DEBUG", "ERROR"]), f)
        c.text(
            (cols[2], y),
            f"{rng.choice(WORDS)}.{rng.choice(WORDS)}",
            f,
            t["accent"] if t is THEMES["light"] else t["fg"],
        )
        c.text((cols[3], y), _phrase(rng, 2, 4, cap=False), f)
        if cols[4] + 200 < W:
            c.text((cols[4] + 140, y), _value(rng), f, t["muted"])
        y += step


KINDS = {"app": _app, "web": _web, "dense": _dense}
SIZES = [(1280, 800), (1440, 900), (1920, 1080)]


def render_screen(
    seed: int, kind: str = "app", size: tuple[int, int] = (1920, 1080), theme: str = "light", font_px: int = 13
) -> tuple[Image.Image, list[tuple[str, list[int]]]]:
    rng = random.Random(seed)
    c = Canvas(Image.new("RGB", size, THEMES[theme]["bg"]), THEMES[theme])
    KINDS[kind](c, rng, font_px)
    return c.image, c.lines


def suite(quick: bool = False):
    """The benchmark's screens: every kind × theme at the sizes and font sizes the issue names."""
    n = 0
    for kind in ("app", "web", "dense"):
        for theme in ("light", "dark"):
            for size, px in (
                [((1920, 1080), 13)]
                if quick
                else [((1920, 1080), 11), ((1440, 900), 13), ((1280, 800), 16), ((1920, 1080), 14)]
            ):
                yield f"{kind}-{theme}-{size[0]}x{size[1]}-{px}px", *render_screen(1000 + n, kind, size, theme, px)
                n += 1
