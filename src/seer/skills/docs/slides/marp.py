"""The Marp Markdown twin of a deck: same slides, tables as Markdown, notes as HTML comments."""

from __future__ import annotations

from pathlib import Path

from ....config import Settings
from ....security import write_output
from ..markdown_render import chart_rows, table_md
from .planner import SlideSpec


def write_marp(slides: list[SlideSpec], path: Path, settings: Settings) -> Path:
    """The deck as Marp Markdown at `path`, pictures in `<stem>_assets/`, all through the checked writer."""
    assets = path.with_name(f"{path.stem}_assets")
    out = ["---", "marp: true", "theme: default", "size: 16:9", "paginate: true", "---", ""]
    n_img = 0
    for i, s in enumerate(slides):
        if i:
            out += ["", "---", ""]
        if s.kind in ("title", "section"):
            out += ["<!-- _class: lead -->", f"# {s.title}"]
            if s.subtitle:
                out += ["", s.subtitle]
        else:
            out.append(f"## {s.title}")
            out.append("")
            if s.bullets:
                out += [("  " * max(0, p.level - 1)) + f"- {p.text}" if p.level else p.text for p in s.bullets]
            if s.rows:
                out.append(table_md(s.rows, s.header))
            if s.chart is not None:
                out.append(table_md(chart_rows(s.chart)))
                out.append("")
                out.append(f"*{s.caption or 'Chart'} (an editable chart in the PPTX)*")
            for pic in s.pictures:
                n_img += 1
                name = f"figure{n_img}.png"
                write_output(assets / name, pic.png, settings, what="Marp picture", suffixes=(".png",))
                out.append(f"![h:{400 // len(s.pictures)}]({assets.name}/{name})")
                if pic.caption:
                    out += ["", f"*{pic.caption}*", ""]
            if s.caption and s.chart is None:
                out += ["", f"*{s.caption}*"]
        if s.notes:
            out += ["", "<!--", s.notes.replace("-->", "- ->"), "-->"]
    return write_output(path, "\n".join(out) + "\n", settings, what="Markdown output", suffixes=(".md",))
