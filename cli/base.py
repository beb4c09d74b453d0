"""What every ``huiwu`` command shares: ``--db``/``--lang``, the error guard, JSON output, the
database, the desk's name, and ``huiwu_command`` that puts them on a command in one line.

Contract (shared/DESIGN.md): every command takes ``--db`` and ``--lang``; exit 0 = done,
1 = refused (reason on stderr, nothing changed), 2 = usage; ``--json`` prints exactly one JSON
document on stdout. No traceback ever reaches the user: unexpected errors are logged to a file
in the user data dir and reported in one line.
"""

import json
import os
import platform
import sys
import traceback
from functools import wraps
from pathlib import Path

import click

from tui.click_words import CatalogOption
from tui.i18n import set_lang, t

EXIT_REFUSED = 1


def _remember(key: str):
    def callback(ctx: click.Context, _param, value):
        if value is not None:
            ctx.find_root().meta[key] = value
        return value

    return callback


def _remember_lang(ctx: click.Context, param, value):
    """Also switched at once: click's own words (a usage error, --help) follow --lang."""
    if value is not None:
        set_lang(value)
    return _remember("huiwu.lang")(ctx, param, value)


def common_options(fn):
    """``--db`` and ``--lang`` on the group and on every subcommand (the later one wins)."""
    fn = click.option(
        "--db",
        "db_opt",
        metavar="URL_OR_PATH",
        expose_value=False,
        is_eager=True,
        callback=_remember("huiwu.db"),
        cls=CatalogOption,
        help_key="help.opt.db",
    )(fn)
    fn = click.option(
        "--lang",
        "lang_opt",
        cls=CatalogOption,
        help_key="help.opt.lang",
        type=click.Choice(["zh", "en"]),
        expose_value=False,
        is_eager=True,
        callback=_remember_lang,
    )(fn)
    return fn


def setting(key: str):
    return click.get_current_context().find_root().meta.get(key)


def open_db():
    from models.db import open_database

    db = open_database(setting("huiwu.db"))
    context = click.get_current_context(silent=True)
    if context is not None:
        # Closing the last connection folds SQLite's -wal file into the database file, so a
        # copy of the file alone (to a USB stick, to another laptop) holds all this command wrote.
        context.call_on_close(db.dispose)
    return db


def default_station() -> str:
    """--station or HUIWU_STATION (tidied; a too long name is refused), else the computer's name."""
    from models.stations import STATION_MAX_CHARS, station_name

    given = os.environ.get("HUIWU_STATION")
    if given and given.strip():
        return station_name(given)
    return (platform.node() or "desk")[:STATION_MAX_CHARS]


def default_operator() -> str:
    """--operator or HUIWU_OPERATOR (tidied; a too long name is refused), else "cli"."""
    from models.stations import station_name

    return station_name(os.environ.get("HUIWU_OPERATOR") or "") or "cli"


def log_path() -> Path:
    from models.db import default_db_path

    return default_db_path().parent / "huiwu.log"


def _log_internal_error() -> Path:
    from models.io.private_files import make_private_folder

    path = log_path()
    try:
        make_private_folder(path.parent)
        # the trace may quote names and codes: the log is its user's only (0600), like the data
        fd = os.open(path, os.O_APPEND | os.O_CREAT | os.O_WRONLY, 0o600)
        with open(fd, "a", encoding="utf-8") as log:
            log.write(traceback.format_exc())
    except OSError:
        pass
    return path


def guarded(fn):
    """Refusals become a translated message and exit 1; anything unexpected never shows a traceback."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        from models.errors import Refusal
        from tui.i18n import refusal_text

        set_lang(setting("huiwu.lang"))
        as_json = bool(kwargs.get("as_json"))
        try:
            result = fn(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
            return result
        except Refusal as refusal:
            refused(refusal.key, refusal_text(refusal), as_json)
        except BrokenPipeError:
            _stop_writing_stdout()
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:  # the last line of defence: log it, say it in one line
            refused(*_failure_words(error), as_json)

    return wrapper


def _failure_words(error: Exception) -> tuple[str, str]:
    """The catalog key and the one line for an error no rule foresaw."""
    from models.db import storage_problem
    from tui.texts import error_line

    problem = storage_problem(error)
    if problem is not None:  # said as it is: waiting for the server would not fix it
        return f"data.db_{problem}", t(f"data.db_{problem}")
    if _is_database_error(error):
        return "error.database", t("error.database", detail=error_line(error))
    path = _log_internal_error()
    return "error.internal", t("error.internal", detail=error_line(error), log=path)


def refused(key: str, message: str, as_json: bool) -> None:
    """Exit 1 with the reason on stderr; a --json caller also gets it as the one JSON document
    on stdout, so a script reading stdout is never left with nothing to parse."""
    click.echo(message, err=True)
    if as_json:
        emit_json({"error": key, "message": message})
    sys.exit(EXIT_REFUSED)


def _stop_writing_stdout() -> None:
    """The reader went away (``huiwu … | head``): end quietly, as the command-line tools do.
    Stdout now points at /dev/null so Python's own flush at exit finds no pipe to complain of."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (a test runner's buffer)
        pass
    finally:
        os.close(devnull)
    sys.exit(0)


def _is_database_error(error: Exception) -> bool:
    from sqlalchemy.exc import ArgumentError, OperationalError

    return isinstance(error, OperationalError | ArgumentError)


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def entry_option(fn):
    return click.option(
        "--entry",
        type=click.Choice(["1", "2"]),
        default="1",
        show_default=True,
        help="1 = the first clerk, 2 = the blind second entry.",
    )(fn)


def station_kwargs() -> dict:
    return {"operator": default_operator(), "station": default_station()}


def split_list(text: str | None) -> list[str]:
    """ "甲,乙、丙" → [甲, 乙, 丙] (models/contest_scheme.py, shared with the TUI)."""
    from models.contest_scheme import split_list

    return split_list(text)


def huiwu_command(name: str | None = None, *, group: click.Group | None = None, json=False, **kw):
    """A command with what every command has: ``--db``/``--lang`` (listed first, as the root's),
    the error guard, and with ``json`` a ``--json`` flag (listed last, after the command's own)."""

    def decorate(fn):
        fn = guarded(fn)
        if json:  # click lists options in reverse order of decoration: first in, last shown
            params = fn.__dict__.setdefault("__click_params__", [])
            params.insert(0, click.Option(["--json", "as_json"], is_flag=True))
        fn = common_options(fn)
        make = click.command if group is None else group.command
        return make(name, **kw)(fn)

    return decorate
