"""Small modules with one job, short functions: checked, so the shape cannot drift."""

import ast
from pathlib import Path

ROOT = Path(__file__).parents[1]
PACKAGES = ("states", "notices", "notifiers", "storage", "use_cases", "bootstrap", "flows", "demo",
            "ocop_cli", "bench", "web")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50


def sources() -> list[Path]:
    return [path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
            if "migrations" not in path.parts]


def long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines} lines)"
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and (lines := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES]


def test_modules_are_short() -> None:
    long = [f"{p.relative_to(ROOT)} ({n} lines)" for p in sources()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) >= MAX_MODULE_LINES]
    assert long == []


def test_functions_are_short() -> None:
    assert [entry for path in sources() for entry in long_functions(path)] == []
