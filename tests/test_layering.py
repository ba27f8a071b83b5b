"""Settings are read once, at the entry points: nothing below them touches the environment."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
BELOW_THE_ENTRY_POINTS = ("states", "notices", "notifiers", "use_cases")
FORBIDDEN_NAMES = {"environ", "getenv", "putenv", "BaseSettings", "pydantic_settings",
                   "build_system", "read_environment", "EnvSettings"}


def names_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.ImportFrom):
            found.add(node.module or "")
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("package", BELOW_THE_ENTRY_POINTS)
def test_no_package_below_the_entry_points_reads_settings(package: str) -> None:
    offenders = {str(path.relative_to(ROOT)): sorted(names_used(path) & FORBIDDEN_NAMES)
                 for path in (ROOT / package).rglob("*.py")
                 if names_used(path) & FORBIDDEN_NAMES}
    assert offenders == {}


def test_the_check_sees_an_environment_read(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nURL = os.environ.get('OCOP_DATABASE_URL')\n", encoding="utf-8")
    assert "environ" in names_used(sample)
