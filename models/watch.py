"""Learning cheaply whether anything was committed since the last look, by this desk or another.

A dashboard asks twice a second; a full refresh (several queries) runs only when the answer is
yes. On SQLite the token is ``PRAGMA data_version`` on a connection kept for the purpose: it
changes whenever another connection, in any process, commits. On PostgreSQL it is the audit
log's last id: every state change appends an event, and appends are serialised by the chain
head's row lock, so the id grows in commit order and a change is never missed.
"""

import threading

from models import audit
from models.db import Database


class ChangeWatch:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn = None
        self._last: int | None = None
        # The poll runs in a worker thread while the screen closes the watch from the UI
        # thread: closing a sqlite3 connection under a running statement crashes the process.
        self._lock = threading.Lock()
        self._closed = False

    def token(self) -> int | None:
        """The current change token, or None once the watch is closed."""
        if not self._db.is_sqlite:
            return None if self._closed else audit.current_version(self._db)
        with self._lock:
            if self._closed:
                return None
            if self._conn is None:
                # Held for good: data_version is per connection, a pooled one would compare
                # tokens of different connections.
                self._conn = self._db.engine.raw_connection()
            return self._conn.driver_connection.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        """True on the first call and whenever something was committed since the last."""
        token = self.token()
        if token is None:
            return False
        changed = token != self._last
        self._last = token
        return changed

    def seen(self, token: int | None) -> None:
        """A refresh read everything committed up to ``token`` (taken before its queries): the
        next look reports a change only if something was committed after that."""
        if token is not None:
            self._last = token

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()
                self._conn = None
