"""Attachments from the complaint detail: `f` lists a complaint's files with a thumbnail, `a` attaches more
by the folder tree or a typed path, enter shows one at full size; a refused file is named in the dialog,
which keeps what was chosen."""

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, DirectoryTree, Input, Static

from aftersales.domain.attachments import AttachmentSubject
from aftersales.domain.clock import fixed_clock
from aftersales.services.attachments.attach import attach_files
from aftersales.services.attachments.read import attachments_of
from aftersales.services.context import Desk
from aftersales.ui.screens.attachments.attach_dialog import AttachDialog, typed_paths
from aftersales.ui.screens.attachments.files import AttachmentsScreen
from aftersales.ui.screens.attachments.viewer import ViewerScreen
from tests.attachment_files import sideways_photo, small_pdf
from tests.factories import NOW, new_complaint

from .delivery_harness import cursor_to, open_board, seed_board
from .harness import desk_running, press, screen_text, settle
from .snapshot_variants import variants


def test_typed_paths_are_split_as_a_shell_would() -> None:
    assert typed_paths("'/tmp/my photo.jpg' ~/r.pdf file:///tmp/x.png") == [
        Path("/tmp/my photo.jpg"), Path.home() / "r.pdf", Path("/tmp/x.png")]
    assert typed_paths('"/tmp/unbalanced') == [Path('"/tmp/unbalanced')]


async def test_attach_from_the_detail_with_the_tree_and_a_typed_path(db_target, desk, staff, tmp_path) -> None:
    complaint = new_complaint(desk, staff["op01"])
    folder = tmp_path / "photos"
    folder.mkdir()
    sideways_photo(folder / "a-crack.jpg")
    receipt = small_pdf(tmp_path / "receipt.pdf")
    async with desk_running(db_target, "op01", complaint=complaint.id) as (app, pilot):
        await press(pilot, "f")
        assert isinstance(app.screen, AttachmentsScreen)
        assert "No files attached yet" in screen_text(app)
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, AttachDialog)
        dialog.folder = folder
        tree = dialog.query_one(DirectoryTree)
        tree.path = folder
        await settle(pilot)
        await pilot.pause(0.3)
        await press(pilot, "down", "enter")  # the first file under the folder
        assert "1 chosen: a-crack.jpg" in screen_text(app)
        dialog.query_one("#field-paths", Input).focus()
        await press(pilot, *str(tmp_path / "gone.pdf"), "enter")
        said = str(dialog.query_one("#dialog-error", Static).render())
        assert said == f"{tmp_path / 'gone.pdf'}: no such file"  # one line naming the file; the form stays
        assert isinstance(app.screen, AttachDialog) and dialog.chosen == [folder / "a-crack.jpg"]
        await press(pilot, "ctrl+u", *str(receipt), "enter")
        assert isinstance(app.screen, AttachmentsScreen)
        assert [view.file_name for view in attachments_of(AttachmentSubject.COMPLAINT, complaint.id)] == [
            "a-crack.jpg", "receipt.pdf"]
        text = screen_text(app)
        assert "a-crack.jpg" in text and "receipt.pdf" in text and "2 files" in text
        assert [type(w).__name__ for w in app.screen.query_one("#thumb-box").children] == ["HalfcellImage"]
        await press(pilot, "enter")
        assert isinstance(app.screen, ViewerScreen)
        await settle(pilot)
        assert [type(w).__name__ for w in app.screen.query_one("#picture-box").children] == ["HalfcellImage"]
        await press(pilot, "escape", "down")
        assert "Not an image" not in screen_text(app) and "application/pdf" in screen_text(app)


async def _files_of_a_complaint(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await settle(pilot)
    await press(pilot, "2")
    app.open_complaint(1)
    await settle(pilot)
    await press(pilot, "f")
    await pilot.pause(0.2)
    await settle(pilot)
    assert app.screen.query_one(DataTable).row_count == 2
    assert len(app.screen.query_one("#thumb-box").children) == 1


@variants()
def test_the_files_of_a_complaint(snap_desk, desk, staff, tmp_path) -> None:
    complaint = new_complaint(desk, staff["op01"])
    assert complaint.id == 1
    attach_files(desk, staff["op01"], AttachmentSubject.COMPLAINT, complaint.id,
                 [sideways_photo(tmp_path / "沙发裂缝.jpg"), small_pdf(tmp_path / "收据.pdf")], "客户微信发来")
    assert snap_desk("op01", _files_of_a_complaint)


async def test_the_board_opens_an_orders_photos(logged_in, staff, tmp_path) -> None:
    made = seed_board(staff)
    order = made["requested"]
    attach_files(Desk(clock=fixed_clock(NOW)), staff["dc01"], AttachmentSubject.DELIVERY, order.number,
                 [sideways_photo(tmp_path / "送达照片.jpg")], "签收前拍摄")
    async with logged_in("dc01") as (app, pilot):
        await open_board(pilot)
        await cursor_to(pilot, order.number)
        await press(pilot, "p")
        assert isinstance(app.screen, AttachmentsScreen)
        text = screen_text(app)
        assert f"Attachments of {order.number}" in text and "送达照片.jpg" in text and "1 file" in text


async def test_a_violations_evidence_and_a_visits_photos_open_from_their_screens(
    db_target, desk, staff, logged_in, tmp_path
) -> None:
    from datetime import date, timedelta

    from aftersales.services.supervision.visits import record_visit
    from aftersales.ui.screens.penalties.ledger import LedgerScreen
    from aftersales.ui.screens.supervision.visits import VisitsScreen
    from tests.penalty_factories import desk_at, proposed_and_confirmed

    violation = proposed_and_confirmed(desk_at(), staff, day=date(2026, 11, 5))
    visit = record_visit(Desk(clock=fixed_clock(NOW)), staff["lead01"], {
        "shop_code": "S001", "visited_on": date(2026, 11, 27) - timedelta(days=2), "findings": "价签不符",
        "rectification": "统一价签", "due_on": date(2026, 12, 4)})
    attach_files(Desk(clock=fixed_clock(NOW)), staff["lead01"], AttachmentSubject.VIOLATION, violation,
                 [small_pdf(tmp_path / "违规记录.pdf")])
    attach_files(Desk(clock=fixed_clock(NOW)), staff["lead01"], AttachmentSubject.VISIT, visit.id,
                 [sideways_photo(tmp_path / "整改前.jpg")])
    async with logged_in("mgr01", "5") as (app, pilot):
        people = app.screen.query_one("#people", DataTable)
        people.focus()
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, LedgerScreen)
        await press(pilot, "f")
        assert isinstance(app.screen, AttachmentsScreen)
        assert f"violation {violation}" in screen_text(app) and "违规记录.pdf" in screen_text(app)
        await press(pilot, "escape", "escape", "6", "v")
        assert isinstance(app.screen, VisitsScreen)
        await press(pilot, "p")
        assert isinstance(app.screen, AttachmentsScreen)
        assert f"visit {visit.id}" in screen_text(app) and "整改前.jpg" in screen_text(app)
