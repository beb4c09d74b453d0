"""Alembic, applied automatically when a database is opened.

Start-up checks the stored revision against the newest script first and only loads Alembic's
machinery when they differ, so opening an up-to-date database costs one small query.
"""

from pathlib import Path

from sqlalchemy import text

from models.db import Database
from models.errors import refuse

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0013"


def _stored_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:
            return None


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    """The revisions this code ships (each script's file name starts with its revision)."""
    return {path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("*.py")}


def upgrade_if_needed(db: Database) -> None:
    stored = _stored_revision(db)
    if stored == HEAD:
        return
    if stored is not None and stored not in known_revisions():
        # A newer huiwu wrote it: migrating "up" from an unknown revision cannot work, and
        # writing with the older rules could corrupt what the newer version keeps.
        raise refuse("data.db_newer", version=stored, known=HEAD)
    from alembic import command

    config = alembic_config()
    with db.engine.connect() as conn:
        conn = conn.execution_options(huiwu_write=True)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.commit()
