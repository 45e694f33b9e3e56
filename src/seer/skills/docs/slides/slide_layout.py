"""Where things go on a slide, in points: the default 16:9 theme, or the geometry of a user's template."""

from __future__ import annotations

from dataclasses import dataclass, replace

EMU_PER_PT = 12700


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class SlideLayout:
    """A slide's title and body areas and the type sizes that fit them (what PowerPoint calls a slide layout)."""

    width: float
    height: float
    title: Rect
    body: Rect
    title_max: float = 32.0
    title_min: float = 20.0
    body_max: float = 24.0
    body_min: float = 14.0
    split_at: float = 18.0  # the planner splits a slide rather than go below this size
    table_max: float = 18.0
    table_min: float = 10.0
    caption_h: float = 30.0

    def below(self, h: float, gap: float = 8.0) -> SlideLayout:
        """The same layout with the top `h` points of the body taken (by lead text)."""
        b = self.body
        return replace(self, body=Rect(b.x, b.y + h + gap, b.w, b.h - h - gap))

    def caption_rect(self) -> Rect:
        b = self.body
        return Rect(b.x, b.bottom - self.caption_h, b.w, self.caption_h)

    def figure_rect(self) -> Rect:
        b = self.body
        return Rect(b.x, b.y, b.w, b.h - self.caption_h - 6)


def default_layout() -> SlideLayout:
    """13.333 x 7.5 in (16:9): a title band at the top, a body below, half-inch margins."""
    w, h = 960.0, 540.0
    m = 36.0
    title = Rect(m, 22.0, w - 2 * m, 64.0)
    body = Rect(m, title.bottom + 20.0, w - 2 * m, h - title.bottom - 20.0 - 30.0)
    return SlideLayout(w, h, title, body)


def template_layout(width_emu: int, height_emu: int, title_emu: tuple[int, int, int, int] | None) -> SlideLayout:
    """The body fills the space under the template's title placeholder, inside its margins."""
    w, h = width_emu / EMU_PER_PT, height_emu / EMU_PER_PT
    if title_emu is None:
        d = default_layout()
        sx, sy = w / d.width, h / d.height
        return SlideLayout(
            w,
            h,
            Rect(d.title.x * sx, d.title.y * sy, d.title.w * sx, d.title.h * sy),
            Rect(d.body.x * sx, d.body.y * sy, d.body.w * sx, d.body.h * sy),
        )
    x, y, tw, th = (v / EMU_PER_PT for v in title_emu)
    x = max(x, 18.0)
    tw = min(tw, w - 2 * x)
    top = y + th + 14.0
    body = Rect(x, top, tw, max(120.0, h - top - 28.0))
    return SlideLayout(w, h, Rect(x, y, tw, th), body)
