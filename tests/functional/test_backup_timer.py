"""The TUI's backup timer: an `auto` snapshot in a worker when one is due, never a second one."""

from models import backup
from tests.helpers import settle


def auto_copies(db) -> list:
    return [info for info in backup.list_backups(db) if info.reason == "auto"]


async def test_the_timer_takes_an_auto_snapshot_in_a_worker(
    make_desk, desk_db, tmp_path, monkeypatch
):
    monkeypatch.setenv("HUIWU_BACKUP_DIR", str(tmp_path / "backups"))
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.auto_backup()  # what the timer calls every minute
        await settle(pilot)
        assert len(auto_copies(desk_db)) == 1
        app.auto_backup()  # just taken and nothing new in the log: not due
        await settle(pilot)
        assert len(auto_copies(desk_db)) == 1


async def test_no_auto_snapshot_when_turned_off(make_desk, desk_db, tmp_path, monkeypatch):
    monkeypatch.setenv("HUIWU_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("HUIWU_BACKUP_MINUTES", "0")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.auto_backup()
        await settle(pilot)
        assert auto_copies(desk_db) == []
