"""The code's shape, checked: only the storage package speaks SQL, no import circles, the layers
depend one way, no function runs long without a stated reason, the service does not load the
eval harness."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGES = ("indexer", "storage", "service", "evals")
CODE = [p for pkg in (*PACKAGES, "benchmarks") for p in sorted((ROOT / pkg).rglob("*.py"))]
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH)\b|\b(FROM|INTO|WHERE|JOIN)\s+\w+",
                 re.I)
SQL_WORDS = re.compile(r"\b(SELECT|INSERT INTO|DELETE FROM|CREATE TABLE|PRAGMA)\b")
MAX_LINES = 60


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _sql_strings(path: Path) -> list[tuple[int, str]]:
    """String constants that are SQL, and calls of ``.execute``/``.executemany``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_WORDS.search(node.value) \
                and SQL.search(node.value):
            out.append((node.lineno, node.value[:60]))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("execute", "executemany", "executescript"):
            out.append((node.lineno, f".{node.func.attr}(...)"))
    return out


def test_only_the_storage_package_speaks_sql():
    found = [f"{p.relative_to(ROOT)}:{line}: {text}" for p in CODE if p.parts[len(ROOT.parts)] != "storage"
             for line, text in _sql_strings(p)]
    assert not found, "SQL outside storage/:\n" + "\n".join(found)
    # The check itself finds SQL where there is some.
    assert _sql_strings(ROOT / "storage" / "reader.py")


def _imports(path: Path) -> set[str]:
    """Project modules a module imports (at any depth, lazily inside functions too)."""
    mod = _module(path)
    package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
    known = {_module(p) for p in CODE}
    return {m for m in out if m in known and m != mod}


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in CODE if p.parts[len(ROOT.parts)] in PACKAGES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circles():
    graph = _graph()
    assert graph["service.app"] >= {"service.api", "service.pages"}
    assert _cycles(graph) == []
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_layers_depend_one_way():
    """indexer -> storage -> service -> evals: no stage imports one after it."""
    allowed = {"indexer": {"indexer", "storage"}, "storage": {"storage", "indexer"},
               "service": {"service", "storage", "indexer"}, "evals": set(PACKAGES)}
    # ``minutebook eval`` hands its arguments to the harness: the one way in, imported when run.
    exempt = {("service.cli", "evals.run")}
    bad = [f"{m} imports {i}" for m, deps in _graph().items() for i in deps
           if i.split(".")[0] not in allowed[m.split(".")[0]] and (m, i) not in exempt]
    assert not bad, bad
    # storage may use the indexer's records and FAISS helpers, never its stages.
    assert all(i in ("indexer.records", "indexer.vectors")
               for m, deps in _graph().items() if m.startswith("storage") for i in deps if i.startswith("indexer"))


def _long_functions(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = node.end_lineno - node.lineno + 1
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            reason = lines[first - 2].strip().startswith("# long:") if first >= 2 else False
            if n > MAX_LINES and not reason:
                out.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({n} lines)")
    return out


def test_no_long_function_without_a_reason():
    found = [f for p in CODE for f in _long_functions(p)]
    assert not found, f"functions over {MAX_LINES} lines (split them, or say why above the def with '# long:'):\n" \
        + "\n".join(found)


def test_the_service_does_not_load_the_eval_harness():
    code = ("import sys, service.app, service.cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'evals', 'matplotlib'}))")
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]"
