"""Alembic, applied automatically when a database is opened.

Start-up checks the stored revision against the newest script first and only loads Alembic's
machinery when they differ, so opening an up-to-date database costs one small query.
"""

from pathlib import Path

from sqlalchemy import text

from models.db import Database

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0006"


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


def upgrade_if_needed(db: Database) -> None:
    if _stored_revision(db) == HEAD:
        return
    from alembic import command

    config = alembic_config()
    with db.engine.connect() as conn:
        conn = conn.execution_options(huiwu_write=True)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.commit()
