"""click's own words in the interface language: usage errors and the frame of ``--help``.

click asks gettext for each of its sentences through a module-level ``_`` (and ``ngettext``);
there is no translation file to install for a tool shipped as a wheel, so those names are
pointed at a lookup in tui/i18n/click.py that answers in Chinese when the language is zh and
leaves click's English untouched otherwise. Under zh every command's paragraph, every group's
list of commands and every option's help come from the catalog by the command path
(tui/i18n/cli_help.py for huiwu itself and its commands' one-liners, tui/i18n/cli_help_sub.py
for the rest); what has no key keeps main.py's English, which is also what --lang en shows.
"""

import re
import unicodedata

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

from tui.i18n import catalogs, get_lang, set_lang, t
from tui.i18n.cli_help_sub import ZH as SUB_ZH
from tui.i18n.click import ZH

CLICK_MODULES = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.types,
)


def click_text(message: str) -> str:
    return ZH.get(message, message) if get_lang() == "zh" else message


def click_plural(singular: str, plural: str, count: int) -> str:
    return click_text(singular if count == 1 else plural)


HELP_OPTION_TEXT = "Show this message and exit."


def install() -> None:
    for module in CLICK_MODULES:
        module._ = click_text
        if hasattr(module, "ngettext"):
            module.ngettext = click_plural
    # click builds each command's --help option once and keeps it, words and all: its help is
    # said again in the language of the moment whenever the option is asked for.
    built = click.Command.get_help_option
    if getattr(built, "huiwu_words", False):
        return

    def get_help_option(self, ctx):
        option = built(self, ctx)
        if option is not None:
            option.help = click_text(HELP_OPTION_TEXT)
        return option

    get_help_option.huiwu_words = True
    click.Command.get_help_option = get_help_option


def lang_in(args) -> str | None:
    """The value of ``--lang`` wherever it stands, so ``--help --lang en`` is English too."""
    args = list(args)
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


class CatalogOption(click.Option):
    """An option whose help is a catalog key, read when the help is shown (after --lang)."""

    def __init__(self, *args, help_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_key = help_key

    def get_help_record(self, ctx: click.Context):
        self.help = t(self.help_key)
        return super().get_help_record(ctx)


def _is_huiwu(ctx: click.Context) -> bool:
    # The patches below are process-wide; another click tool in the same process keeps its words.
    return isinstance(ctx.find_root().command, HuiwuGroup)


def _path(ctx: click.Context) -> str:
    """The command path below ``huiwu`` joined with dots: ``contest.new``; "" for huiwu itself."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return ".".join(reversed(names))


def _key(kind: str, *parts: str) -> str:
    return ".".join(["help", kind, *(part for part in parts if part)])


def catalog_help(key: str, *, short: bool = False) -> str | None:
    """A command's or option's help in the active language, or None to keep click's English.

    Chinese comes from the subcommand catalog (tui/i18n/cli_help_sub.py), which has the full
    paragraphs, and from the main catalog, which has the top-level commands' one-liners: a list
    of commands (``short``) prefers the one-liner, a command's own --help the paragraph. English
    has only the main catalog's top-level one-liners."""
    if get_lang() != "zh":
        return catalogs()["en"].get(key)
    tables = (catalogs()["zh"], SUB_ZH) if short else (SUB_ZH, catalogs()["zh"])
    return tables[0].get(key) or tables[1].get(key)


def short_help(words: str) -> str:
    """The first sentence, for a group's list of commands (click's own cut knows no 。)."""
    head, stop, rest = words.partition("。")
    return head + stop if rest.strip() else words


def _install_help_words() -> None:
    """Every command's paragraph, every group's list and every option's help from the catalog
    under zh, found by the command path, so a new command or option needs no decorator."""
    if getattr(click.Command.format_help_text, "huiwu_words", False):
        return
    help_text = click.Command.format_help_text
    commands = click.Group.format_commands
    option_help = click.Option.get_help_record

    def format_help_text(self, ctx, formatter):
        words = None
        if get_lang() == "zh" and _is_huiwu(ctx):
            words = catalog_help(_key("cmd", _path(ctx)))
        if words is None:
            help_text(self, ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(words)

    def format_commands(self, ctx, formatter):
        if not _is_huiwu(ctx):
            commands(self, ctx, formatter)
            return
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            words = catalog_help(_key("cmd", _path(ctx), name), short=True)
            rows.append((name, short_help(words) if words else command.get_short_help_str(60)))
        if rows:
            with formatter.section(click_text("Commands")):
                formatter.write_dl(rows)

    def get_help_record(self, ctx):
        if isinstance(self, CatalogOption) or not _is_huiwu(ctx):
            return option_help(self, ctx)
        words = catalog_help(_key("opt", _path(ctx), self.name))
        if words is None:
            return option_help(self, ctx)
        english, self.help = self.help, words
        try:
            return option_help(self, ctx)
        finally:
            self.help = english

    format_help_text.huiwu_words = True
    click.Command.format_help_text = format_help_text
    click.Group.format_commands = format_commands
    click.Option.get_help_record = get_help_record


# A Chinese character is two columns wide and a line of them has no space to break at, so
# click's wrapping (one column a character, breaks at spaces) runs Chinese help past the edge.
WIDE = "WF"
# Closing punctuation is never first on a line, opening punctuation never last.
NO_LINE_START = "，。；：、）」』》？！…,.;:)]"
NO_LINE_END = "（「『《(["
# A quoted example ("理论:30,实操:70") or a run of ASCII stays whole; any other character may
# end a line.
TOKENS = re.compile(r'"[^"\s]{1,30}"|[!-~]+|\s+|.')
# The word or character a run of closing marks ends the line with, and its opening marks.
_CLOSING, _OPENING = re.escape(NO_LINE_START), re.escape(NO_LINE_END)
LAST_WORD = re.compile(f"[{_OPENING}]*(?:[!-~]+|[^\\s{_CLOSING}])[{_CLOSING}]*$")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in WIDE else 1 for char in text)


def _has_wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(char) in WIDE for char in text)


def wrap_wide(text: str, width: int, first: str = "", rest: str = "") -> str:
    """One paragraph wrapped by display width, breaking between Chinese characters."""
    lines, line = [], first
    for token in TOKENS.findall(re.sub(r"\s*\n\s*", " ", text.strip())):
        bare = not line.strip()
        if token.isspace() and bare:
            continue
        if bare or display_width(line) + display_width(token) <= width:
            line += token
            continue
        carried = _carried(line, token)
        if carried is None:  # nothing to take along: the punctuation hangs past the edge
            line += token
            continue
        lines.append(line[: len(line) - len(carried)].rstrip())
        line = rest + carried + ("" if token.isspace() else token)
    lines.append(line.rstrip())
    return "\n".join(lines)


def _carried(line: str, token: str) -> str | None:
    """What of the line goes down with ``token``: an opening bracket left last, or the word or
    character (with its closing marks) a closing mark follows; None when that is the whole line."""
    if token not in NO_LINE_START:
        last = line[-1]
        return last if last in NO_LINE_END and line[:-1].strip() else ""
    tail = LAST_WORD.search(line)
    return tail.group(0) if tail and line[: tail.start()].strip() else None


def _install_wide_wrapping() -> None:
    wrap_text = click.formatting.wrap_text
    if getattr(wrap_text, "huiwu_words", False):
        return

    def wrap(text, width=78, initial_indent="", subsequent_indent="", preserve_paragraphs=False):
        if get_lang() != "zh" or not _has_wide(text) or "\b" in text:
            return wrap_text(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        return "\n\n".join(
            wrap_wide(p, width, initial_indent, subsequent_indent) for p in paragraphs
        )

    wrap.huiwu_words = True
    click.formatting.wrap_text = wrap


class HuiwuGroup(click.Group):
    """The ``huiwu`` group: the language is HUIWU_LANG (or zh) from the first word parsed, and
    ``--lang`` switches it as soon as it is read, so a usage error or --help speaks it."""

    def main(self, args=None, *rest, **kwargs):
        import sys

        set_lang(lang_in(sys.argv[1:] if args is None else args))
        return super().main(args, *rest, **kwargs)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(t("help.root"))


install()
_install_help_words()
_install_wide_wrapping()
