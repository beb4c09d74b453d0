"""Any terminal size (issue 17): at 80×24 every screen and dialog of the desk
(tests/functional/screen_registry.py) keeps the focused field, and on the check-in screen the
result, the quorum line and the scan field, in sight; dialogs are centred and fit; and F1 lists
every key of the screen on top, footer or not, so no key is ever out of reach."""

import pytest
from textual.geometry import Region
from textual.screen import ModalScreen

from screens.checkin import CheckinScreen
from tests.functional.screen_registry import DESK, SCREENS
from tests.helpers import settle
from tui.app import make_app
from tui.keys_dialog import KeysDialog, declared_keys

SMALL = (80, 24)


def visible(screen, widget) -> Region:
    """The part of ``widget`` that is painted (inside every scrolling parent and the screen)."""
    geometry = screen.find_widget(widget)
    return geometry.region.intersection(geometry.clip).intersection(screen.region)


def assert_in_sight(screen, widget, what: str) -> None:
    shown = visible(screen, widget)
    assert shown == widget.region and shown.area, f"{what} is cut or out of sight: {shown}"


def assert_fits_and_centred(screen, name: str) -> None:
    dialog = screen.query(".dialog").first().region
    width, height = SMALL
    assert Region(0, 0, width, height).contains_region(dialog), f"{name}: {dialog} overflows"
    assert abs(dialog.x - (width - dialog.right)) <= 1, f"{name}: not centred, {dialog}"
    assert abs(dialog.y - (height - dialog.bottom)) <= 1, f"{name}: not centred, {dialog}"


def assert_every_key_listed(app, screen, name: str) -> None:
    """Every key the screen's own classes and the app declare, with its description."""
    dialog = app.screen
    assert isinstance(dialog, KeysDialog), f"{name}: F1 opened {dialog}"
    listed = {entry.keys: entry.description for entry in dialog.entries}
    shown_keys = " / ".join(listed)
    for node in (screen, app):
        for key, action in declared_keys(node):
            if action == "keys":
                continue
            display = app.get_key_display(node._bindings.key_to_bindings[key][0])
            assert display in shown_keys.split(" / "), f"{name}: {key} ({action}) not in F1"
    rows = dialog.query_one("#keys-table").row_count
    assert rows == len(dialog.entries)
    assert all(listed.values()), f"{name}: a key without a description: {listed}"


@pytest.mark.parametrize("name, opener", SCREENS, ids=[name for name, _ in SCREENS])
async def test_every_screen_at_80x24_and_its_keys_under_f1(registry_db, name, opener):
    app = make_app(database=registry_db, lang="zh", station=DESK)
    async with app.run_test(size=SMALL) as pilot:
        await opener(pilot)
        screen = app.screen
        if name != "checkin":
            assert not isinstance(screen, CheckinScreen), f"{name}: the keys opened nothing"
        if app.focused is not None:
            assert visible(screen, app.focused).area, f"{name}: the focused field is hidden"
        if isinstance(screen, ModalScreen):
            assert_fits_and_centred(screen, name)
        else:
            assert screen.query_one("DeskFooter"), f"{name}: no footer"
        if isinstance(screen, CheckinScreen):
            for what in ("#scan", "#result", "#quorum"):
                assert_in_sight(screen, screen.query_one(what), f"{name}: {what}")
        if type(screen).__name__ == "ScoringScreen":  # the final score the hall waits for
            from tui.score_widgets import BigScore

            for what in ("#sc-input", BigScore):
                assert_in_sight(screen, screen.query_one(what), f"{name}: {what}")
        await pilot.press("f1")
        await settle(pilot)
        if isinstance(screen, KeysDialog):  # F1 on the list itself opens no second list
            assert app.screen is screen
            return
        assert_every_key_listed(app, screen, name)
        assert_fits_and_centred(app.screen, f"{name} F1")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen, f"{name}: Esc did not close the F1 list only"


async def test_f1_runs_a_key_the_footer_does_not_show(registry_db):
    """Shift+F4 (undo anyone's check-in) is kept out of the footer: F1, choose it, Enter."""
    from screens.person_search import PersonSearch

    app = make_app(database=registry_db, lang="zh", station=DESK)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        dialog = app.screen
        row = next(i for i, e in enumerate(dialog.entries) if e.action == "undo_any")
        assert dialog.entries[row].keys == "shift+f4"
        assert dialog.entries[row].tooltip  # the tooltip shows under the list
        await pilot.press(*["down"] * row)
        await settle(pilot)
        assert str(dialog.query_one("#keys-tip").render()) == dialog.entries[row].tooltip
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonSearch)
        assert isinstance(app.screen_stack[-2], CheckinScreen)  # the F1 list has closed


async def test_f1_is_first_in_the_footer_and_opens_once(registry_db):
    app = make_app(database=registry_db, lang="zh", station=DESK)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        keys = [key.key for key in app.screen.query("FooterKey")]
        assert keys[0] == "f1", keys
        footer_key = app.screen.query("FooterKey").first()
        assert visible(app.screen, footer_key).area
        await pilot.press("f1", "f1")
        await settle(pilot)
        assert isinstance(app.screen, KeysDialog)
        assert not isinstance(app.screen_stack[-2], KeysDialog)
