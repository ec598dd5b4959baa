"""Sales documents on screen: a lead issues receipt books from section 6, an operator's intake confirms the shop."""

from typing import Any

from textual.widgets import DataTable, Input

from aftersales.domain.documents.enums import DocumentKind, DocumentMove
from aftersales.services.context import Desk
from aftersales.services.documents.moves import move_documents
from aftersales.services.documents.read import lookup_number
from aftersales.services.staff.auth import login
from aftersales.store.db import connection
from aftersales.ui.screens.complaints.intake import IntakeScreen
from aftersales.ui.screens.documents.dialogs import MoveDialog
from aftersales.ui.screens.documents.document_check import DocumentCheck
from aftersales.ui.screens.documents.documents import DocumentsScreen

from ..factories import NOW
from .harness import LoggedIn, press, screen_text, settle


def receive_receipts(first: str = "XS0000001", last: str = "XS0000500") -> None:
    """A batch of receipt books in the desk's stock, received by the lead."""
    lead = login(Desk(clock=lambda: NOW), "lead01", "2222")
    move_documents(Desk(clock=lambda: NOW), lead,
                   {"kind": DocumentKind.RECEIPT, "move": DocumentMove.RECEIVE, "first": first, "last": last})


def table_rows(app: Any, table_id: str) -> list[list[str]]:
    table: DataTable[Any] = app.screen.query_one(f"#{table_id}", DataTable)
    return [[str(getattr(v, "plain", v)) for v in table.get_row_at(i)] for i in range(table.row_count)]


async def test_a_lead_issues_receipts_and_an_operator_taking_a_complaint_sees_the_shop(
    desk_db: str, logged_in: LoggedIn
) -> None:
    receive_receipts()
    async with logged_in("lead01", "6") as (app, pilot):
        await press(pilot, "d")
        assert isinstance(app.screen, DocumentsScreen)
        assert table_rows(app, "documents-stock")[0][:3] == ["Sales receipt", "Desk", "500"]
        await press(pilot, "m")
        assert isinstance(app.screen, MoveDialog)  # receipts, issue to a shop: the usual move comes chosen
        app.screen.query_one("#field-first", Input).focus()
        await pilot.press(*"XS0000101", "tab", *"XS0000150", "tab", *"S002")
        await press(pilot, "f2")
        assert isinstance(app.screen, DocumentsScreen)
        stock = table_rows(app, "documents-stock")
        assert [row[:4] for row in stock] == [["Sales receipt", "Desk", "450", "0"], ["Sales receipt", "S002", "0", "50"]]
        assert table_rows(app, "documents-moves")[0][1:5] == ["Issue to a shop", "XS0000101–XS0000150", "50", "S002"]
    with connection():
        assert lookup_number("XS0000120")[0].shop_code == "S002"

    async with logged_in("op01") as (app, pilot):
        await press(pilot, "n")
        assert isinstance(app.screen, IntakeScreen)
        app.screen.query_one("#receipt_no", Input).focus()
        await pilot.press(*"XS0000120")
        await pilot.pause(0.4)
        await settle(pilot)
        check = app.screen.query_one("#receipt_no-check", DocumentCheck)
        assert "S002 马可波罗瓷砖, issued 2026-11-27" in screen_text(app)
        assert not check.has_class("-warning")
        app.screen.query_one("#contract_no", Input).focus()
        await pilot.press(*"HT20261100042")
        await pilot.pause(0.4)
        await settle(pilot)
        assert "Unknown number; saving allowed" in screen_text(app)
        assert app.screen.query_one("#contract_no-check", DocumentCheck).has_class("-warning")


async def test_an_impossible_issue_is_refused_in_the_dialog_naming_the_numbers(
    desk_db: str, logged_in: LoggedIn
) -> None:
    receive_receipts(last="XS0000100")
    async with logged_in("lead01", "6") as (app, pilot):
        await press(pilot, "d")
        await press(pilot, "m")
        app.screen.query_one("#field-first", Input).focus()
        await press(pilot, *"91", "tab", *"120", "tab", *"S001", "f2")
        assert isinstance(app.screen, MoveDialog)
        assert "Cannot Issue to a shop: XS0000101–XS0000120 (never received)" in screen_text(app)
        assert app.screen.query_one("#field-first", Input).value == "91"


async def test_an_operator_sees_the_documents_but_no_record_key(desk_db: str, logged_in: LoggedIn) -> None:
    receive_receipts()
    async with logged_in("op01", "6") as (app, pilot):
        await press(pilot, "d")
        assert isinstance(app.screen, DocumentsScreen)
        assert "m Record" not in screen_text(app)
        await press(pilot, "l")
        await press(pilot, *"XS0000007", "enter")
        assert "XS0000007: In stock" in screen_text(app)
