"""Badge secret rotation: every badge printed before is revoked (not forged), new ones check in,
the log and the archive never carry a secret — on SQLite and on PostgreSQL.

Real parts throughout: migrated databases, the check-in service, the printed PDF rendered with
PDFium and its QR codes read back with zxing-cpp.
"""

import json
import secrets
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from models import archive as arc
from models import badge_code
from models.attendance import T_CHECKIN, T_FAILED, check_in
from models.audit import T_EVENT
from models.badge_keys import EVENT, Rotation, badge_holders, rotate_badge_secret
from models.congress import T_CONGRESS, T_RETIRED_SECRET, require_congress
from models.errors import Refusal
from models.io.badges import write_badges
from models.verify import verify_archive, verify_database
from tests.helpers import add_people, badge, delegates, event_count, row_count
from tests.unit.test_badges import decode, render_pages

AS_OF = date(2026, 11, 21)


@pytest.fixture
def hall(congress_db):
    """The congress fixture with three voting delegates D0001–D0003 and one guest G0001."""
    add_people(congress_db, [*delegates(3), ("G0001", "来宾", None, "guest")])
    return congress_db


def rotate(db) -> Rotation:
    return rotate_badge_secret(db, operator="测试员", station="1号台")


def scan(db, text: str):
    result = check_in(db, text, station="1号台", method="scan")
    return result.status, result.reason


def all_secrets(db) -> list[str]:
    """Every badge secret the database holds, current and retired (hex, as stored)."""
    with db.read() as conn:
        current = list(conn.execute(select(T_CONGRESS.c.secret)).scalars())
        retired = list(conn.execute(select(T_RETIRED_SECRET.c.secret)).scalars())
    return current + retired


def events_of(db, kind: str) -> list[dict]:
    with db.read() as conn:
        rows = conn.execute(select(T_EVENT).where(T_EVENT.c.kind == kind).order_by(T_EVENT.c.id))
        return [dict(row._mapping) for row in rows]


def test_an_old_badge_is_revoked_and_changes_nothing_but_the_failed_scan_log(hall):
    old = badge(hall, "D0001")

    rotation = rotate(hall)

    assert (rotation.generation, rotation.void_badges) == (2, 4)
    checkins, failed, events = (
        row_count(hall, T_CHECKIN),
        row_count(hall, T_FAILED),
        event_count(hall),
    )
    assert scan(hall, old) == ("invalid", "revoked")
    # what a desk's scan field does (method None): a badge-looking text is verified as a scan
    assert check_in(hall, old, station="2号台").reason == "revoked"
    assert row_count(hall, T_CHECKIN) == checkins == 0
    assert row_count(hall, T_FAILED) == failed + 2
    assert event_count(hall) == events + 2
    with hall.read() as conn:
        reasons = list(conn.execute(select(T_FAILED.c.reason)).scalars())
    assert reasons == ["revoked", "revoked"]
    assert [json.loads(e["payload"])["reason"] for e in events_of(hall, "checkin.failed")] == [
        "revoked",
        "revoked",
    ]


def test_a_new_badge_checks_in_and_forged_or_foreign_ones_stay_what_they_were(hall):
    old = badge(hall, "D0001")
    rotate(hall)
    new = badge(hall, "D0001")

    assert new != old
    assert scan(hall, new) == ("ok", None)
    assert scan(hall, new) == ("already", None)
    assert scan(hall, badge(hall, "D0002").replace(":D0002:", ":D0003:")) == ("invalid", "forged")
    # an old badge edited to another code was never genuine: forged, not revoked
    assert scan(hall, old.replace(":D0001:", ":D0002:")) == ("invalid", "forged")
    with hall.read() as conn:
        uid = require_congress(conn).uid
    other_uid = "Z" + uid[1:] if uid[0] != "Z" else "Y" + uid[1:]
    foreign = badge_code.badge_text(secrets.token_bytes(32), other_uid, "D0002")
    assert scan(hall, foreign) == ("invalid", "foreign")
    assert scan(hall, "HW1:" + uid + ":D0002") == ("invalid", "malformed")
    assert row_count(hall, T_CHECKIN) == 1


def test_two_rotations_keep_both_older_generations_recognised_as_revoked(hall):
    first = badge(hall, "D0001")
    assert rotate(hall).generation == 2
    second = badge(hall, "D0001")
    assert rotate(hall).generation == 3
    third = badge(hall, "D0001")

    assert len({first, second, third}) == 3
    assert scan(hall, first) == ("invalid", "revoked")
    assert scan(hall, second) == ("invalid", "revoked")
    assert scan(hall, third) == ("ok", None)
    with hall.read() as conn:
        generations = list(
            conn.execute(
                select(T_RETIRED_SECRET.c.generation).order_by(T_RETIRED_SECRET.c.generation)
            ).scalars()
        )
    assert generations == [1, 2]
    assert len(set(all_secrets(hall))) == 3


def test_the_audit_event_says_how_many_and_never_the_secret(hall):
    before = all_secrets(hall)

    rotate(hall)

    after = all_secrets(hall)
    (event,) = events_of(hall, EVENT)
    assert json.loads(event["payload"]) == {"generation": 2, "void_badges": 4}
    assert (event["operator"], event["station"]) == ("测试员", "1号台")
    with hall.read() as conn:
        every_payload = "\n".join(conn.execute(select(T_EVENT.c.payload)).scalars())
    for secret in {*before, *after}:
        assert secret not in every_payload
        assert secret.upper() not in every_payload


def test_verify_passes_after_rotation_and_every_kind_of_scan(hall):
    old = badge(hall, "D0002")
    rotate(hall)
    scan(hall, badge(hall, "D0001"))
    scan(hall, old)
    scan(hall, badge(hall, "D0003").replace(":D0003:", ":D0002:"))
    rotate(hall)
    scan(hall, badge(hall, "D0003"))

    report = verify_database(hall)

    assert report.ok, report.first_failure


def test_the_archive_holds_no_secret_and_still_verifies(hall, tmp_path):
    rotate(hall)
    rotate(hall)
    scan(hall, badge(hall, "D0001"))
    with hall.snapshot() as conn:
        document = arc.build_archive(conn, arc.results_in(conn, as_of=AS_OF), as_of=AS_OF)
    path = arc.write_archive(document, tmp_path / "huiwu-archive.json")

    text = path.read_text(encoding="utf-8")
    for secret in all_secrets(hall):
        assert secret not in text and secret.upper() not in text
    assert "retired_badge_secret" not in text
    assert "secret" not in document["tables"]["congress"][0]
    assert not set(arc.NEVER_ARCHIVED) & set(arc.TABLE_NAMES)
    assert verify_archive(path).ok


def test_the_printed_sheets_before_and_after_a_rotation(hall, tmp_path):
    """The old sheet's codes now scan as revoked; the new sheet's codes check everyone in."""
    old_sheet = write_badges(hall, tmp_path / "old.pdf").pdf_path
    rotate(hall)
    new_sheet = write_badges(hall, tmp_path / "new.pdf").pdf_path

    old_texts = [text for image in render_pages(old_sheet) for text in decode(image)]
    new_texts = [text for image in render_pages(new_sheet) for text in decode(image)]

    assert len(old_texts) == len(new_texts) == 4
    assert not set(old_texts) & set(new_texts)
    assert [scan(hall, text) for text in old_texts] == [("invalid", "revoked")] * 4
    assert [scan(hall, text) for text in new_texts] == [("ok", None)] * 4


def test_no_congress_is_refused_and_nothing_is_written(db):
    events = event_count(db)
    with pytest.raises(Refusal) as refused:
        rotate_badge_secret(db)
    assert refused.value.key == "congress.none"
    with pytest.raises(Refusal):
        badge_holders(db)
    assert event_count(db) == events
    assert row_count(db, T_RETIRED_SECRET) == 0


def test_an_empty_roster_rotates_with_nobody_to_rebadge(congress_db):
    assert badge_holders(congress_db) == 0
    assert rotate(congress_db).void_badges == 0
    assert verify_database(congress_db).ok


def test_the_migration_matches_the_table(db):
    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), _metadata())
    assert not [d for d in differences if "retired_badge_secret" in repr(d)]


def _metadata():
    from models.schema import metadata

    return metadata


def test_two_desks_rotating_at_once_take_turns(hall):
    """Both rotations land, one after the other: generations 2 and 3, never one number twice."""
    old = badge(hall, "D0001")
    with ThreadPoolExecutor(max_workers=2) as pool:
        rotations = list(pool.map(lambda _: rotate(hall), range(2)))

    assert sorted(r.generation for r in rotations) == [2, 3]
    assert scan(hall, old) == ("invalid", "revoked")
    assert scan(hall, badge(hall, "D0001")) == ("ok", None)
    assert verify_database(hall).ok


def test_every_table_is_archived_or_kept_out_on_purpose():
    """A new table must be added to the archive's scopes or to NEVER_ARCHIVED, never forgotten."""
    from models.schema import metadata

    bookkeeping = {"appstate", "chain_head", "event"}  # the events are the archive's own part
    left_out = set(metadata.tables) - set(arc.TABLE_NAMES)
    assert left_out == set(arc.NEVER_ARCHIVED) | bookkeeping
