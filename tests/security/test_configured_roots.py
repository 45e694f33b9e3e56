"""The call's own roots hold everywhere (issue 17, item 4): memory stores, videos and a page's pictures are
checked against the settings the call carries, not the process defaults (the working directory and the
temp dir, which hold every pytest folder). The CLI, whose user names their own files, is not refused them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seer.config import Settings
from seer.context import Context
from seer.errors import InputError
from seer.skills.docs.readers import ReadOptions, read_path
from seer.skills.memory.schema import MemoryAddInput, MemoryIngestInput
from seer.skills.memory.tools import memory_add, memory_ingest_video
from tests.security import hostile

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def narrow(tmp_path):
    """`inside` is the only configured root; `away` is under the temp dir, which the defaults allow."""
    inside, away = tmp_path / "inside", tmp_path / "away"
    inside.mkdir()
    away.mkdir()
    (inside / "shot.png").write_bytes(hostile.good_png(64, 48))
    return inside, away, Context(settings=Settings(allowed_roots=[str(inside)]), model=None)


def test_a_memory_store_outside_the_call_roots_is_refused(narrow):
    inside, away, ctx = narrow
    with pytest.raises(InputError, match="memory store"):
        memory_add(MemoryAddInput(image=str(inside / "shot.png"), store=str(away / "store")), ctx)
    assert not (away / "store").exists()
    out = memory_add(MemoryAddInput(image=str(inside / "shot.png"), store=str(inside / "store")), ctx)
    assert out.kept and (inside / "store").is_dir()


def test_a_video_outside_the_call_roots_is_refused(narrow):
    inside, away, ctx = narrow
    (away / "clip.mp4").write_bytes(b"\x00" * 256)
    with pytest.raises(InputError, match="video path.*not allowed|not allowed.*video"):
        memory_ingest_video(MemoryIngestInput(video=str(away / "clip.mp4"), store=str(inside / "store")), ctx)


def test_a_page_cannot_pull_a_picture_from_outside_the_call_roots(narrow):
    inside, away, ctx = narrow
    (away / "face.png").write_bytes(hostile.good_png(80, 60))
    page = inside / "page.html"
    page.write_text(
        f'<html><body><h1>Hi</h1><img src="shot.png" alt="ours"><img src="{away}/face.png" alt="theirs"></body></html>'
    )
    doc = read_path(page, ReadOptions(ctx=ctx, ocr=False))
    assert len(doc.figures()) == 1, doc.model_dump_json()[:1500]
    assert sum("was not loaded" in w for w in doc.warnings) == 1


def _cli(args: list[str], cwd, tmpdir) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEER_")}
    env.update(TMPDIR=str(tmpdir), PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [str(Path(sys.executable).with_name("seer")), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_cli_opens_a_store_and_pictures_outside_its_working_and_temp_folders(tmp_path):
    work, tmpdir, mine = tmp_path / "work", tmp_path / "tmpdir", tmp_path / "mine"
    for d in (work, tmpdir, mine / "pics"):
        d.mkdir(parents=True)
    (mine / "shot.png").write_bytes(hostile.good_png(64, 48))
    (mine / "pics" / "logo.png").write_bytes(hostile.good_png(70, 50))
    (mine / "page.html").write_text('<html><body><h1>Mine</h1><img src="pics/logo.png" alt="logo"></body></html>')

    added = _cli(["memory", "add", str(mine / "shot.png"), "--store", str(mine / "store"), "--json"], work, tmpdir)
    assert added.returncode == 0, added.stderr[-2000:]
    stats = _cli(["memory", "stats", "--store", str(mine / "store"), "--json"], work, tmpdir)
    assert stats.returncode == 0 and json.loads(stats.stdout)["frames"] == 1, stats.stderr[-2000:] + stats.stdout[-500:]
    read = _cli(["read-doc", str(mine / "page.html"), "--json"], work, tmpdir)
    assert read.returncode == 0, read.stderr[-2000:]
    assert not [w for w in json.loads(read.stdout).get("warnings", []) if "was not loaded" in w]
