"""Engine, connections and migrations.

A plain path means SQLite; anything with ``://`` is handed to SQLAlchemy as a URL. Writes go
through :meth:`Database.write`, which on SQLite takes the write lock at BEGIN (``BEGIN
IMMEDIATE``) so a read-then-write inside it can never race another desk's process.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlalchemy import Connection, Engine, Table, create_engine, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from models.errors import refuse

APP_NAME = "huiwu"
SQLITE_BUSY_TIMEOUT_MS = 15_000
PG_CONNECT_S = 5  # seconds a PostgreSQL connection attempt may take


def data_dir() -> Path:
    """huiwu's own folder (the default database, backups, huiwu.log): ``HUIWU_HOME`` when set
    (the test suite and the benches point it into their temporary folders; a portable copy on a
    USB stick can too), else the platform's user data dir."""
    configured = os.environ.get("HUIWU_HOME", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "huiwu.db"


def resolve_url(db: str | os.PathLike | None) -> str:
    """Turn ``--db``/``HUIWU_DB``/the default into a SQLAlchemy URL."""
    raw = str(db) if db else os.environ.get("HUIWU_DB") or str(default_db_path())
    if "://" in raw:
        return raw
    path = Path(raw).expanduser().resolve()
    return f"sqlite:///{path.as_posix()}" if os.name != "nt" else f"sqlite:///{path}"


def _create_private_file(path: Path, make_folder: bool = True) -> None:
    """Create the SQLite file readable by its owner only (0600) before SQLite opens it.

    Only the default place gets its folder made: a folder missing from a path the user typed is
    far more often a typo than a wish, and a database quietly made there is one nobody finds."""
    from models.io.private_files import make_private_folder

    if not make_folder and not path.parent.is_dir():
        raise refuse("data.db_folder_missing", folder=str(path.parent))
    make_private_folder(path.parent)  # the data folder huiwu makes is its user's only (0700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy's begin event emit BEGIN itself (pysqlite would defer it).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # FULL, not NORMAL: in WAL mode NORMAL may roll back the last commits after a power loss
        # or an OS crash, and a ✔ shown on screen must survive the laptop dying a second later.
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        if conn.get_execution_options().get("huiwu_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class Database:
    """One engine plus the two ways in: a read transaction and a serialised write transaction."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read transaction that sees ONE moment for all its queries: what an export or a
        verification needs so its files agree. SQLite's WAL read transaction already is one;
        PostgreSQL's default (READ COMMITTED) would let each query see newer commits."""
        with self.engine.connect() as conn:
            if not self.is_sqlite:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that commits on success and rolls back on any exception."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(huiwu_write=True)
            with conn.begin():
                yield conn

    def dispose(self) -> None:
        self.engine.dispose()

    def describe(self) -> str:
        """The URL without its password, safe to show on screen."""
        return make_url(self.url).render_as_string(hide_password=True)

    def label(self) -> str:
        """Which database this is, in a few characters for a header: the SQLite file's name, or
        the PostgreSQL server and database (never the user or password)."""
        url = make_url(self.url)
        if self.is_sqlite:
            return Path(url.database).name if url.database else ":memory:"
        server = url.host or "localhost"
        if url.port:
            server = f"{server}:{url.port}"
        return f"{server}/{url.database or ''}"


# --- where SQLite and PostgreSQL differ ------------------------------------------------------------
#
# Services never ask which database they are on; these helpers do. The difference that matters is
# how two desks writing at once are kept apart: SQLite's write transaction (BEGIN IMMEDIATE, see
# Database.write) already lets one writer in at a time, PostgreSQL needs the rows locked.


def serialises_writers(conn: Connection) -> bool:
    """Whether a write transaction on ``conn`` already has the database to itself (SQLite)."""
    return conn.dialect.name == "sqlite"


def for_update(conn: Connection, query):
    """``query`` locking the rows it reads until the transaction ends, so a second desk's
    check-then-write waits for the first; unchanged where writers are serialised already."""
    return query if serialises_writers(conn) else query.with_for_update()


def lock_row(conn: Connection, table: Table, row_id: int) -> None:
    """Lock one row (by id) for the rest of the write transaction: desks changing the same
    congress, contest or item queue up here (nothing to do where writers are serialised)."""
    if not serialises_writers(conn):
        conn.execute(select(table.c.id).where(table.c.id == row_id).with_for_update())


def numbered_row(conn: Connection, table: Table, congress_id: int, ref, title: str = "title"):
    """The congress's row with the number ``ref`` (序号: an item, a contest, a meet), else the one
    with that title, spaces tidied; None when neither."""
    from models.numerals import row_number

    text = " ".join(str(ref if ref is not None else "").split())
    query = select(table).where(table.c.congress_id == congress_id)
    if (number := row_number(text)) is not None:
        row = conn.execute(query.where(table.c.number == number)).first()
        if row is not None:
            return row
    return conn.execute(query.where(table.c[title] == text)).first() if text else None


_INSERT_IGNORE: dict[tuple[str, str, str | None], object] = {}


def insert_ignore(conn: Connection, table: Table, *, returning: str | None = None):
    """INSERT … ON CONFLICT DO NOTHING in ``conn``'s dialect: the table's unique constraint
    decides, even between desks writing at once. With ``returning``, the inserted row's column
    (no row when the insert was ignored). Built once per dialect and table: a scan runs it, and
    SQLAlchemy memoizes the cache key of a statement object it has seen."""
    key = (conn.dialect.name, table.name, returning)
    statement = _INSERT_IGNORE.get(key)
    if statement is None:
        dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
        statement = dialect.insert(table).on_conflict_do_nothing()
        if returning is not None:
            statement = statement.returning(table.c[returning])
        _INSERT_IGNORE[key] = statement
    return statement


def _parse_url(url: str):
    """A malformed URL (say a port that is not a number) is the user's typing, not a crash."""
    try:
        return make_url(url)
    except ArgumentError:
        # The text would quote the URL, password and all: name only the part that is wrong.
        raise refuse("error.db_url") from None
    except ValueError:
        raise refuse("error.db_url_port") from None


def make_engine(url: str, *, make_folder: bool = True) -> Engine:
    # hide_parameters: a database error's text must never carry bound values (the badge secret
    # is one of them) to the screen, stderr or the log.
    parsed = _parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _create_private_file(Path(parsed.database), make_folder)
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            hide_parameters=True,
        )
        _install_sqlite_hooks(engine)
        return engine
    # A server gone from the network (not just stopped) would hold a desk's scan for minutes in
    # TCP's own timeout; a few seconds let the desk go on offline (models/offline/link.py).
    connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_S}
    engine = create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args=connect_args)
    event.listen(engine, "handle_error", _drop_row_details)
    return engine


ROW_DETAIL_PREFIXES = ("DETAIL:  Failing row contains", "DETAIL:  Key (")


def _drop_row_details(context) -> None:
    """PostgreSQL quotes the offending row's values in a constraint error's DETAIL line (the
    badge secret among them); hide_parameters cannot reach server text, so the line is dropped
    from the driver's error and from SQLAlchemy's copy of its text before anyone prints or logs
    either."""
    for error in (context.original_exception, context.sqlalchemy_exception):
        if error is not None and error.args and isinstance(error.args[0], str):
            error.args = (_without_row_details(error.args[0]), *error.args[1:])


def _without_row_details(text: str) -> str:
    lines = text.splitlines()
    return "\n".join(line for line in lines if not line.startswith(ROW_DETAIL_PREFIXES))


def open_database(db: str | os.PathLike | None = None, *, migrate: bool = True) -> Database:
    url = resolve_url(db)
    chosen = bool(db or os.environ.get("HUIWU_DB"))
    database = Database(url, make_engine(url, make_folder=not chosen))
    if migrate:
        from models.migrate import upgrade_if_needed

        try:
            upgrade_if_needed(database)
        except BaseException:
            database.dispose()
            raise
    return database


# SQLite's primary result codes (an extended code keeps the primary one in its low byte) and
# PostgreSQL's SQLSTATEs for the two storage problems a user can fix and should be told about.
SQLITE_READONLY = 8
SQLITE_FULL = 13
# The shared-memory index of a WAL database could not grow: on a full disk this, not
# SQLITE_FULL, is what even a read meets first (seen on a full tmpfs).
SQLITE_IOERR_SHMSIZE = 4874
PG_DISK_FULL = "53100"
PG_READ_ONLY = ("25006",)


def storage_problem(error: BaseException) -> str | None:
    """ "read_only" or "disk_full" when a database error is one of those, else None.

    Both would otherwise read as a connection that will come back if one waits, which they
    will not."""
    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        if code == SQLITE_IOERR_SHMSIZE:
            return "disk_full"
        return {SQLITE_READONLY: "read_only", SQLITE_FULL: "disk_full"}.get(code & 0xFF)
    state = getattr(original, "sqlstate", None)
    if state == PG_DISK_FULL:
        return "disk_full"
    if state in PG_READ_ONLY:
        return "read_only"
    return None
