"""`huiwu` paints its window at once and opens the database in a worker meanwhile."""

from models.errors import Refusal
from screens.checkin import CheckinScreen
from screens.starting import StartingScreen
from tests.helpers import add_people, delegates, settle
from tui.app import launch_app


async def test_the_window_paints_first_then_the_dashboard_follows(congress_db, tmp_path):
    add_people(congress_db, delegates(3))
    url = congress_db.url
    congress_db.dispose()
    app = launch_app(db=url, lang="zh", station="2号台")
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, StartingScreen) or app.db is not None
        await settle(pilot)
        assert app.launch_error is None
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one("#due").value == "3"
        assert app.station == "2号台"


async def test_a_database_that_cannot_open_ends_the_app_with_the_reason(tmp_path):
    app = launch_app(db="postgresql+psycopg://u:pw@127.0.0.1:notaport/x", lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert isinstance(app.launch_error, Refusal)
    assert app.launch_error.key == "error.db_url_port"
    assert app.return_code == 1


def test_the_launch_path_draws_before_importing_the_database_layer():
    """The first frame's speed rests on this: `huiwu` reaches its first screen with neither
    SQLAlchemy nor SQLModel imported (they load in the worker that opens the database)."""
    import subprocess
    import sys

    code = (
        "import sys, main, tui.app, screens.starting; "
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'models.db') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
