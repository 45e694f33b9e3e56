"""Outputs never replace what a person made: a file seer did not write is refused unless replacing is
allowed, a name whose suffix does not match what is written is refused, and seer's own earlier
output (unchanged since) is replaced freely."""

from __future__ import annotations

import subprocess
import sys

import pytest

from seer.config import Settings
from seer.errors import InputError
from seer.security import write_output
from tests.harness.conftest import ROOT, server_env


def test_a_file_seer_did_not_write_is_kept(tmp_path):
    s = Settings(allowed_roots=[str(tmp_path)])
    mine = tmp_path / "README.md"
    mine.write_text("the user's own words")
    with pytest.raises(InputError, match="already exists and seer did not write it"):
        write_output(mine, "# report", s)
    assert mine.read_text() == "the user's own words"
    write_output(mine, "# report", s.model_copy(update={"overwrite": True}))
    assert mine.read_text() == "# report"


def test_seer_replaces_its_own_output_until_someone_edits_it(tmp_path):
    s = Settings(allowed_roots=[str(tmp_path)])
    out = tmp_path / "report.md"
    write_output(out, "first", s)
    write_output(out, "second", s)  # its own, unchanged: fine
    assert out.read_text() == "second"
    out.write_text("second, with the user's notes")
    with pytest.raises(InputError, match="did not write it"):
        write_output(out, "third", s)


def test_the_suffix_must_match_what_is_written(tmp_path):
    s = Settings(allowed_roots=[str(tmp_path)])
    with pytest.raises(InputError, match=r"must end in \.png"):
        write_output(tmp_path / "victim.py", b"\x89PNG", s, suffixes=(".png",))
    assert not (tmp_path / "victim.py").exists()


def test_cli_annotate_refuses_a_source_file_and_force_allows_its_own_kind(tmp_path):
    from PIL import Image

    shot = tmp_path / "shot.png"
    Image.new("RGB", (120, 60), "white").save(shot)
    victim = tmp_path / "victim.py"
    victim.write_text("print('keep me')\n")
    env = server_env(XDG_DATA_HOME=str(tmp_path / "data"))

    def run(*a):
        return subprocess.run(
            [sys.executable, "-m", "seer.cli", *a],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    refused = run("annotate", str(shot), "-o", str(victim))
    assert refused.returncode == 2 and "must end in .png" in refused.stderr
    assert victim.read_text() == "print('keep me')\n"
    other = tmp_path / "other.png"
    other.write_bytes(b"someone's picture")
    assert run("annotate", str(shot), "-o", str(other)).returncode == 2
    assert other.read_bytes() == b"someone's picture"
    forced = run("--force", "annotate", str(shot), "-o", str(other))
    assert forced.returncode == 0, forced.stderr
    assert other.read_bytes().startswith(b"\x89PNG")


def test_side_outputs_go_through_the_checked_writer(tmp_path):
    """A link planted where a deck's pictures or a report's trace go cannot carry a write outside."""
    from seer.context import Context
    from seer.skills.docs.report import report
    from seer.skills.docs.schema import ReportInput
    from seer.skills.docs.slides.marp import write_marp
    from seer.skills.docs.slides.planner import Picture, SlideSpec

    inside, away = tmp_path / "in", tmp_path / "away"
    inside.mkdir()
    away.mkdir()
    s = Settings(allowed_roots=[str(inside)])
    (inside / "deck_assets").symlink_to(away, target_is_directory=True)
    spec = SlideSpec(kind="picture", title="A picture", pictures=[Picture(b"\x89PNG\r\n\x1a\n fake")])
    with pytest.raises(InputError, match="not allowed|symbolic link"):
        write_marp([spec], inside / "deck.md", s)
    assert list(away.iterdir()) == []

    source = inside / "notes.md"
    source.write_text("# Notes\n\nRevenue grew 12% to $4.1 million in 2025.\n")
    (inside / "report.trace.json").symlink_to(away / "planted.json")
    with pytest.raises(InputError, match="symbolic link|not allowed"):
        report(ReportInput(paths=[str(source)], output=str(inside / "report.md"), trace=True), Context(settings=s))
    assert list(away.iterdir()) == []
