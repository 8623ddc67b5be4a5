"""Layers import one way (docs/architecture.md): checked on the source, not by convention."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
FRAMEWORKS = ("django", "flask", "starlette", "fastapi", "werkzeug")


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any level (functions and TYPE_CHECKING too)."""
    found: set[str] = set()
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                )
            found.add(base.strip("."))
            found.update(f"{base}.{alias.name}".strip(".") for alias in node.names)
    return found


MODULES = {_module(p): _imports(p) for p in (SRC / "jreject").rglob("*.py")}


def _imports_of(prefix: str) -> dict[str, set[str]]:
    return {m: i for m, i in MODULES.items() if m == prefix or m.startswith(prefix + ".")}


@pytest.mark.parametrize(
    "package",
    [
        "jreject.detect",
        "jreject.policy",
        "jreject.notice",
        "jreject.middleware",
        "jreject.pipeline",
    ],
)
def test_the_core_imports_no_web_framework(package):
    for module, imports in _imports_of(package).items():
        bad = {i for i in imports if i.split(".")[0] in FRAMEWORKS}
        assert not bad, f"{module} imports {bad}"


def test_the_browserslist_engine_knows_nothing_of_policies_or_requests():
    for module, imports in _imports_of("jreject.browserslist").items():
        if module == "jreject.browserslist.policy":  # the old path of the policies, one release
            continue
        bad = {
            i
            for i in imports
            if i.startswith(
                ("jreject.policy", "jreject.middleware", "jreject.pipeline", "jreject.notice")
            )
        }
        assert not bad, f"{module} imports {bad}"


def test_policies_do_not_import_the_request_pipeline():
    for module, imports in _imports_of("jreject.policy").items():
        if module == "jreject.policy.cache":  # the old path of the cache, kept for one release
            continue
        bad = {i for i in imports if i.startswith("jreject.pipeline")}
        if module == "jreject.policy":  # its lazy VerdictCache alias, kept for one release
            bad -= {"jreject.pipeline", "jreject.pipeline.VerdictCache"}
        assert not bad, f"{module} imports {bad}"


def test_policies_import_neither_the_notice_nor_the_middleware():
    # A policy turns a Client into a Verdict; what is shown, and how, comes after it.
    for module, imports in _imports_of("jreject.policy").items():
        if module == "jreject.policy.config":  # the old path of jreject.config, one release
            continue
        bad = {i for i in imports if i.startswith(("jreject.middleware", "jreject.notice"))}
        assert not bad, f"{module} imports {bad}"


def test_the_config_loader_does_not_import_the_middleware():
    # It validates the [middleware] table with jreject.settings, a layer below both.
    bad = {i for i in MODULES["jreject.config"] if i.startswith("jreject.middleware")}
    assert not bad, f"jreject.config imports {bad}"


def test_the_settings_sit_below_the_policy_and_the_middleware():
    bad = {
        i
        for i in MODULES["jreject.settings"]
        if i.startswith(
            ("jreject.policy", "jreject.middleware", "jreject.notice", "jreject.pipeline")
        )
    }
    assert not bad, f"jreject.settings imports {bad}"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("jreject.browserslist.resolve", "jreject.browserslist.selectors"),
        ("jreject.data.caniuse", "jreject.data.convert"),
    ],
)
def test_no_import_cycle(one, other):
    assert not (
        any(i.startswith(other) for i in MODULES[one])
        and any(i.startswith(one) for i in MODULES[other])
    )


TOOLS = ("cli", "serve", "demo", "analyze", "health", "migrate", "export")


@pytest.mark.parametrize(
    "package",
    [
        "jreject.detect",
        "jreject.policy",
        "jreject.notice",
        "jreject.pipeline",
        "jreject.settings",
        "jreject.config",
        "jreject.middleware",
    ],
)
def test_the_core_never_imports_the_tools_built_on_it(package):
    for module, imports in _imports_of(package).items():
        bad = {i for i in imports if i.split(".")[:2] in (["jreject", t] for t in TOOLS)}
        assert not bad, f"{module} imports {bad}"


# --- no import cycle anywhere ------------------------------------------------------------


def _resolve(name: str) -> str | None:
    """The jreject module ``name`` is, or the module it names an attribute of."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _edges(path: Path) -> set[str]:
    """The jreject modules ``path`` imports, at any level (functions and TYPE_CHECKING
    too: a lazy import is still a cycle). ``from a import b`` is an edge to ``a.b``
    when that is a module, else to ``a``."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], base]).strip(".")
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            target = _resolve(name) if name.split(".")[0] == "jreject" else None
            if target is not None and target != module:
                found.add(target)
    return found


GRAPH = {_module(p): _edges(p) for p in (SRC / "jreject").rglob("*.py")}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` (``[a, b, …, a]``), or None when it is acyclic."""
    done: set[str] = set()
    for root in sorted(graph):
        if root in done:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        stack: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        path.append(root)
        on_path.add(root)
        while stack:
            node, todo = stack[-1]
            if not todo:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
                continue
            nxt = todo.pop()
            if nxt in on_path:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in done:
                stack.append((nxt, sorted(graph.get(nxt, ()))))
                path.append(nxt)
                on_path.add(nxt)
    return None


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_import_graph_sees_every_kind_of_import():
    # Every module is a node, and the edges the cycle check relies on are there:
    assert set(GRAPH) == set(MODULES)
    assert len(GRAPH) > 150
    assert "jreject.data.bots" in GRAPH["jreject.detect.bots"]  # top level
    assert "jreject.detect.bots" in GRAPH["jreject.config"]  # inside a function
    assert "jreject.data.package" in GRAPH["jreject.data.bots"]  # under TYPE_CHECKING
    assert "jreject.data.bots" in GRAPH["jreject.data.update"]  # from a.b import name
    assert "jreject.data" in GRAPH["jreject.data.bots"]  # from package import module


def test_the_package_has_no_import_cycle():
    # Lazy and TYPE_CHECKING imports count: each only hides a cycle from Python, not
    # from the reader. A shared name goes into a module below both, or a Protocol.
    cycle = _cycle(GRAPH)
    assert cycle is None, " → ".join(cycle or ())


#: The core's layers, lowest first: each imports only from its own and lower ones.
LAYERS = (
    "jreject.data",
    "jreject.browserslist",
    "jreject.detect",
    "jreject.policy",
    "jreject.pipeline",
    "jreject.notice",
    "jreject.middleware",
)
#: Old import paths kept for one release, each a re-export of the module now above it.
DEPRECATED_PATHS = {
    "jreject.browserslist.policy": "jreject.policy.browserslist",
    "jreject.policy.cache": "jreject.pipeline",
}


def _layer(module: str) -> int | None:
    for rank, layer in enumerate(LAYERS):
        if module == layer or module.startswith(layer + "."):
            return rank
    return None


def test_the_core_layers_import_only_downwards():
    upward = sorted(
        f"{module} → {target}"
        for module, targets in GRAPH.items()
        if (rank := _layer(module)) is not None
        for target in targets
        if (_layer(target) or 0) > rank and DEPRECATED_PATHS.get(module) != target
    )
    assert upward == []
    # The data is the bottom: bundled files, their generators and readers only.
    assert {t for m, ts in GRAPH.items() if _layer(m) == 0 for t in ts if _layer(t) != 0} == set()
