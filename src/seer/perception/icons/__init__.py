"""Name common UI icons without a model: normalised ink masks compared with rendered templates.

    match_icon(gray_crop) -> IconMatch | None

Templates are rendered at build time from Lucide (ISC) and Tabler (MIT) outline icons by
`tools/build_icons.py`; licenses in LICENSES.txt. Matching is scale-free: the ink of the crop and
of each template is cropped to its own bounds, fitted into the same square, blurred so stroke
width and antialiasing matter little, and compared by normalised correlation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

_DIR = Path(__file__).parent / "templates"
_SIDE = 32
_MIN_SCORE = 0.62

# words an instruction may use for each icon name (the name itself included)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "settings": ("settings", "gear", "cog", "preferences", "options", "configure", "configuration"),
    "close": ("close", "x", "dismiss", "exit"),
    "search": ("search", "magnifier", "magnifying", "find", "lookup"),
    "delete": ("delete", "trash", "bin", "remove", "garbage", "discard"),
    "add": ("add", "plus", "new", "create"),
    "menu": ("menu", "hamburger", "navigation", "nav", "sidebar"),
    "home": ("home", "house"),
    "back": ("back", "previous", "prev", "left", "return"),
    "forward": ("forward", "next", "right"),
    "refresh": ("refresh", "reload", "sync", "retry"),
    "download": ("download",),
    "upload": ("upload",),
    "edit": ("edit", "pencil", "rename", "modify", "compose", "write"),
    "share": ("share",),
    "star": ("star", "favorite", "favourite", "bookmark"),
    "heart": ("heart", "like", "love"),
    "bell": ("bell", "notifications", "notification", "alerts"),
    "user": ("user", "profile", "account", "avatar", "person"),
    "more": ("more", "kebab", "overflow", "ellipsis", "dots", "actions"),
    "filter": ("filter", "funnel"),
    "sort": ("sort", "order"),
    "play": ("play", "start", "run"),
    "pause": ("pause",),
    "copy": ("copy", "duplicate", "clone"),
    "save": ("save", "floppy", "disk"),
    "lock": ("lock", "padlock", "secure"),
    "info": ("info", "information", "about", "details"),
    "warning": ("warning", "alert", "caution"),
    "help": ("help", "question", "support"),
    "chevron_down": ("expand", "chevron", "dropdown"),
    "check": ("check", "tick", "confirm", "done"),
    "mail": ("mail", "email", "envelope", "inbox", "message"),
    "send": ("send", "submit"),
    "attach": ("attach", "attachment", "paperclip", "clip"),
    "view": ("view", "eye", "show", "preview", "visibility"),
    "calendar": ("calendar", "date", "schedule"),
    "external": ("external", "open"),
}


@dataclass(frozen=True, slots=True)
class IconMatch:
    name: str
    score: float
    margins: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # frame beyond the ink, in ink widths/heights

    def frame(self, x0: int, y0: int, x1: int, y1: int) -> tuple[int, int, int, int]:
        """The icon's whole frame (what a page lays out) from the box of its ink."""
        w, h = x1 - x0, y1 - y0
        l, t, r, b = self.margins
        return round(x0 - l * w), round(y0 - t * h), round(x1 + r * w), round(y1 + b * h)


def normalise(ink: np.ndarray) -> np.ndarray | None:
    """Float ink mask (0 background .. 1 ink) -> zero-mean unit-norm _SIDE×_SIDE vector, or None if blank."""
    ys, xs = np.nonzero(ink > 0.25)
    if len(xs) < 4:
        return None
    crop = ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32)
    h, w = crop.shape
    inner = _SIDE - 4
    s = inner / max(h, w)
    nh, nw = max(1, round(h * s)), max(1, round(w * s))
    small = cv2.resize(crop, (nw, nh), interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR)
    canvas = np.zeros((_SIDE, _SIDE), np.float32)
    oy, ox = (_SIDE - nh) // 2, (_SIDE - nw) // 2
    canvas[oy : oy + nh, ox : ox + nw] = small
    canvas = cv2.GaussianBlur(canvas, (0, 0), 1.2)
    v = canvas.ravel() - canvas.mean()
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-6 else None


def ink_of(gray: np.ndarray) -> np.ndarray:
    """Ink mask of a grayscale crop: distance from the border's median, scaled to 0..1."""
    g = gray.astype(np.float32)
    border = np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])
    diff = np.abs(g - np.median(border))
    top = float(diff.max())
    return diff / top if top >= 24 else np.zeros_like(diff)


_SCALES = tuple(range(10, 42, 2))  # icon frame sizes (px) the templates are pre-rendered at


@cache
def _templates() -> tuple[tuple[str, ...], tuple[np.ndarray, ...], tuple[tuple[float, float, float, float], ...]]:
    names, grays, margins = [], [], []
    for path in sorted(_DIR.glob("*.png")):
        gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        ys, xs = np.nonzero(gray < 160)
        w, h = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
        side = gray.shape[0]
        names.append(path.name.split(".")[0])
        grays.append(gray)
        margins.append((xs.min() / w, ys.min() / h, (side - 1 - xs.max()) / w, (side - 1 - ys.max()) / h))
    return tuple(names), tuple(grays), tuple(margins)


@cache
def _library(scale: int) -> tuple[np.ndarray, np.ndarray]:
    """Template vectors as they look at one frame size (small icons lose detail the same way), and aspects."""
    vecs, aspects = [], []
    for gray in _templates()[1]:
        small = cv2.resize(gray, (scale, scale), interpolation=cv2.INTER_AREA)
        ink = 1.0 - small.astype(np.float32) / 255.0
        v = normalise(ink)
        ys, xs = np.nonzero(ink > 0.25)
        vecs.append(v if v is not None else np.zeros(_SIDE * _SIDE, np.float32))
        aspects.append((xs.max() - xs.min() + 1) / (ys.max() - ys.min() + 1) if len(xs) else 1.0)
    return np.stack(vecs), np.asarray(aspects)


def names() -> list[str]:
    """Every icon name the library can report."""
    return sorted(set(_templates()[0]))


def match_icon(gray: np.ndarray, min_score: float = _MIN_SCORE) -> IconMatch | None:
    """Best-matching icon name for a tight-ish grayscale crop of one icon, or None below `min_score`."""
    if gray.shape[0] < 6 or gray.shape[1] < 6:
        return None
    ink = ink_of(gray)
    v = normalise(ink)
    if v is None:
        return None
    ys, xs = np.nonzero(ink > 0.25)
    aspect = (xs.max() - xs.min() + 1) / (ys.max() - ys.min() + 1)
    # icon ink fills about 5/6 of the icon frame in both sets
    ink_side = max(xs.max() - xs.min(), ys.max() - ys.min()) + 1
    scale = min(_SCALES, key=lambda s: abs(s * 5 / 6 - ink_side))
    lib_names = _templates()[0]
    vecs, aspects = _library(scale)
    scores = vecs @ v
    # shapes of a very different aspect ratio are not the same icon whatever the correlation says
    penalty = np.abs(np.log(aspects / aspect))
    scores = scores - np.clip(penalty - 0.35, 0, None) * 0.5
    best = int(np.argmax(scores))
    score = float(scores[best])
    if score < min_score:
        return None
    return IconMatch(lib_names[best], round(score, 3), _templates()[2][best])
