"""Settings are read once, at the entry points: nothing below them touches the environment."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
BELOW_THE_ENTRY_POINTS = ("states", "notices", "notifiers", "storage", "use_cases")
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


# No import circles between project modules (issue 26). grimp counts every import, those inside
# functions and under TYPE_CHECKING too: a circle hidden in a function is still two modules that
# cannot be understood, tested or moved one without the other.
PROJECT_PACKAGES = ("states", "notices", "notifiers", "storage", "use_cases", "bootstrap", "flows", "demo",
                    "ocop_cli", "web")


def import_circles(imports: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, without
    recursion: the graph is a few hundred modules deep at most, but stay off the stack limit)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for root in sorted(imports):
        if root in index:
            continue
        work = [(root, iter(sorted(imports[root])))]
        index[root] = lowest[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = lowest[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(imports.get(target, set())))))
                elif target in on_stack:
                    lowest[module] = min(lowest[module], index[target])
                continue
            work.pop()
            if work:
                lowest[work[-1][0]] = min(lowest[work[-1][0]], lowest[module])
            if lowest[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))
    return sorted(circles)


def project_imports() -> dict[str, set[str]]:
    import grimp

    graph = grimp.build_graph(*PROJECT_PACKAGES)  # project modules only: no external packages
    # A package's __init__ importing its own submodules (states.vocabulary re-exports its parts)
    # is kept as it is: grimp adds no implicit edge back from a submodule to its package, so such
    # an edge closes a circle only when the submodule really imports the package; that is a
    # circle like any other, and none exists.
    return {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}


def test_no_import_circle_between_project_modules() -> None:
    circles = import_circles(project_imports())
    assert circles == [], "import circles: " + "; ".join(" ↔ ".join(c) for c in circles)


def test_the_check_sees_a_circle_through_three_modules() -> None:
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert import_circles(imports) == [["a", "b", "c"]]


# A folder of the domain holds one capability; past a dozen modules it holds more than one.
MAX_MODULES_PER_FOLDER = 12


def crowded_folders(root: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        if folder.relative_to(root.parent).as_posix().endswith("migrations/versions"):
            continue  # one module per schema change, in order: a history, not a capability
        modules = len(list(folder.glob("*.py")))
        if modules > MAX_MODULES_PER_FOLDER:
            counts[folder.relative_to(root.parent).as_posix()] = modules
    return counts


def test_no_folder_of_the_domain_holds_more_than_twelve_modules() -> None:
    assert crowded_folders(ROOT / "states") == {}


def test_the_check_sees_a_crowded_folder(tmp_path: Path) -> None:
    for serial in range(MAX_MODULES_PER_FOLDER + 1):
        (tmp_path / "states" / "crowded").mkdir(parents=True, exist_ok=True)
        (tmp_path / "states" / "crowded" / f"m{serial}.py").touch()
    (tmp_path / "states" / "db" / "migrations" / "versions").mkdir(parents=True)
    for serial in range(MAX_MODULES_PER_FOLDER + 1):
        (tmp_path / "states" / "db" / "migrations" / "versions" / f"v{serial}.py").touch()
    assert crowded_folders(tmp_path / "states") == {"states/crowded": MAX_MODULES_PER_FOLDER + 1}
