"""No import circles anywhere in app/, and no module under app/ui imports the main window
(ARCHITECTURE.md, "Package map"; the size of app/ui's modules is kept in test_layering).

The graph is built from the source with ast, so it sees every import a reader sees: top-level,
under ``if TYPE_CHECKING:`` and inside functions alike (a circle hidden in a function is still
a circle a newcomer has to untangle). A failure names each circle module by module."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
MAIN_WINDOW = "app.ui.window.main_window"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(APP.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of app/ that the module ``name`` imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = []
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.append(sub if sub in known else base)
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    sources = _sources()
    known = set(sources)
    return {name: _imports(name, path, known) for name, path in sources.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of two or more modules (each can reach each), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(start: str) -> None:
        # Tarjan's algorithm, iteratively (the graph is deep enough to matter for recursion).
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return sorted(groups)


def _circle_through(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """One shortest circle from the group's first module back to itself, for the message."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for nxt in sorted(graph[node] & group):
                if nxt == start:
                    return [*paths[node], start]
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    nxt_frontier.append(nxt)
        frontier = nxt_frontier
    return sorted(group)


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    source = tmp_path / "b.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import c\n"
        "from .d import thing\n"
        "if TYPE_CHECKING:\n"
        "    from pkg.e import Kind\n"
        "def later():\n"
        "    import pkg.f.inner\n",
        encoding="utf-8",
    )
    known = {"pkg", "pkg.b", "pkg.c", "pkg.d", "pkg.e", "pkg.f"}
    assert _imports("pkg.b", source, known) == {"pkg.c", "pkg.d", "pkg.e", "pkg.f"}
    assert MAIN_WINDOW in import_graph()["app.ui.window.application"]


def test_cycle_finder_names_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert _circle_through(graph, {"a", "b", "c"}) == ["a", "b", "c", "a"]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_in_app() -> None:
    graph = import_graph()
    found = cycles(graph)
    report = [
        f"{', '.join(group)}\n    e.g. {' -> '.join(_circle_through(graph, set(group)))}"
        for group in found
    ]
    assert found == [], "import circles (modules that import each other):\n" + "\n".join(report)


def test_nothing_under_ui_imports_the_main_window() -> None:
    graph = import_graph()
    allowed = {MAIN_WINDOW, "app.ui.window.application"}  # the window itself, and what starts it
    importers = sorted(
        n for n, deps in graph.items() if n.startswith("app.ui.") and MAIN_WINDOW in deps
    )
    importers = [n for n in importers if n not in allowed]
    assert importers == [], f"import the main window: {importers}"
