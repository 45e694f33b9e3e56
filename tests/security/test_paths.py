"""Path arguments are resolved against the allowed roots at the one place each kind of path enters:
traversal and symlink escapes are refused with a clear error; ordinary paths under cwd/tmp work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seer.config import Settings, load_settings
from seer.context import Context
from seer.errors import InputError
from seer.perception.image import load_image
from seer.security import allowed_roots, check_output_path, check_path
from seer.skills.docs.readers import ReadOptions, read_path
from tests.security import hostile


@pytest.fixture()
def outside(tmp_path):
    """A folder that is NOT an allowed root, and settings whose only root is `inside`."""
    inside = tmp_path / "inside"
    away = tmp_path / "away"
    inside.mkdir()
    away.mkdir()
    (away / "secret.png").write_bytes(hostile.good_png(20, 10))
    hostile.docx_with_text(away / "secret.docx", "Top secret Falcon-1207")
    (inside / "ok.png").write_bytes(hostile.good_png(30, 20))
    return inside, away, Settings(allowed_roots=[str(inside)])


def test_defaults_are_cwd_and_tmp():
    import tempfile

    roots = allowed_roots(Settings())
    assert Path.cwd().resolve() in roots and Path(tempfile.gettempdir()).resolve() in roots


def test_ordinary_paths_under_cwd_and_tmp_work(tmp_path):
    p = tmp_path / "a.png"
    p.write_bytes(hostile.good_png(12, 8))
    assert load_image(str(p), Settings()).width == 12
    assert check_path("README.md", Settings()) == (Path.cwd() / "README.md").resolve()


def test_absolute_path_outside_is_refused():
    with pytest.raises(InputError, match=r"outside the folders seer may use.*allowed_roots"):
        load_image("/etc/passwd", Settings())
    with pytest.raises(InputError, match="allowed_roots"):
        read_path("/etc/hostname")


def test_traversal_is_refused(outside):
    inside, away, s = outside
    sneaky = f"{inside}/../away/secret.png"
    with pytest.raises(InputError, match="'..' leads it to"):
        load_image(sneaky, s)
    assert load_image(str(inside / "ok.png"), s).width == 30  # the next call succeeds


def test_symlink_escape_is_refused(outside):
    inside, away, s = outside
    (inside / "link.png").symlink_to(away / "secret.png")
    (inside / "linkdir").symlink_to(away)
    with pytest.raises(InputError, match="symbolic link"):
        load_image(str(inside / "link.png"), s)
    with pytest.raises(InputError, match="symbolic link"):
        load_image(str(inside / "linkdir" / "secret.png"), s)
    with pytest.raises(InputError, match="symbolic link"):
        read_path(inside / "linkdir" / "secret.docx", ReadOptions(ctx=Context(settings=s, model=None), ocr=False))


def test_symlink_inside_the_roots_is_fine(outside):
    inside, _, s = outside
    (inside / "alias.png").symlink_to(inside / "ok.png")
    assert load_image(str(inside / "alias.png"), s).width == 30


def test_missing_file_outside_says_outside_not_missing(outside):
    """Whether a file exists outside the roots is not revealed."""
    _, away, s = outside
    with pytest.raises(InputError, match="not allowed"):
        load_image(str(away / "nope.png"), s)
    with pytest.raises(InputError, match="not allowed"):
        load_image(str(away / "secret.png"), s)


def test_a_base64_looking_path_outside_answers_the_same_whether_it_exists(outside):
    _, away, s = outside
    deep = away / ("A" * 70)
    deep.mkdir()
    (deep / "Bbbb").write_bytes(b"\x89PNG not really")
    answers = []
    for name in ("Bbbb", "Cccc"):  # the first exists, the second does not
        with pytest.raises(InputError) as info:
            load_image(str(deep / name), s)
        answers.append(str(info.value).replace(name, "NAME"))
    assert answers[0] == answers[1]


def test_documents_are_checked_at_the_reader_registry(outside):
    inside, away, s = outside
    ctx = Context(settings=s, model=None)
    with pytest.raises(InputError, match="document path"):
        read_path(away / "secret.docx", ReadOptions(ctx=ctx, ocr=False))
    hostile.docx_with_text(inside / "fine.docx", "Public Wren-4410")
    doc = read_path(inside / "fine.docx", ReadOptions(ctx=ctx, ocr=False))
    assert "Wren-4410" in doc.model_dump_json()


def test_html_cannot_pull_pictures_from_outside(tmp_path, monkeypatch):
    inside = tmp_path / "site"
    inside.mkdir()
    away = tmp_path / "private"
    away.mkdir()
    (away / "face.png").write_bytes(hostile.good_png(80, 60))
    (inside / "logo.png").write_bytes(hostile.good_png(70, 50))
    page = inside / "page.html"
    page.write_text(
        f'<html><body><h1>Hi</h1><p>text</p><img src="logo.png" alt="logo">'
        f'<img src="../private/face.png" alt="face"><img src="{away}/face.png" alt="face2"></body></html>'
    )
    monkeypatch.setenv("SEER_ALLOWED_ROOTS", str(inside))
    from seer.config import default_settings

    default_settings.cache_clear()
    doc = read_path(page, ReadOptions(ctx=Context(settings=load_settings(), model=None), ocr=False))
    figures = [
        b
        for s in doc.sections
        for b in s.blocks
        if getattr(b, "kind", getattr(b, "type", "")) == "figure" or type(b).__name__ == "Figure"
    ]
    assert len(figures) == 1, doc.model_dump_json()[:2000]
    assert sum("was not loaded" in w for w in doc.warnings) == 2


def test_output_writers_refuse_outside_and_symlinks(outside, tmp_path):
    inside, away, s = outside
    with pytest.raises(InputError, match="not allowed"):
        check_output_path(away / "out.png", s)
    (inside / "out.png").symlink_to(away / "victim.png")
    with pytest.raises(InputError):
        check_output_path(inside / "out.png", s)
    with pytest.raises(InputError, match="folder"):
        check_output_path(inside, s)
    assert check_output_path(inside / "new" / "deck.pptx", s) == (inside / "new" / "deck.pptx").resolve()


def test_annotate_output_outside_is_refused(outside):
    from seer.skills.gui.annotate import annotate
    from seer.skills.gui.schema import AnnotateInput

    inside, away, s = outside
    ctx = Context(settings=s, model=None)
    with pytest.raises(InputError, match="not allowed"):
        annotate(AnnotateInput(image=str(inside / "ok.png"), boxes=[1, 1, 10, 10], output=str(away / "x.png")), ctx)
    assert not (away / "x.png").exists()
    out = annotate(AnnotateInput(image=str(inside / "ok.png"), boxes=[1, 1, 10, 10], output=str(inside / "x.png")), ctx)
    assert Path(out.output).is_file()


def test_memory_store_and_video_paths(outside):
    from seer.memory.store import open_store

    inside, away, s = outside
    with pytest.raises(InputError, match="memory store"):
        open_store(away / "store", settings=s)
    assert not (away / "store").exists()
    store = open_store(inside / "store", settings=s)
    store.close()
    from seer.memory.recorder import Recorder, RecorderOptions
    from seer.memory.video import ingest_video

    (away / "clip.mp4").write_bytes(b"\x00" * 100)
    store = open_store(inside / "store", settings=s)
    try:
        with pytest.raises(InputError, match="video path"):
            ingest_video(away / "clip.mp4", Recorder(store, "ep", RecorderOptions(ocr=False)), settings=s)
    finally:
        store.close()


def test_allowed_roots_from_the_environment(monkeypatch, tmp_path):
    a, b = tmp_path / "a b", tmp_path / "c"
    monkeypatch.setenv("SEER_ALLOWED_ROOTS", f"{a}{os.pathsep}{b}")
    s = load_settings()
    assert s.allowed_roots == [str(a), str(b)]
    assert allowed_roots(s) == (a.resolve(), b.resolve())
    everything = Settings(allowed_roots=["/"])
    assert check_path("/etc/hostname", everything) == Path("/etc/hostname").resolve()


def test_nul_bytes_and_absurd_names_are_input_errors():
    with pytest.raises(InputError):
        load_image("/tmp/a\x00b.png", Settings())
    with pytest.raises(InputError):
        load_image("x" * 5000, Settings())
    with pytest.raises(InputError):
        load_image("A" * 300, Settings())  # a base64-looking name longer than a file name may be


def test_a_server_started_in_the_filesystem_root_does_not_get_the_whole_disk(monkeypatch):
    import tempfile

    monkeypatch.chdir("/")
    roots = allowed_roots(Settings())
    assert roots == (Path(tempfile.gettempdir()).resolve(),)
    with pytest.raises(InputError):
        check_path("/etc/hostname", Settings())


def test_nul_in_a_document_path_is_an_input_error():
    with pytest.raises(InputError):
        read_path("/tmp/report\x00.pdf")


def test_report_does_not_tell_what_exists_outside_the_roots(outside):
    from seer.skills.docs.report import report
    from seer.skills.docs.schema import ReportInput

    inside, away, s = outside
    ctx = Context(settings=s, model=None)
    answers = []
    for name in ("secret.docx", "nope.docx"):  # one exists, one does not
        with pytest.raises(InputError) as exc:
            report(ReportInput(paths=[str(away / name)], output=str(inside / "r.md")), ctx)
        answers.append(str(exc.value).replace(name, "NAME"))
    assert answers[0] == answers[1] and "not allowed" in answers[0]
