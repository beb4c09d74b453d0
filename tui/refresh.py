"""One refresh at a time: the figures are queried by one worker run, and every request that
arrives while it runs is merged into one more run after it (a fast clerk saving twenty ballots
costs two queries, not twenty, and the last one always sees the last ballot)."""


class CoalescedRefresh:
    """``start()`` launches the worker; the worker's result handler calls :meth:`done`. ``ready()``
    (optional) says whether a run may start now, e.g. the screen is still attached."""

    def __init__(self, start, ready=None) -> None:
        self._start = start
        self._ready = ready or (lambda: True)
        self.running = False
        self.stale = False

    def request(self) -> None:
        self.stale = True
        if not self.running and self._ready():
            self.running = True
            self.stale = False
            self._start()

    def done(self) -> None:
        self.running = False
        if self.stale:
            self.request()
