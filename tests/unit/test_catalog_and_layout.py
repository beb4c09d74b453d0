import ast
import re
from pathlib import Path

from tui.i18n import AREAS, catalogs

ROOT = Path(__file__).resolve().parents[2]


def test_every_key_exists_in_both_languages():
    tables = catalogs()
    missing_en = sorted(set(tables["zh"]) - set(tables["en"]))
    missing_zh = sorted(set(tables["en"]) - set(tables["zh"]))
    assert not missing_en, f"missing in English: {missing_en}"
    assert not missing_zh, f"missing in Chinese: {missing_zh}"


def test_each_area_module_has_matching_keys_and_placeholders():
    from importlib import import_module

    for area in AREAS:
        module = import_module(f"tui.i18n.{area}")
        assert set(module.ZH) == set(module.EN), area
        for key in module.ZH:
            zh = set(re.findall(r"{(\w+)}", module.ZH[key]))
            en = set(re.findall(r"{(\w+)}", module.EN[key]))
            assert zh == en, f"{key}: placeholders differ {zh} vs {en}"


def _string_keys_used() -> set[str]:
    """Keys passed to t(...), refuse(...) or Refusal(...) as literals anywhere in the code."""
    used: set[str] = set()
    for folder in ("models", "tui", "screens", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= _keys_in(path)
    return used | _keys_in(ROOT / "main.py")


def _keys_in(path: Path) -> set[str]:
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            first = node.args[0]
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if name in {"t", "refuse", "Refusal"} and literal and "." in first.value:
                keys.add(first.value)
    return keys


def test_every_literal_key_used_in_the_code_is_in_the_catalog():
    known = set(catalogs()["zh"])
    unknown = sorted(key for key in _string_keys_used() if key not in known)
    assert not unknown, f"keys used but not in the catalog: {unknown}"


def test_models_never_import_textual():
    offenders = []
    for path in (ROOT / "models").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n == "textual" or n.startswith(("textual.", "tui", "screens")) for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders


def test_model_files_do_not_use_postponed_annotations():
    for path in (ROOT / "models").rglob("*.py"):
        assert "from __future__ import annotations" not in path.read_text(encoding="utf-8"), path
