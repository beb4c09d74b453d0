from models import audit
from models.congress import create_congress, create_sitting, current_congress


def test_congress_and_sitting_are_current_and_audited(db):
    created = create_congress(db, "大会", kind="教代会", term=2, session=1)
    sitting = create_sitting(db, "预备会议")
    current = current_congress(db)
    assert current.id == created.id
    assert current.current_sitting_id == sitting.id
    assert current.term_session == "二届一次"
    report = audit.verify(db)
    assert report.ok and report.checked == 2
