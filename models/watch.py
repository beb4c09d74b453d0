"""Learning cheaply whether anything was committed since the last look, by this desk or another.

A dashboard asks twice a second; a full refresh (several queries) runs only when the answer is
yes. On SQLite the token is ``PRAGMA data_version`` on a connection kept for the purpose: it
changes whenever another connection, in any process, commits. On PostgreSQL it is the audit
log's last id: every state change appends an event, and appends are serialised by the chain
head's row lock, so the id grows in commit order and a change is never missed.
"""

from models import audit
from models.db import Database


class ChangeWatch:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn = None
        self._last: int | None = None

    def token(self) -> int:
        if not self._db.is_sqlite:
            return audit.current_version(self._db)
        if self._conn is None:
            # Held for good: data_version is per connection, a pooled one would compare
            # tokens of different connections.
            self._conn = self._db.engine.raw_connection()
        return self._conn.driver_connection.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        """True on the first call and whenever something was committed since the last."""
        token = self.token()
        changed = token != self._last
        self._last = token
        return changed

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
