"""The widget kit's two mechanisms that screens share (tui/refresh.py, tui/save_queue.py) and the
SQLAlchemy error words of tui/texts.py, without a screen around them."""

from sqlalchemy.exc import DBAPIError, OperationalError

from models.errors import Refusal
from tui.refresh import CoalescedRefresh
from tui.save_queue import SaveQueue
from tui.texts import is_operational_error


def test_requests_during_a_refresh_merge_into_one_more_run():
    runs = []
    refresh = CoalescedRefresh(lambda: runs.append(len(runs) + 1))
    refresh.request()
    for _ in range(20):  # twenty ballots saved while the first query runs
        refresh.request()
    assert runs == [1]
    refresh.done()
    assert runs == [1, 2]
    refresh.done()  # nothing asked meanwhile: no third run
    assert runs == [1, 2] and not refresh.running


def test_a_request_after_the_run_ended_starts_one_at_once():
    runs = []
    refresh = CoalescedRefresh(lambda: runs.append(1))
    refresh.request()
    refresh.done()
    refresh.request()
    assert runs == [1, 1] and refresh.running


class Node:
    def __init__(self):
        self.posted = []

    def post_message(self, message):
        self.posted.append(message)


def test_the_queue_stores_in_order_and_stops_at_the_first_refusal():
    starts, stored = [], []
    queue = SaveQueue(lambda: starts.append(1))
    for op in ("a", "b", "c", "d"):
        queue.put((op,))
    assert starts == [1] and queue.busy  # one worker for the whole burst

    def store(op):
        if op == ("c",):
            raise Refusal("voting.count_closed", number=1)
        stored.append(op)

    node = Node()
    queue.drain(node, store, lambda op, text: ("failed", op), lambda: "drained")
    assert stored == [("a",), ("b",)]
    assert node.posted == [("failed", ("c",)), "drained"]
    assert list(queue.ops) == [("d",)]  # left for the owner to drop (it says from which on)


def test_an_unexpected_error_stops_the_queue_too():
    queue = SaveQueue(lambda: None)
    queue.put(("a",))
    queue.put(("b",))

    def store(op):
        raise OperationalError("insert", {}, Exception("database is locked"))

    node = Node()
    queue.drain(node, store, lambda op, text: ("failed", op, text), lambda: "drained")
    assert node.posted[0][:2] == ("failed", ("a",)) and node.posted[-1] == "drained"
    assert "database is locked" in node.posted[0][2]


def test_waiters_run_once_the_queue_is_drained_and_a_late_op_starts_it_again():
    starts, ran = [], []
    queue = SaveQueue(lambda: starts.append(1))
    queue.when_saved(lambda: ran.append("idle"))  # nothing queued: at once
    queue.put(("a",))
    queue.when_saved(lambda: ran.append("after"))
    assert ran == ["idle"]
    queue.ops.clear()  # the worker took the op
    queue.put(("b",))  # keyed while the worker was finishing: no second worker yet
    assert starts == [1]
    queue.drained()
    assert starts == [1, 1] and ran == ["idle"]  # started again, the waiter still waits
    queue.ops.clear()
    queue.drained()
    assert ran == ["idle", "after"] and not queue.busy


def test_operational_errors_are_known_without_importing_sqlalchemy_in_tui():
    lost = OperationalError("select", {}, Exception("server closed the connection"))
    assert is_operational_error(lost)
    assert not is_operational_error(DBAPIError("select", {}, Exception("other")))
    assert not is_operational_error(ValueError("OperationalError"))
