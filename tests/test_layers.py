"""Imports point down and never go round in a circle (function-level imports included).

Layers, bottom first; a module may import its own layer or any below it:
    foundation   errors, config, security, the HTTP client, the LRU cache
    perception   image loading, geometry, OCR, elements, change
    engines      models (vision-model clients), memory's engine (store, codec, search, ...)
    skills       Context, the registry, every skill family (memory's tools and schemas too)
    doors        the library (`seer`, `seer.api`), the CLI, the MCP server (`seer.mcp`)
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# module or package -> layer; the longest match wins
LAYERS = {
    "seer.errors": 0,
    "seer.config": 0,
    "seer.security": 0,
    "seer._http": 0,
    "seer.lru": 0,
    "seer.perception": 1,
    "seer.models": 2,
    "seer.memory": 2,
    "seer.context": 3,
    "seer.skills": 3,
    "seer.memory.tools": 3,
    "seer.memory.schema": 3,
    "seer": 4,
}
PACKAGES = {"seer.memory": 3}  # a package's __init__ apart from its modules: memory's registers its tools
NAMES = ["foundation", "perception", "engines", "skills", "doors"]

# Circles still to break, each with why it is left: (the modules, the reason)
KNOWN_CIRCLES = {
    # Document's methods import what they delegate to lazily: key_figures() (callers could import
    # key_figures themselves: the docs branch's report, planner and tests) and __rich__ (to_markdown,
    # which needs the block types): to break once the docs branch has merged
    frozenset({"seer.skills.docs.document", "seer.skills.docs.key_figures", "seer.skills.docs.markdown_render"}),
}


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in (SRC / "seer").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


def _imported(node: ast.Import | ast.ImportFrom, module: str, package: bool, modules: dict) -> set[str]:
    """The modules an import statement loads: `from .x import y` is x.y where that is a module, else x."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names}
    if node.level:
        base = module.split(".") if package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    return {f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in modules else prefix for a in node.names}


def import_graph() -> dict[str, set[str]]:
    """Module -> the seer modules it imports anywhere in its code, but for `if TYPE_CHECKING:` blocks."""
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for module, (path, package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for block in ast.walk(tree):
            if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test):
                block.body = []  # types only: never imported at run time
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            graph[module] |= {
                name for name in _imported(node, module, package, modules) if name in modules and name != module
            }
    return graph


def layer(module: str) -> int:
    if module in PACKAGES:
        return PACKAGES[module]
    return LAYERS[max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)]


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = set()
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    part.add(m)
                    if m == node:
                        break
                if len(part) > 1:
                    found.append(frozenset(part))
    return found


def test_no_import_circles():
    found = set(circles(import_graph()))
    new = [sorted(c) for c in found - KNOWN_CIRCLES]
    assert not new, f"import circles: {new}"
    assert not KNOWN_CIRCLES - found, f"no longer circles, drop them from KNOWN_CIRCLES: {KNOWN_CIRCLES - found}"


def test_imports_point_down():
    upward = [
        f"{m} ({NAMES[layer(m)]}) imports {t} ({NAMES[layer(t)]})"
        for m, targets in import_graph().items()
        for t in sorted(targets)
        if layer(t) > layer(m)
    ]
    assert not upward, "upward imports:\n" + "\n".join(upward)


def test_the_checks_can_fail():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]
    assert layer("seer.models.presets") > layer("seer.perception.image") > layer("seer.config")
    assert layer("seer.memory.store") < layer("seer.memory.tools") == layer("seer.memory") < layer("seer.mcp.server")
    graph = import_graph()
    assert "seer.perception.geometry" in graph["seer.perception.ocr"]  # relative imports resolve
    assert "seer.skills.registry" in graph["seer.api"]  # function-level imports count
    assert "seer.skills.gui.layout" not in graph["seer.skills.gui.strips"]  # `if TYPE_CHECKING:` ones do not


# Settings are resolved once, at a door or by a `Context` made without them; nothing below reads them itself.
RESOLVES_SETTINGS = {"seer.config", "seer.context"}


def _names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return (
        {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        | {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        | {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    )


def test_settings_travel_down():
    reaching_up = sorted(
        m
        for m, (path, _) in _modules().items()
        if layer(m) < layer("seer.mcp") and m not in RESOLVES_SETTINGS and "default_settings" in _names(path)
    )
    assert not reaching_up, (
        f"these read the process's settings instead of taking the call's (from its Context): {reaching_up}"
    )
    assert "default_settings" in _names(SRC / "seer" / "mcp" / "server.py")  # the check sees what it looks for
