"""The file picker's places and folder listing (tui/places.py), on a fake machine under tmp_path."""

import os

from tui.places import folder_entries, linux_mounts, mac_volumes, user_places


def fake_home(tmp_path):
    home = tmp_path / "home" / "clerk"
    for name in ("Documents", "Desktop"):  # no Downloads folder on this machine
        (home / name).mkdir(parents=True)
    return home


def places_of(tmp_path, home, **kwargs):
    return user_places(
        platform="linux",
        home=home,
        documents=home / "Documents",
        desktop=home / "Desktop",
        downloads=home / "Downloads",
        **kwargs,
    )


def test_order_is_documents_desktop_drives_home_and_only_what_exists(tmp_path):
    home = fake_home(tmp_path)
    media = tmp_path / "media"
    (media / "clerk" / "KINGSTON").mkdir(parents=True)
    (media / "clerk" / "会务U盘").mkdir()
    places = places_of(tmp_path, home, media_roots=[media / "clerk", media])
    assert [(p.kind, p.label) for p in places] == [
        ("documents", ""),
        ("desktop", ""),
        ("removable", "KINGSTON"),
        ("removable", "会务U盘"),
        ("home", ""),
    ]
    assert places[2].path == media / "clerk" / "KINGSTON"


def test_the_per_user_folder_under_media_is_not_a_drive(tmp_path):
    media = tmp_path / "media"
    (media / "clerk" / "STICK").mkdir(parents=True)
    (media / "cdrom").mkdir()
    (media / ".hidden").mkdir()
    run_media = tmp_path / "run" / "media" / "clerk"  # does not exist: nothing from it
    drives = linux_mounts([media / "clerk", media, run_media])
    assert drives == [media / "clerk" / "STICK", media / "cdrom"]


def test_no_media_folder_means_no_drives(tmp_path):
    home = fake_home(tmp_path)
    places = places_of(tmp_path, home, media_roots=[tmp_path / "nothing"])
    assert [p.kind for p in places] == ["documents", "desktop", "home"]


def test_a_place_reached_twice_is_listed_once(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    places = user_places(
        platform="linux", home=home, documents=home, desktop=home, downloads=home, drives=[]
    )
    assert [p.kind for p in places] == ["documents"]


def test_mac_start_up_disk_is_not_a_drive(tmp_path):
    volumes = tmp_path / "Volumes"
    (volumes / "U盘").mkdir(parents=True)
    os.symlink(tmp_path.anchor, volumes / "Macintosh HD")
    assert mac_volumes([volumes]) == [volumes / "U盘"]


def test_folder_lists_folders_first_then_accepted_files_by_name(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "b-folder").mkdir()
    (folder / "A-folder").mkdir()
    (folder / ".git").mkdir()
    for name in ("名单.XLSX", "a.csv", "notes.txt", ".~lock.a.csv", "c.xls"):
        (folder / name).write_bytes(b"x" * 3)
    entries = folder_entries(folder, (".xlsx", ".xls", ".csv"))
    assert [e.name for e in entries] == ["A-folder", "b-folder", "a.csv", "c.xls", "名单.XLSX"]
    assert [e.is_dir for e in entries] == [True, True, False, False, False]
    assert entries[2].size == 3


def test_filter_keeps_names_containing_the_text_in_any_case(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "Roster-2026").mkdir()
    (folder / "roster.csv").write_text("x")
    (folder / "ballots.csv").write_text("x")
    entries = folder_entries(folder, (".csv",), "ROSTER")
    assert [e.name for e in entries] == ["Roster-2026", "roster.csv"]
