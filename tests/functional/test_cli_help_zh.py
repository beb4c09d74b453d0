"""`--help` in Chinese all the way down (issue 17, item 7): under zh every command's paragraph,
every group's list of commands and every option's help come from the catalog by command path;
under ``--lang en`` main.py's English is shown unchanged.

The whole command tree is walked, so a command or option added later without its Chinese fails
``test_every_command_and_option_has_its_chinese`` with the keys to add.
"""

import inspect

import click
import pytest
from click.testing import CliRunner

from main import cli
from tui.click_words import CatalogOption, display_width, short_help, wrap_wide
from tui.i18n import catalogs
from tui.i18n.cli_help_sub import ZH as SUB_ZH

CATALOG = "tui/i18n/cli_help_sub.py"


def _commands(command=cli, path=()):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _commands(command.commands[name], (*path, name))


def _options(command):
    # The common options (--db, --lang, huiwu --station) keep their own keys (help.opt.db …).
    return [p for p in command.params if isinstance(p, click.Option)]


def _own_options(command):
    return [p for p in _options(command) if not isinstance(p, CatalogOption)]


def _key(kind, path, name=None):
    return ".".join(["help", kind, *path, *([name] if name else [])])


def _chinese(key, *, short=False):
    main = catalogs()["zh"]
    if short:
        return main.get(key) or (short_help(SUB_ZH[key]) if key in SUB_ZH else None)
    return SUB_ZH.get(key) or main.get(key)


def _expected_keys():
    keys = []
    for path, command in _commands():
        if path:
            keys.append(_key("cmd", path))
        keys.extend(_key("opt", path, option.name) for option in _own_options(command))
    return keys


def _flat(text):
    return "".join(text.split())


def _help(path, *lang):
    # huiwu's own --lang, before the path: a group below huiwu has no --lang of its own.
    outcome = CliRunner().invoke(cli, [*lang, *path, "--help"], env={"HUIWU_LANG": None})
    assert outcome.exit_code == 0, (path, outcome.output)
    return outcome.output


def _english(text):
    return inspect.cleandoc(text or "").partition("\f")[0]


def test_every_command_and_option_has_its_chinese():
    keys = _expected_keys()
    assert len([k for k in keys if k.startswith("help.cmd.")]) > 70  # the walk saw the tree
    missing = [key for key in keys if _chinese(key) is None]
    assert not missing, f"add the Chinese for these keys to {CATALOG}: {missing}"


def test_no_chinese_for_a_command_or_option_that_is_gone():
    stale = sorted(set(SUB_ZH) - set(_expected_keys()))
    assert not stale, f"remove from {CATALOG} (no such command or option): {stale}"


COMMANDS = [path for path, _ in _commands() if path]


@pytest.mark.parametrize("path", COMMANDS, ids=".".join)
def test_help_is_chinese_under_zh(path):
    command = cli
    for name in path:
        command = command.commands[name]
    shown = _flat(_help(path))
    assert "用法:" in shown and "选项:" in shown
    paragraph = _chinese(_key("cmd", path))
    assert _flat(paragraph) in shown
    words = [(paragraph, _english(command.help))]
    for option in _own_options(command):
        chinese = _chinese(_key("opt", path, option.name))
        assert _flat(chinese) in shown, option.name
        words.append((chinese, option.help or ""))
    for name in getattr(command, "commands", {}):
        assert _flat(_chinese(_key("cmd", path, name), short=True)) in shown, name
    for chinese, english in words:
        if english and _flat(english) not in _flat(chinese):
            assert _flat(english) not in shown, english


@pytest.mark.parametrize("path", COMMANDS, ids=".".join)
def test_help_is_main_py_english_under_lang_en(path):
    command = cli
    for name in path:
        command = command.commands[name]
    shown = _flat(_help(path, "--lang", "en"))
    assert "Usage:" in shown and "Options:" in shown and "用法" not in shown
    for english in [_english(command.help), *(o.help or "" for o in _own_options(command))]:
        assert _flat(english) in shown, english
    for option in _own_options(command):
        chinese = _chinese(_key("opt", path, option.name))
        if _flat(chinese) not in _flat(option.help or ""):
            assert _flat(chinese) not in shown, chinese


@pytest.mark.parametrize("path", COMMANDS, ids=".".join)
def test_chinese_help_fits_the_terminal(path):
    # click counts one column a character; a Chinese character takes two.
    too_wide = [line for line in _help(path).splitlines() if display_width(line) > 80]
    assert not too_wide, too_wide


def test_chinese_wraps_between_characters_keeping_examples_and_punctuation():
    text = '分阶段加权 "理论:30,实操:70"（权重合计 100%），每个阶段都由评委组打分。'
    lines = wrap_wide(text, 20, "", "  ").splitlines()
    assert lines == [
        "分阶段加权",
        '  "理论:30,实操:70"',
        "  （权重合计",
        "  100%），每个阶段都",
        "  由评委组打分。",
    ]
    # 。 is never first on a line: the character before it goes down with it
    assert wrap_wide("一二三四五。", 10) == "一二三四\n五。"
    assert wrap_wide("一二三 HUIWU_DB）。", 10) == "一二三\nHUIWU_DB）。"
    assert wrap_wide("一二（三）、。", 12) == "一二\n（三）、。"  # （ is never last


def test_a_required_option_and_a_default_are_marked_in_chinese():
    shown = _help(("contest", "new"))
    assert "[必填]" in shown and "[默认：1]" in shown and "[required]" not in shown
    english = _help(("contest", "new"), "--lang", "en")
    assert "[required]" in english and "[default: 1]" in english


def test_huiwu_own_operator_option_is_chinese():
    assert "本台经办人（环境变量 HUIWU_OPERATOR）。" in _help(())
    assert "Who works at this desk (env HUIWU_OPERATOR)." in _help((), "--lang", "en")


def test_a_command_without_a_key_keeps_its_english(monkeypatch):
    monkeypatch.delitem(SUB_ZH, "help.cmd.proposals.list")
    monkeypatch.delitem(SUB_ZH, "help.opt.proposals.list.overdue")
    shown = _help(("proposals", "list"))
    assert "The registry in number order, filtered." in shown
    assert "Assigned and past the due date." in shown and "help." not in shown
    assert "The registry in number order, filtered." in _help(("proposals",))
