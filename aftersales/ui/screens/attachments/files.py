"""A subject's attachments: the list with a thumbnail of the one under the cursor, and the keys to attach
more (a), view one (enter), open it with the system's viewer (o), save a copy (s) and withdraw it (w, a lead)."""

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from .... import i18n
from ....domain.attachments import AttachmentSubject, file_size
from ....domain.permissions import Action, allowed
from ...background import run_in_background
from ...dialogs.modal import DeskModal
from ...messages import LoadFailed
from .external import open_with_system
from .keys import keys_line


@dataclass
class FilesLoaded(Message):
    views: list[Any]


@dataclass
class ThumbnailLoaded(Message):
    attachment_id: int
    content: bytes | None


class AttachmentsScreen(DeskModal[None]):
    """The files of one complaint, delivery order, violation or visit."""

    DEFAULT_CSS = """
    AttachmentsScreen > Vertical { width: 110; height: 30; border: thick $accent; padding: 0 1; }
    AttachmentsScreen .title { margin: 0 0 1 0; }
    AttachmentsScreen Horizontal { height: 1fr; }
    AttachmentsScreen #files { width: 1fr; height: 1fr; }
    AttachmentsScreen #preview { width: 34; height: 1fr; padding-left: 1; }
    AttachmentsScreen #thumb-box { height: 12; width: 32; }
    AttachmentsScreen #thumb-box > * { height: 12; width: auto; max-width: 32; }
    AttachmentsScreen #facts { height: auto; color: $text-muted; }
    AttachmentsScreen #files-status { height: auto; }
    AttachmentsScreen #files-keys { height: auto; color: $text-muted; }
    AttachmentsScreen.-narrow #preview { width: 24; }
    AttachmentsScreen.-narrow #thumb-box { height: 8; width: 22; }
    AttachmentsScreen.-narrow #thumb-box > * { height: 8; max-width: 22; }
    """

    BINDINGS = [
        Binding("a", "attach", "attachments.key.attach", id="attachments.attach"),
        Binding("enter", "view", "attachments.key.view", id="attachments.view"),
        Binding("o", "open", "attachments.key.open", id="attachments.open"),
        Binding("s", "save", "attachments.key.save", id="attachments.save"),
        Binding("w", "withdraw", "attachments.key.withdraw", id="attachments.withdraw"),
        Binding("escape", "close", "shell.key.back", id="attachments.close"),
    ]

    def __init__(self, kind: AttachmentSubject, key: int, label: str) -> None:
        super().__init__()
        self.kind, self.key, self.label = kind, key, label
        self.views: list[Any] = []

    @property
    def session(self) -> Any:
        return getattr(self.app, "session")  # noqa: B009 - the desk app's attribute

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(i18n.t("attachments.title", subject=self.label)), classes="title")
            with Horizontal():
                yield DataTable(id="files", cursor_type="row", zebra_stripes=True)
                with Vertical(id="preview"):
                    yield Vertical(id="thumb-box")
                    yield Static("", id="facts")
            yield Static(Text(i18n.t("attachments.loading")), id="files-status")
            yield Static("", id="files-keys")

    def on_mount(self) -> None:
        table = self.query_one("#files", DataTable)
        for key in ("name", "size", "by", "at"):
            table.add_column(i18n.t(f"attachments.column.{key}"), key=key)
        self.set_class(self.app.size.width < 100, "-narrow")
        table.focus()
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < 100, "-narrow")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        actor = self.session.actor
        if action == "attach":
            return actor is not None and allowed(actor.role, Action.ATTACH) and not self.session.read_only
        if action == "withdraw":
            return actor is not None and allowed(actor.role, Action.WITHDRAW_ATTACHMENT) and bool(self.views)
        if action in ("view", "open", "save"):
            return True if self.views else None
        return True

    def reload(self) -> None:
        from ....services.attachments.read import attachments_of

        kind, key = self.kind, self.key
        run_in_background(self, lambda: FilesLoaded(attachments_of(kind, key)), group="files",
                          failed="background.load_failed")

    def on_files_loaded(self, message: FilesLoaded) -> None:
        self.views = message.views
        zone = self.session.desk.sla.zone
        table = self.query_one("#files", DataTable)
        table.clear()
        for view in self.views:
            table.add_row(Text(view.file_name), file_size(view.size), view.attached_by,
                          f"{view.attached_at.astimezone(zone):%m-%d %H:%M}", key=str(view.id))
        count = len(self.views)
        status = i18n.t("attachments.count", count=count) if count else i18n.t("attachments.empty")
        self.query_one("#files-status", Static).update(Text(status))
        self.refresh_bindings()
        self._show_keys()
        self._preview()

    def _show_keys(self) -> None:
        """The keys this list answers now, as a footer inside the box (it covers the screen's own)."""
        self.query_one("#files-keys", Static).update(Text(keys_line(self)))

    def on_load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.query_one("#files-status", Static).update(Text(message.text))

    def current(self) -> Any:
        table = self.query_one("#files", DataTable)
        if not self.views or table.cursor_row < 0:
            return None
        return self.views[min(table.cursor_row, len(self.views) - 1)]

    @on(DataTable.RowHighlighted)
    def _preview(self) -> None:
        view = self.current()
        facts = self.query_one("#facts", Static)
        self._show_thumbnail(None)
        if view is None:
            facts.update("")
            return
        lines = [view.media_type, f"{file_size(view.size)}  sha256 {view.sha256[:12]}"]
        if view.width:
            lines.append(f"{view.width} × {view.height}")
        if view.note:
            lines.append(view.note)
        facts.update(Text("\n".join(lines)))
        if view.has_thumbnail:
            from ....services.attachments.read import attachment_thumbnail

            run_in_background(self, lambda: ThumbnailLoaded(view.id, attachment_thumbnail(view.id)),
                              group="thumbnail", failed=None)

    def on_thumbnail_loaded(self, message: ThumbnailLoaded) -> None:
        view = self.current()
        if view is not None and view.id == message.attachment_id:
            self._show_thumbnail(message.content)

    def _show_thumbnail(self, content: bytes | None) -> None:
        box = self.query_one("#thumb-box", Vertical)
        box.remove_children()
        if content is not None:
            from .images import thumbnail_widget

            box.mount(thumbnail_widget(self.app, content))

    def on_opened(self, message: Any) -> None:
        self.app.notify(message.text, severity="error" if message.error else "information")

    def action_attach(self) -> None:
        from .attach_dialog import AttachDialog

        def done(made: Any) -> None:
            if made:
                self.app.notify(i18n.t("attachments.attached", count=len(made), subject=self.label))
                self.reload()

        self.app.push_screen(AttachDialog(self.kind, self.key, self.label), done)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_view()

    def action_view(self) -> None:
        view = self.current()
        if view is not None:
            from .viewer import ViewerScreen

            self.app.push_screen(ViewerScreen(view))

    def action_open(self) -> None:
        view = self.current()
        if view is not None:
            open_with_system(self, view)

    def action_save(self) -> None:
        view = self.current()
        if view is not None:
            from .file_dialogs import ask_save_copy

            ask_save_copy(self, view)

    def action_withdraw(self) -> None:
        view = self.current()
        if view is None:
            return
        from .file_dialogs import WithdrawAttachmentDialog

        def withdrawn(result: Any) -> None:
            if result is not None:
                self.app.notify(i18n.t("attachments.withdrawn", name=view.file_name))
                self.reload()

        self.app.push_screen(WithdrawAttachmentDialog(view.id, view.file_name), withdrawn)

    def action_close(self) -> None:
        self.dismiss(None)
