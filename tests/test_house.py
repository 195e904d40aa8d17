"""The house rules of the code base, checked on every run so they cannot erode quietly.

- No module outside migrations is over 400 lines and no function is over 60 lines: a file that
  grows past that becomes a sub-package of its area (ARCHITECTURE.md, "Layout").
- Project modules are imported at module level. A function-level import of our own code is how
  an import cycle hides from import-linter's view of the design; the only place allowed to
  import areas late is the app's `ready()`, which wires the seams once Django has loaded.
- Every setting the code reads is declared in lms/settings.py: no `getattr(settings, …, default)`.
"""

from __future__ import annotations

import ast
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = ("accounts", "courses", "lms")

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Exceptions, each with its reason. Keep this list short; the note on issue #13 repeats it.
LONG_MODULES: dict[str, str] = {}
LONG_FUNCTIONS: dict[str, str] = {}
LATE_IMPORTS_ALLOWED = {
    "courses/apps.py": "ready() wires the seams between areas once every app is loaded",
}


def _source_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        ROOT / name
        for name in listed
        if not name.startswith("tests/") and "/migrations/" not in name and (ROOT / name).exists()
    ]


def test_house_no_module_over_400_lines():
    too_long = {}
    for path in _source_files():
        rel = str(path.relative_to(ROOT))
        lines = len(path.read_text().splitlines())
        if lines > MAX_MODULE_LINES and rel not in LONG_MODULES:
            too_long[rel] = lines
    assert too_long == {}, f"modules over {MAX_MODULE_LINES} lines: split them into a sub-package"


def test_house_no_function_over_60_lines():
    too_long = {}
    for path in _source_files():
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                key = f"{rel}::{node.name}"
                if length > MAX_FUNCTION_LINES and key not in LONG_FUNCTIONS:
                    too_long[key] = length
    assert too_long == {}, f"functions over {MAX_FUNCTION_LINES} lines"


def _late_project_imports(tree: ast.AST) -> list[str]:
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                module = node.module
            elif isinstance(node, ast.Import):
                module = node.names[0].name
            else:
                continue
            if module.split(".")[0] in PROJECT_PACKAGES:
                found.append(f"{func.name}: {module}")
    return found


def test_house_project_modules_imported_at_module_level():
    late = {}
    for path in _source_files():
        rel = str(path.relative_to(ROOT))
        if rel in LATE_IMPORTS_ALLOWED or not rel.startswith(PROJECT_PACKAGES):
            continue
        found = _late_project_imports(ast.parse(path.read_text()))
        if found:
            late[rel] = found
    assert late == {}, "function-level imports of project modules (a cycle hiding from import-linter?)"


def test_house_settings_are_declared_not_defaulted():
    offenders = []
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"getattr", "hasattr"}
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "settings"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], "declare the setting in lms/settings.py and read it as settings.X"


def test_house_checks_can_fail():
    """The checks above see what they are meant to see (so a green run means something)."""
    tree = ast.parse("def f():\n    from courses.learning import services\n")
    assert _late_project_imports(tree) == ["f: courses.learning"]
    assert _late_project_imports(ast.parse("def f():\n    import json\n")) == []
    assert any(p.name == "settings.py" for p in _source_files())


def _area_modules(area: str) -> set[str]:
    base = ROOT / "courses" / area
    return {
        f"courses.{area}.{name}"
        for name in ("views", "forms", "admin")
        if (base / f"{name}.py").exists() or (base / name / "__init__.py").exists()
    }


def test_house_import_contracts_name_every_area_module():
    """The per-area contracts in pyproject.toml list every other area's views, forms and admin, so a
    new area or a new views module cannot slip past import-linter."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    areas = sorted(
        p.name
        for p in (ROOT / "courses").iterdir()
        if (p / "__init__.py").exists() and p.name not in {"management", "migrations", "templatetags"}
    )
    by_source = {tuple(c["source_modules"]): c for c in config if c["name"].endswith("views, forms or admin")}
    for area in areas:
        contract = by_source.get((f"courses.{area}",))
        assert contract is not None, f"no contract keeps courses.{area} out of other areas' views, forms and admin"
        expected = set().union(*(_area_modules(other) for other in areas if other != area))
        assert set(contract["forbidden_modules"]) == expected, area


def _open_comments(text: str) -> list[int]:
    """Line numbers of `{#` comments that do not close on their line: Django prints those as text."""
    return [n for n, line in enumerate(text.splitlines(), 1) if "{#" in line and "#}" not in line.split("{#", 1)[1]]


def test_house_template_comments_close_on_their_line():
    assert _open_comments("a {# one line #} b\n{# two\nlines #}") == [2]
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "templates").rglob("*"))
        if path.is_file() and (lines := _open_comments(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "use {% comment %} for comments over several lines"


LAZY = {"gettext_lazy", "pgettext_lazy", "ngettext_lazy", "npgettext_lazy"}


def _lazy_formatted_at_import(source: str) -> list[int]:
    """Lines where a lazy translation is %-formatted outside any function: the % runs at import,
    in the default language, and the text never follows the reader's."""
    tree = ast.parse(source)
    lazy_names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in LAZY
    }
    found: list[int] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Call)
            and isinstance(node.left.func, ast.Name)
            and node.left.func.id in lazy_names
        ):
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_house_no_lazy_translation_is_formatted_at_import():
    sample = "from django.utils.translation import gettext_lazy as _\nX = _('%(n)s') % {'n': 1}\n"
    assert _lazy_formatted_at_import(sample) == [2]
    assert (
        _lazy_formatted_at_import(
            "from django.utils.translation import gettext_lazy as _\ndef f():\n    return _('%(n)s') % {}\n"
        )
        == []
    )
    found = {
        str(path.relative_to(ROOT)): lines
        for folder in ("courses", "lms", "accounts")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts and (lines := _lazy_formatted_at_import(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "format it where it is used (per request), or use django.utils.text.format_lazy"
