"""The `seer` command, generated from the skill registry: one verb per skill, plus serve and doctor.

Human output goes through rich; `--json` prints the skill's output model as one JSON object on stdout.
Errors are one red line on stderr and exit code 2; tracebacks only with --debug.
"""

from __future__ import annotations

import argparse
import sys
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel
from rich.console import Console

from . import __version__
from .config import load_settings
from .context import Context
from .errors import SeerError
from .skills.common import Output
from .skills.registry import Skill, family_of, skills

err = Console(stderr=True)


def _unwrap(annotation: Any) -> Any:
    """Optional[X] -> X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _add_field(parser: argparse.ArgumentParser, name: str, field: Any, positional: bool) -> None:
    ann = _unwrap(field.annotation)
    origin = typing.get_origin(ann)
    kw: dict[str, Any] = {"help": field.description}
    if ann is bool:
        parser.add_argument(
            f"--{name.replace('_', '-')}",
            dest=name,
            action=argparse.BooleanOptionalAction,
            default=field.default,
            help=field.description,
        )
        return
    if origin is Literal:
        kw["choices"] = [str(c) for c in typing.get_args(ann)]
    elif origin is list:
        item = typing.get_args(ann)[0] if typing.get_args(ann) else str
        if item in (int, float):
            kw["type"] = lambda s: [v.strip() for v in s.split(",") if v.strip()]
            kw["metavar"] = "A,B,..."
        else:
            kw["nargs"] = "+"
    if positional:
        parser.add_argument(name, **kw)
    else:
        if not field.is_required():
            kw["default"] = None
        kw["required"] = field.is_required()
        flags = [f"--{name.replace('_', '-')}"] + (["-o"] if name == "output" else [])
        parser.add_argument(*flags, dest=name, **kw)


def _add_skill(sub: argparse._SubParsersAction, groups: dict[str, argparse._SubParsersAction], skill: Skill) -> None:
    words = skill.cli.split()
    for word in words[:-1]:
        if word not in groups:
            groups[word] = sub.add_parser(word, help=f"{word} commands").add_subparsers(
                dest=f"{word}_command", required=True
            )
        sub = groups[word]
    first = skill.description.split(". ")[0]
    p = sub.add_parser(words[-1], help=first, description=skill.description)
    for name in skill.positional:
        _add_field(p, name, skill.input_model.model_fields[name], positional=True)
    for name, field in skill.input_model.model_fields.items():
        if name not in skill.positional:
            _add_field(p, name, field, positional=False)
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    for fmt in skill.formats:
        p.add_argument(f"--{fmt}", action="store_true", help=f"print only the result's {fmt} field")
    p.set_defaults(skill=skill)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole CLI; only one family's verbs when the `argv` it will parse starts with one of that
    family's verbs (`seer memory search …` then starts without the OCR, model and document stacks)."""
    words = [a for a in argv or () if not a.startswith("-")]
    families = family_of(words[0]) if words else None
    ap = argparse.ArgumentParser(
        prog="seer", description="Eyes for coding agents: screenshots, GUIs, charts, documents, memory."
    )
    ap.add_argument("--version", action="version", version=f"seer {__version__}")
    ap.add_argument("--debug", action="store_true", help="show tracebacks")
    ap.add_argument("--max-pixels", type=int, help="largest image accepted, in pixels (default 40 MP)")
    ap.add_argument(
        "--force",
        action="store_true",
        default=None,
        help="let an output replace a file seer did not write (else refused)",
    )
    sub = ap.add_subparsers(dest="command", required=True)
    groups: dict[str, argparse._SubParsersAction] = {}
    for skill in skills(families):
        _add_skill(sub, groups, skill)
    if "memory" in groups:
        check = groups["memory"].add_parser(
            "check", help="find damaged frames or a damaged index in a memory store; --repair mends them"
        )
        check.add_argument("--store", help="the store folder (default ~/.local/share/seer/memory, or $SEER_STORE)")
        check.add_argument(
            "--repair",
            action="store_true",
            help="drop unreadable images (text kept); move a broken index aside and rebuild it from the stored screens",
        )
        check.add_argument("--json", action="store_true", help="print the result as one JSON object")
        check.set_defaults(run=_memory_check)
    serve = sub.add_parser("serve", help="run the MCP server (stdio by default)")
    serve.add_argument(
        "--http", metavar="HOST:PORT", help="serve streamable HTTP instead, e.g. 127.0.0.1:8765 (MCP at /mcp)"
    )
    serve.add_argument(
        "--token",
        help="bearer token every HTTP request must carry (default $SEER_TOKEN); "
        "required to bind a non-loopback address. Visible in the process list: prefer $SEER_TOKEN or --token-file",
    )
    serve.add_argument("--token-file", metavar="PATH", help="read the bearer token from this file")
    serve.add_argument(
        "--zai-aliases",
        action="store_true",
        default=None,
        help="also expose Z.ai Vision MCP tool names (ui_to_artifact, analyze_image, ...); or SEER_ZAI_ALIASES=1",
    )
    serve.add_argument(
        "--tools",
        metavar="FAMILIES",
        help="expose only these tool families, comma-separated: "
        "vision, gui, docs, memory (default: all; or SEER_TOOLS)",
    )
    config = sub.add_parser("config", help="print MCP client configuration for this install")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    cprint = config_sub.add_parser("print", help="print the snippet that adds seer to an MCP client")
    from .mcp.client_config import CLIENTS

    cprint.add_argument("--client", required=True, choices=list(CLIENTS), help="the MCP client")
    cprint.add_argument(
        "--http", metavar="URL", help="connect to a running `seer serve --http` at this URL (…/mcp) instead of stdio"
    )
    cprint.add_argument("--token", help="bearer token to send with --http")
    cprint.add_argument("--zai-aliases", action="store_true", help="start seer with Z.ai Vision MCP tool names too")
    doctor = sub.add_parser("doctor", help="check the OCR engine loads; print versions and the configured model")
    doctor.add_argument("--ping", action="store_true", help="also send one tiny request to the configured model")
    doctor.add_argument("--json", action="store_true")
    return ap


def _run_skill(skill: Skill, args: argparse.Namespace, settings) -> int:
    inp = skill.validate(
        {name: getattr(args, name) for name in skill.input_model.model_fields if getattr(args, name, None) is not None}
    )

    with err.status(f"seer {skill.cli}…", spinner="dots") as status:

        def progress(done: float, total: float | None = None, message: str | None = None) -> None:
            pct = f" {100 * done / total:.0f}%" if total else ""
            status.update(f"seer {skill.cli}{pct} {message or ''}")

        out: BaseModel = skill.invoke(inp, Context(settings=settings, progress=progress))
    chosen = [fmt for fmt in skill.formats if getattr(args, fmt, False)]
    if chosen:
        sys.stdout.write(str(getattr(out, chosen[0])).rstrip("\n") + "\n")
    elif args.json:
        sys.stdout.write(out.model_dump_json() + "\n")
    else:
        Console().print(out if isinstance(out, Output) else out.model_dump_json(indent=2))
    return 0


def _memory_check(args: argparse.Namespace, settings) -> int:
    import dataclasses
    import json

    from .memory.check import check_store
    from .memory.store import default_root
    from .security import check_path

    root = check_path(args.store, settings, what="memory store") if args.store else default_root()
    report = check_store(root, repair=args.repair, max_pixels=settings.max_pixels)
    if args.json:
        print(json.dumps(dataclasses.asdict(report)))
    else:
        for problem in report.problems:
            err.print(f"[yellow]problem:[/] {problem}", highlight=False, soft_wrap=True)
        state = "sound" if report.ok else ("repaired" if report.repaired else "damaged: run again with --repair")
        Console().print(
            f"memory store {report.store}: {state}"
            + (
                f"; old index moved to {report.moved_aside}, {report.frames_recovered} screens recovered"
                if report.moved_aside
                else ""
            ),
            highlight=False,
        )
    return 0 if report.ok or report.repaired else 1


def _doctor(args: argparse.Namespace, settings) -> int:
    import importlib.metadata as md
    import time

    import numpy as np

    from .perception.image import from_array
    from .perception.ocr import engine, read_lines

    report: dict[str, Any] = {"seer": __version__, "python": sys.version.split()[0]}
    for dist in ("mcp", "pydantic", "pillow", "numpy", "rapidocr", "onnxruntime", "opencv-python-headless"):
        try:
            report[dist] = md.version(dist)
        except md.PackageNotFoundError:
            report[dist] = "missing"
    t = time.perf_counter()
    blank = from_array(np.full((32, 64, 3), 255, np.uint8))
    read_lines(blank)
    report["ocr_engine"] = engine().name
    report["ocr_load_seconds"] = round(time.perf_counter() - t, 2)
    from . import models

    report["model"] = models.describe(settings)
    if args.ping:
        import anyio

        report["ping"] = anyio.run(models.ping, settings)
    report["limits"] = {k: getattr(settings, k) for k in ("max_pixels", "max_bytes", "allow_urls")}
    if args.json:
        import json

        print(json.dumps(report))
    else:
        for k, v in report.items():
            Console().print(f"[bold]{k}[/]: {v}")
    return 0


def _config(args: argparse.Namespace) -> int:
    from .mcp.client_config import CLIENTS, snippet

    print(
        snippet(args.client, url=args.http, token=args.token, extra_args=("--zai-aliases",) if args.zai_aliases else ())
    )
    err.print(f"[dim]{args.client}: {CLIENTS[args.client][2]}[/]", highlight=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    try:
        settings = load_settings(max_pixels=args.max_pixels, overwrite=args.force)
        if args.command == "serve":
            from .mcp.server import serve

            if args.token:
                print(
                    "seer: warning: --token shows in the process list; use $SEER_TOKEN or --token-file", file=sys.stderr
                )
            from .mcp.http_transport import token_from_file

            serve(
                settings,
                http=args.http,
                token=args.token or token_from_file(args.token_file),
                zai_aliases=bool(args.zai_aliases),
                tools=args.tools,
            )
            return 0
        if not settings.allowed_roots:
            # A person at a shell names their own files: the path policy guards the server, whose
            # arguments come from an agent. Configured roots still apply here.
            settings = settings.model_copy(update={"allowed_roots": ["/"]})
        if args.command == "config":
            return _config(args)
        if args.command == "doctor":
            return _doctor(args, settings)
        if getattr(args, "run", None):
            return args.run(args, settings)
        return _run_skill(args.skill, args, settings)
    except SeerError as exc:
        if args.debug:
            raise
        err.print(f"[red]error:[/] {exc}", highlight=False, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an unexpected failure: one line, not a traceback, unless --debug
        if args.debug:
            raise
        err.print(
            f"[red]internal error:[/] {type(exc).__name__}: {exc} (run with --debug for the traceback)", highlight=False
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
