"""click's own words in the interface language: usage errors and the frame of ``--help``.

click asks gettext for each of its sentences through a module-level ``_`` (and ``ngettext``);
there is no translation file to install for a tool shipped as a wheel, so those names are
pointed at a lookup in tui/i18n/click.py that answers in Chinese when the language is zh and
leaves click's English untouched otherwise. The top-level help, the common options and the list
of commands come from the catalog (tui/i18n/cli_help.py).
"""

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

from tui.i18n import catalogs, get_lang, set_lang, t
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


def _catalog_help(ctx: click.Context) -> str | None:
    """A top-level command's help from the catalog under zh; English keeps the full docstring."""
    key = f"help.cmd.{ctx.info_name}"
    if get_lang() == "zh" and ctx.parent is not None and ctx.parent.parent is None:
        return t(key) if key in catalogs()["zh"] else None
    return None


class CatalogHelp:
    """Mixed into the top-level commands and groups: their help paragraph from the catalog."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        words = _catalog_help(ctx)
        if words is None:
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(words)


class CatalogCommand(CatalogHelp, click.Command):
    pass


class CatalogGroup(CatalogHelp, click.Group):
    pass


class HuiwuGroup(click.Group):
    """The ``huiwu`` group: the language is HUIWU_LANG (or zh) from the first word parsed, and
    ``--lang`` switches it as soon as it is read, so a usage error or --help speaks it."""

    command_class = CatalogCommand
    group_class = CatalogGroup

    def main(self, args=None, *rest, **kwargs):
        import sys

        set_lang(lang_in(sys.argv[1:] if args is None else args))
        return super().main(args, *rest, **kwargs)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(t("help.root"))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            key = f"help.cmd.{name}"
            known = key in catalogs()["zh"]  # a command added later keeps its own help
            rows.append((name, t(key) if known else command.get_short_help_str(limit=60)))
        if rows:
            with formatter.section(click_text("Commands")):
                formatter.write_dl(rows)


install()
