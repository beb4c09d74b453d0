"""The check-in desk's line to the server (issue 21, part 3): scans go to the server while it
answers; the moment it does not, they go to the desk's own copy and journal, and every later scan
too, without waiting for the server again, until :meth:`DeskLink.reconnect` finds it back and the
journal is uploaded. A SQLite desk is its own server: it has no link to lose.

The screen calls ``scan`` on its thread (a journaled scan costs a few milliseconds) and
``reconnect``/``refresh`` from workers; the state they share is two flags and a lock."""

import threading
from pathlib import Path

from models.attendance import check_in, check_out
from models.attendance.records import CheckinResult
from models.offline.desk import ENTRY, EXIT, apply_to_copy, offline_scan
from models.offline.mirror import MirrorProblem, connect, mirror_path, pending_count, refresh_mirror
from models.offline.upload import UploadReport, upload_journal


def is_unreachable(error: BaseException) -> bool:
    """The server did not answer: connection refused or lost (SQLAlchemy's OperationalError or
    InterfaceError), not a refusal or a bug."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)


class DeskLink:
    def __init__(self, db, station: str, path: Path | None = None) -> None:
        self.db = db
        self.station = station
        self.enabled = not db.is_sqlite
        self.path = path or mirror_path(db.url, station)
        self.offline = False
        self._lock = threading.Lock()  # one journal writer or uploader at a time

    def scan(
        self, raw: str, kind: str = ENTRY, *, operator: str = "", method: str | None = None
    ) -> CheckinResult:
        """One scan, online when the server answers, else on the desk's copy (journaled)."""
        if not self.offline:
            online = check_out if kind == EXIT else check_in
            try:
                result = online(
                    self.db, raw, station=self.station, operator=operator, method=method
                )
            except Exception as error:
                if not (self.enabled and is_unreachable(error) and self._has_copy()):
                    raise
                self.offline = True
            else:
                self._note(kind, result)
                return result
        with self._lock:
            return offline_scan(
                self.path, raw, kind, station=self.station, operator=operator, method=method
            )

    def pending(self) -> int:
        if not self.enabled:
            return 0
        return pending_count(self.path)

    def reconnect(self) -> UploadReport | None:
        """Upload the journal if the server answers; back online once it is empty. None while
        the server is still out of reach."""
        if not self.enabled:
            return None
        try:
            with self._lock:
                report = upload_journal(self.db, self.path)
                report.left = pending_count(self.path)
        except Exception as error:
            if is_unreachable(error):
                return None
            raise
        if report.left == 0:
            self.offline = False
            self.refresh()
        return report

    def refresh(self) -> bool:
        """Bring the desk's copy up to date while online (False when the server is gone)."""
        if not self.enabled or self.offline:
            return False
        try:
            with self._lock:
                refresh_mirror(self.db, self.path)
        except Exception as error:
            if is_unreachable(error):
                return False
            raise
        return True

    def _has_copy(self) -> bool:
        return self.path.exists()

    def _note(self, kind: str, result: CheckinResult) -> None:
        """An online scan's effect on the copy at once: a person this desk just checked in is
        known as checked in if the server drops a second later."""
        if not self.enabled or not self._has_copy() or result.code is None:
            return
        if result.status in ("ok", "exited", "reentered"):
            try:
                with self._lock, connect(self.path) as local:
                    apply_to_copy(
                        local, kind, result.code, result.at or "", self.station, result.status
                    )
            except MirrorProblem:
                pass  # the copy is refreshed from the server next; the scan itself is stored
