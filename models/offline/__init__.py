"""Desks that keep checking in when the server is gone (issue 21, part 3): a copy of what a scan
needs and a journal of scans on each desk (mirror, desk), uploaded exactly once when the server
is back (upload), and the link the check-in screen scans through (link)."""

from models.offline.records import T_OFFLINE, OfflineScan

__all__ = ["T_OFFLINE", "OfflineScan"]
