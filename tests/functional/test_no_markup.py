"""No user text is markup (issue 16): a name, delegation, desk, title or note typed as ``[/b]``,
``[bold]红[/bold]``, ``[link=x]点我``, ``张三\\`` or ``[@click=app.quit]快跑[/]`` is shown as typed on
every screen and modal (tests/functional/screen_registry.py) and on the projector; it never
crashes a screen (MarkupError) and never turns into a style or a live link."""

import pytest
from rich.text import Text
from textual.content import Content
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.strip import Strip

from models.db import open_database
from screens.checkin import CheckinScreen
from tests.functional.screen_registry import DESK, HOSTILE, SCREENS, build_congress
from tests.helpers import settle
from tui.app import launch_app, make_app
from tui.display_app import make_display_app
from tui.i18n import catalogs
from tui.widgets import ResultPanel

SIZE = (200, 60)
# Words that markup would keep if it ate the tag just before them (红 in bold, 点我 a link, 快跑 a
# button that quits): on screen each must follow its tag's closing bracket.
EATEN = ("红", "点我", "快跑")
# Modals that show nothing typed by a user (a form still empty, a file path cut to the field,
# a question in catalog words): for them only "nothing is eaten" is checked.
NO_USER_TEXT = {
    "paper_review",  # nothing scanned in build_congress; test_paper_screens shows a hostile name
    "minutes_export",
    "roster_import",
    "badges",
    "badge_rotation_confirm",
    "new_motion",
    "new_election",
    "new_appraisal",
    "new_contest",
    "jump_prompt",
    "proposal_discard_question",
    "leave_search",
    "undo_any_search",
    "note_search",
    "proposal_form_find_proposer",
    "sitting_remove_reason",
    "settings_value_choice",
    "keys",
}


@pytest.fixture
def hostile_db(tmp_path):
    db = open_database(tmp_path / "hostile.db")
    build_congress(db)
    yield db
    db.dispose()


def screen_text(screen, region: Region | None = None) -> str:
    """What the screen paints (a modal over what it covers), as plain text; only ``region``
    (in cells, so wide characters are cut where the terminal cuts them) when given."""
    update = screen._compositor.render_update(full=True)
    lines = [Strip.join(line) for line in update.strips]
    if region is not None:
        lines = [line.crop(region.x, region.right) for line in lines[region.y : region.bottom]]
    return "\n".join(line.text for line in lines)


def own_text(screen) -> str:
    """A modal's own dialog, without the screen it covers; a full screen whole."""
    if isinstance(screen, ModalScreen):
        return screen_text(screen, screen.query(".dialog").first().region)
    return screen_text(screen)


def assert_nothing_eaten(text: str, where: str) -> None:
    for word in EATEN:
        after = {text[i - 1] for i in range(len(text)) if text.startswith(word, i)}
        assert after <= {"]"}, f"{where}: markup ate the tag before {word}"


@pytest.mark.parametrize("name, opener", SCREENS, ids=[name for name, _ in SCREENS])
async def test_every_screen_shows_user_text_as_typed(hostile_db, name, opener):
    app = make_app(database=hostile_db, lang="zh", station=DESK)
    async with app.run_test(size=SIZE) as pilot:
        await opener(pilot)
        screen = app.screen
        if name != "checkin":
            assert not isinstance(screen, CheckinScreen), f"{name}: the keys opened nothing"
        text = screen_text(screen)
        assert_nothing_eaten(text, name)
        if name not in NO_USER_TEXT:
            own = own_text(screen)
            assert any(word in own for word in HOSTILE), f"{name} shows no user text:\n{own}"
    assert app.return_code in (None, 0)


def test_the_registry_names_each_screen_once():
    names = [name for name, _ in SCREENS]
    assert len(names) == len(set(names))
    assert set(names) >= NO_USER_TEXT


async def test_the_check_in_screen_lists_hostile_names_whole(hostile_db):
    """The recent list, the desks and the delegations show the words exactly (the issue's
    crash: a person named [/b] in the recent list)."""
    app = make_app(database=hostile_db, lang="zh", station=DESK)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app.screen)
        for word in ("[/b]", "[bold]红[/bold]", "张三\\", "[link=x]二号台", DESK):
            assert word in text, word
        assert app.sub_title.endswith(DESK)


async def test_a_desk_with_a_hostile_name_in_its_recent_list_starts(hostile_db):
    """Restarting the desk (``huiwu``, the database opened in a worker) reaches the dashboard."""
    url = hostile_db.url
    hostile_db.dispose()
    app = launch_app(db=url, lang="zh", station=DESK)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.launch_error is None
        assert isinstance(app.screen, CheckinScreen)
        assert "[/b]" in screen_text(app.screen)
    assert app.return_code in (None, 0)


async def test_the_projector_shows_names_as_typed(hostile_db):
    app = make_display_app(database=hostile_db, contest=1, lang="zh", poll_seconds=0.05)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        for _ in range(100):  # its first poll is a timer; bounded
            if app.screen.query_one("#leaderboard").row_count:
                break
            await pilot.pause(0.05)
        text = screen_text(app.screen)
        assert_nothing_eaten(text, "projector")
        assert "比赛" in text and "单位" in text
        assert sum(word in text for word in HOSTILE) >= 3, text


async def test_the_match_and_meet_projectors_show_names_as_typed(hostile_db):
    from screens.match_display import MatchDisplayScreen
    from screens.meet_display import MeetDisplayScreen
    from tui.display_app import make_meet_app

    app = make_display_app(database=hostile_db, contest=2, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MatchDisplayScreen)
        for _ in range(100):  # its first read is a worker; bounded
            if "第1场" in screen_text(app.screen):
                break
            await pilot.pause(0.05)
        text = screen_text(app.screen)
        assert_nothing_eaten(text, "match projector")
        assert sum(word in text for word in HOSTILE) >= 3, text
    meet = make_meet_app(database=hostile_db, meet=1, lang="zh")
    async with meet.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(meet.screen, MeetDisplayScreen)
        text = screen_text(meet.screen)
        assert_nothing_eaten(text, "meet projector")
        assert "运动会" in text


async def test_a_scan_that_reads_as_markup_is_answered_as_typed(hostile_db):
    """A scanner (or a clerk) typing markup into the scan field gets the usual answer, the text
    quoted as it came."""
    app = make_app(database=hostile_db, lang="zh", station=DESK)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for text in ("[/b]", "[bold]红[/bold]", "张三\\"):
            await pilot.press(*text, "enter")
            await settle(pilot)
            panel = app.screen.query_one(ResultPanel)
            assert panel.has_class("-error")
            assert text.upper() in screen_text(app.screen).upper()
            assert_nothing_eaten(screen_text(app.screen), text)


@pytest.mark.parametrize("parse", [Content.from_markup, Text.from_markup], ids=["textual", "rich"])
def test_the_catalog_holds_no_markup(parse):
    """Catalog sentences without user text go to widgets as they are (titles, hints, labels): none
    may read as markup either, in either language."""
    for lang, table in catalogs().items():
        for key, sentence in table.items():
            assert parse(sentence).plain == sentence, f"{lang} {key}: {sentence}"
