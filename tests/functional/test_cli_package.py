"""The command line as a package by area (issue 19, item 1): main.py builds the root group from
the areas' COMMANDS, no area imports main (no circle through the entry), each area stays short,
and ``huiwu_command`` gives a command exactly what the four decorators it replaced gave."""

import ast
import importlib
from pathlib import Path

import click
from click.testing import CliRunner

from cli.base import huiwu_command
from main import AREAS, cli

ROOT = Path(__file__).resolve().parents[2]
AREA_FILES = sorted(p for p in (ROOT / "cli").glob("*.py") if p.name != "__init__.py")


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_root_group_is_exactly_the_areas_commands():
    added = [command.name for area in AREAS for command in area.COMMANDS]
    assert len(added) == len(set(added))  # no area adds a name another one has
    assert sorted(added) == sorted(cli.commands)


def test_every_area_module_is_added_by_main():
    modules = {importlib.import_module(f"cli.{p.stem}") for p in AREA_FILES}
    with_commands = {m for m in modules if hasattr(m, "COMMANDS")}
    assert with_commands == set(AREAS)


def test_no_area_module_imports_main():
    offenders = [p.name for p in AREA_FILES if "main" in _imported_modules(p)]
    assert offenders == []


def test_no_area_module_is_over_400_lines():
    long = {p.name: n for p in AREA_FILES if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}


def _probe(group: click.Group, **settings):
    @huiwu_command("probe", group=group, **settings)
    @click.argument("ref")
    @click.option("--reason", default="")
    def probe(ref: str, reason: str, **flags) -> None:
        click.echo(f"{ref}|{reason}|{sorted(flags.items())}")

    return probe


def test_huiwu_command_puts_lang_and_db_first_and_json_last():
    group = click.Group("g")
    probe = _probe(group, json=True)
    assert group.commands["probe"] is probe
    names = [p.name for p in probe.params]
    assert names == ["lang_opt", "db_opt", "ref", "reason", "as_json"]
    assert [p.name for p in _probe(click.Group("h")).params] == [
        "lang_opt",
        "db_opt",
        "ref",
        "reason",
    ]


def test_huiwu_command_guards_the_command_like_any_other():
    from models.errors import refuse

    group = click.Group("g")

    @huiwu_command("no", group=group, json=True)
    def no(as_json: bool) -> None:
        raise refuse("error.internal", detail="x", log="y")

    outcome = CliRunner().invoke(group, ["no", "--json", "--lang", "en"])
    assert outcome.exit_code == 1
    assert '"error": "error.internal"' in outcome.stdout
