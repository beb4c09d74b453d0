"""The layers' import rules (docs/architecture.md), read from the source with ``ast``:

* models/ never imports textual, tui, screens or cli — the domain core runs without a UI;
* the tui kit never imports screens (only the Apps, which open the screens, may);
* screens/ and tui/ never import SQLAlchemy or SQLModel, anywhere in the module — a screen calls a
  service in models/ and gets plain objects back;
* the CLI's area modules (cli/*.py) reach textual only inside functions, directly or through a
  module they import at the top — ``huiwu checkin`` must not pay for the TUI's start-up.

A failure names file:line. ``KNOWN_EXCEPTIONS`` holds what is still wrong today.
"""

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Being removed in issue 19: each entry is "rule: path" and the lead empties this set after the
# merge. An entry that no longer breaks its rule fails the last test, so the set only shrinks.
KNOWN_EXCEPTIONS: set[str] = set()

# The Apps themselves open the screens; every other tui/ module is the kit screens build on.
APPS = {"tui/app.py", "tui/display_app.py"}
SQL = ("sqlalchemy", "sqlmodel")
UI = ("textual", "tui", "screens", "cli")


def _under(name: str, roots: tuple[str, ...]) -> bool:
    return any(name == root or name.startswith(root + ".") for root in roots)


def _sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.AST, package: str) -> list[str]:
    """The modules one import statement loads (a relative import resolved against ``package``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parent = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parent, base] if base else parent)
        # "from models import audit" loads models.audit: count both names
        return [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return []


def _every_import(path: Path) -> list[tuple[int, str]]:
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, name) for node in ast.walk(tree) for name in _imported(node, package)]


def _import_time_imports(path: Path) -> list[tuple[int, str]]:
    """Imports that run when the module is imported: outside every function body."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            found.extend((child.lineno, name) for name in _imported(child, package))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _file_of(module: str) -> Path | None:
    """Our own source file for a dotted name, or None (a library, or a name inside a module)."""
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _with_parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


@cache
def _textual_chain(path: Path) -> tuple[str, ...] | None:
    """How importing ``path`` loads textual at import time: the chain of modules, or None."""
    _visiting.add(path)
    try:
        for _line, name in _import_time_imports(path):
            chain = _chain_through(name)
            if chain is not None:
                return chain
        return None
    finally:
        _visiting.discard(path)


_visiting: set[Path] = set()


def _chain_through(name: str) -> tuple[str, ...] | None:
    if _under(name, ("textual",)):
        return (name,)
    for module in _with_parents(name):
        target = _file_of(module)
        if target is None or target in _visiting:
            continue
        rest = _textual_chain(target)
        if rest is not None:
            return (module, *rest)
    return None


def _broken(rule: str, offenders: list[str]) -> list[str]:
    return [o for o in offenders if f"{rule}: {o.split(':')[0]}" not in KNOWN_EXCEPTIONS]


def _one_per_line(offenders: list[str]) -> list[str]:
    """``from tui import widgets`` matches as tui and tui.widgets: report the line once."""
    seen: dict[str, str] = {}
    for offender in offenders:
        seen.setdefault(offender.rsplit(": ", 1)[0], offender)
    return list(seen.values())


def models_offenders() -> list[str]:
    return _one_per_line(
        [
            f"{_rel(path)}:{line}: {name}"
            for path in _sources("models")
            for line, name in _every_import(path)
            if _under(name, UI)
        ]
    )


def kit_offenders() -> list[str]:
    return _one_per_line(
        [
            f"{_rel(path)}:{line}: {name}"
            for path in _sources("tui")
            if _rel(path) not in APPS
            for line, name in _every_import(path)
            if _under(name, ("screens",))
        ]
    )


def sql_offenders() -> list[str]:
    return _one_per_line(
        [
            f"{_rel(path)}:{line}: {name}"
            for folder in ("screens", "tui")
            for path in _sources(folder)
            for line, name in _every_import(path)
            if _under(name, SQL)
        ]
    )


def cli_offenders() -> list[str]:
    offenders = []
    for path in sorted((ROOT / "cli").glob("*.py")):
        for line, name in _import_time_imports(path):
            chain = _chain_through(name)
            if chain is not None:
                offenders.append(f"{_rel(path)}:{line}: {' → '.join(chain)}")
    return _one_per_line(offenders)


def test_models_never_import_the_ui_or_the_cli():
    assert _broken("no-ui", models_offenders()) == []


def test_the_tui_kit_never_imports_screens():
    assert _broken("no-screens", kit_offenders()) == []


def test_screens_and_tui_never_import_sqlalchemy():
    assert _broken("no-sqlalchemy", sql_offenders()) == []


@pytest.mark.skipif(not (ROOT / "cli").is_dir(), reason="the cli/ package does not exist yet")
def test_cli_area_modules_import_textual_only_inside_functions():
    assert _broken("lazy-textual", cli_offenders()) == []


def test_the_chain_finder_sees_textual_through_our_own_modules():
    # the check above is only as good as this: tui/app.py loads textual at import time
    chain = _chain_through("tui.app")
    assert chain[0] == "tui.app" and _under(chain[-1], ("textual",)), chain
    assert _chain_through("models.rules.thresholds") is None


def test_known_exceptions_still_break_their_rule():
    found = {
        "no-ui": models_offenders(),
        "no-screens": kit_offenders(),
        "no-sqlalchemy": sql_offenders(),
        "lazy-textual": cli_offenders() if (ROOT / "cli").is_dir() else [],
    }
    current = {f"{rule}: {o.split(':')[0]}" for rule, items in found.items() for o in items}
    assert KNOWN_EXCEPTIONS - current == set(), "fixed: remove these from KNOWN_EXCEPTIONS"
