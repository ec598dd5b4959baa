"""Start-up: the login screen first with nothing but Textual behind it, the rest loaded while the PIN is typed."""

import asyncio
import json
import sqlite3
import subprocess
import sys

import pytest
from textual.widgets import Static

from aftersales.settings import DeskConfig
from aftersales.store.db import close_database
from aftersales.ui.app import DeskApp
from aftersales.ui.screens.dashboard.dashboard import DashboardScreen
from aftersales.ui.screens.shell.login import LoginScreen
from aftersales.ui.session import DeskSession

from .harness import press, screen_text, settle

pytestmark = pytest.mark.sqlite_only  # the desk started from the command line on a SQLite file

SIZE = (120, 36)
HEAVY = ("pydantic", "peewee", "playhouse", "psycopg2", "openpyxl", "faker")

# Runs the real short path of `aftersales --db FILE` up to the login screen's first frame, in a fresh
# interpreter, and reports which heavy libraries were loaded by then.
PROBE = """
import asyncio, json, sys
from aftersales.cli import launch
from aftersales.ui import run
from aftersales.ui.screens.shell import login

loaded = {}
compose = login.LoginScreen.compose

def spy(self):
    loaded["at_login"] = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
    return compose(self)

login.LoginScreen.compose = spy

class Shown(Exception):
    pass

def run_app(self, *args, **kwargs):
    async def first_frame():
        async with self.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
    asyncio.run(first_frame())

import aftersales.ui.app as app_module
app_module.DeskApp.run = run_app
code = launch.open_desk_quickly(["--db", DB, "--lang", "en"])
print(json.dumps({"code": code, **loaded}))
"""


def test_the_login_screen_is_drawn_before_the_database_library_or_the_schemas_load(desk_db: str) -> None:
    close_database()
    source = f"HEAVY = {HEAVY!r}\nDB = {str(desk_db)!r}\n" + PROBE
    done = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=120, check=False)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"code": 0, "at_login": []}, done.stderr


async def test_the_desk_opens_its_database_while_the_login_screen_waits(desk_db: str) -> None:
    close_database()
    app = DeskApp(DeskSession(db_target=str(desk_db)), language="en", user_code="op01", watch_interval=None,
                  cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoginScreen)
        await settle(pilot)
        assert app.ready.is_set() and app.session.desk is not None
        assert isinstance(app.config, DeskConfig)  # the settings were validated meanwhile
        await press(pilot, *"1111", "enter")
        assert isinstance(app.screen, DashboardScreen)


async def test_a_database_refused_after_the_login_screen_closes_the_desk_with_the_reason(
    desk_db: str
) -> None:
    close_database()
    raw = sqlite3.connect(desk_db)
    raw.execute("PRAGMA user_version = 999")  # made by a newer aftersales: the quick check lets it pass
    raw.close()
    app = DeskApp(DeskSession(db_target=str(desk_db)), language="en", watch_interval=None)
    async with app.run_test(size=SIZE):
        for _ in range(200):
            if app.refusal:
                break
            await asyncio.sleep(0.05)
    assert app.return_code == 2
    assert str(desk_db) in app.refusal and "newer" in app.refusal


async def test_a_settings_file_problem_is_reported_once_the_desk_has_read_it(desk_db: str) -> None:
    close_database()
    app = DeskApp(DeskSession(db_target=str(desk_db)), language="en", watch_interval=None,
                  settings={"lock_after_minutes": -1})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = [str(note.message) for note in app._notifications]
        assert any("lock_after_minutes" in note for note in notes)
        assert app.config == DeskConfig()


async def test_demo_accounts_show_on_a_demo_database_only(desk_db: str) -> None:
    close_database()
    for demo in (False, True):
        if demo:
            raw = sqlite3.connect(desk_db)
            raw.execute("INSERT INTO meta (key, value) VALUES ('demo', 'test')")
            raw.commit()
            raw.close()
        app = DeskApp(DeskSession(db_target=str(desk_db)), language="en", watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            panel = app.screen.query_one("#demo-accounts", Static)
            assert panel.has_class("-shown") is demo
            shown = screen_text(app)
            assert ("op01" in shown and "1111" in shown and "lead01" in shown) is demo
