import json
import subprocess
import sys

import seer


def seer_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "seer.cli", *args], capture_output=True, text=True, timeout=120, **kw)


def test_read_json_is_the_library_model(known_screen):
    path, truth = known_screen
    r = seer_cli("read", str(path), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    out = seer.ScreenText.model_validate(data)
    assert {t for t, _ in truth} <= {l.text for l in out.lines}
    assert all(len(l.box) == 4 and all(isinstance(v, int) for v in l.box) for l in out.lines)


def test_region_flag(known_screen):
    path, _ = known_screen
    r = seer_cli("read", str(path), "--region", "400,95,640,135", "--json")
    assert [l["text"] for l in json.loads(r.stdout)["lines"]] == ["Delete project"]


def test_human_output_is_a_table(known_screen):
    path, _ = known_screen
    r = seer_cli("read", str(path), env={"COLUMNS": "160", "PATH": ""})
    assert r.returncode == 0
    assert "Invoice 4471 was approved" in r.stdout and "lines in" in r.stdout


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    r = seer_cli("read", str(tmp_path / "missing.png"), "--json")
    assert r.returncode == 2
    assert r.stdout == ""
    assert "image file not found" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2


def test_version_and_doctor():
    assert seer_cli("--version").stdout.strip() == f"seer {seer.__version__}"
    r = seer_cli("doctor", "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["ocr_engine"].startswith("seer-onnx") and report["onnxruntime"] != "missing"


def test_every_skill_family_loads():
    import importlib

    from seer.skills.registry import FAMILIES, skills

    for family in FAMILIES:
        assert importlib.import_module(family).SKILLS, family
    assert len(skills()) == sum(len(importlib.import_module(f).SKILLS) for f in FAMILIES)


def test_output_has_short_flag():
    from seer.cli import build_parser

    args = build_parser().parse_args(["annotate", "shot.png", "-o", "out.png"])
    assert args.output == "out.png"


def test_cli_reads_files_outside_the_working_directory(known_screen, tmp_path):
    # the server confines paths to allowed roots; a person at the shell may name any file
    r = seer_cli(
        "read",
        str(known_screen[0]),
        "--json",
        cwd=str(tmp_path),
        env={**__import__("os").environ, "TMPDIR": str(tmp_path)},
    )
    assert r.returncode == 0, r.stderr


def test_a_verb_loads_only_its_family():
    """`seer ground` starts without the document, memory and model-client stacks; `seer --help` lists all."""
    probe = (
        "import sys; from seer.cli import build_parser; p = build_parser(sys.argv[1:]); "
        "print(sorted(m for m in ('seer.skills.docs', 'seer.skills.memory', 'seer.models.anthropic', 'seer.skills.gui') if m in sys.modules))"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe, "ground", "shot.png", "Save"], capture_output=True, text=True, timeout=60
    )
    assert r.stdout.strip() == "['seer.skills.gui']", r.stderr
    r = subprocess.run([sys.executable, "-c", probe, "memory", "check"], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "['seer.skills.memory']", r.stderr
    assert seer_cli("memory", "check", "--help").returncode == 0
    help_all = seer_cli("--help").stdout
    assert all(verb in help_all for verb in ("ground", "chart", "memory", "read", "serve"))
