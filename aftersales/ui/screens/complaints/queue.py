"""The complaint queue: keyset pages from SQL, filters, sort and full-text search."""

import re
from dataclasses import dataclass, replace
from typing import Literal

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from .... import i18n
from ....domain.schemas import ShopView, StaffView
from ....services.complaints.queue import (
    PAGE,
    QueueFilter,
    QueuePage,
    QueueSort,
    effective_sort,
    queue_count,
    queue_page,
)
from ....services.complaints.read import list_shops
from ....services.staff.auth import list_staff
from ...background import run_in_background
from ...bindings import TranslatedKeys
from ...messages import DataChanged, LoadFailed
from ...minute import every_minute
from ...session import DeskSession
from ...widgets.desk_footer import DeskFooter
from ...widgets.queue_filters import COUNT_CAP, SORT_CYCLE, QueueFilterDialog, sort_locked_by, status_line
from ...widgets.queue_table import QueueTable
from ...widgets.section_bar import SectionBar
from ..desk_screen import DeskScreen

_NUMBER = re.compile(r"^\s*TS-\d{8}-\d{4,}\s*$", re.IGNORECASE)
Kind = Literal["first", "last", "refresh", "next", "prev"]


@dataclass(frozen=True)
class PageRequest:
    """One fetch: what to load, and where the cursor should land when it arrives."""

    kind: Kind
    generation: int
    filt: QueueFilter
    sort: QueueSort
    after: tuple[int, ...] | None = None
    from_end: bool = False
    limit: int = PAGE
    keep_id: int | None = None
    keep_index: int = 0


@dataclass
class PageLoaded(Message):
    """The rows `request` asked for."""

    request: PageRequest
    page: QueuePage


@dataclass
class CountLoaded(Message):
    """How many complaints the filter of `generation` finds (capped)."""

    generation: int
    count: int


@dataclass
class FilterChoices(Message):
    """The shops and staff the filter dialog offers."""

    shops: list[ShopView]
    staff: list[StaffView]


class SearchInput(TranslatedKeys, Input):
    """The queue's search box; escape empties it and gives the keys back to the table."""

    BINDINGS = [Binding("escape", "clear_search", "queue.key.clear_search", id="queue.clear_search")]

    class Cleared(Message):
        """The operator cleared the search."""

    def action_clear_search(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())

    def show_hint(self) -> None:
        """The search hint in the current language, in its short form where the whole one would be cut."""
        whole = i18n.t("queue.search_placeholder")
        room = self.content_region.width - 1  # the cursor's cell
        self.placeholder = whole if room <= 0 or cell_len(whole) <= room else i18n.t("queue.search_placeholder_short")

    def on_resize(self) -> None:
        self.show_hint()


class QueueScreen(DeskScreen):
    """Every complaint, a page at a time; `enter` opens one."""

    DEFAULT_CSS = """
    QueueScreen #queue-search { margin: 0 0; }
    QueueScreen.-short #queue-search { height: 1; border: none; padding: 0 1; }
    """

    BINDINGS = [
        Binding("f", "filters", "queue.key.filter", id="queue.filter"),
        Binding("m", "toggle_mine", "queue.key.mine", id="queue.mine"),
        Binding("o", "toggle_overdue", "queue.key.overdue", id="queue.overdue"),
        Binding("s", "cycle_sort", "queue.key.sort", id="queue.sort"),
        Binding("c", "clear_filters", "queue.key.clear", id="queue.clear"),
        Binding("slash", "focus_search", "queue.key.search", id="queue.search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filt = QueueFilter()
        self.sort = QueueSort.NEWEST
        self.generation = 0
        self.count: int | None = None
        self.error = ""

    @property
    def page_sort(self) -> QueueSort:
        """The order the rows really come in (the overdue filter lists most overdue first)."""
        return effective_sort(self.filt, self.sort)

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    def compose(self) -> ComposeResult:
        yield SectionBar("complaints")
        yield SearchInput(placeholder=i18n.t("queue.search_placeholder"), id="queue-search")
        yield QueueTable(id="queue-table", classes="section-table")
        yield Static(Text(i18n.t("queue.loading")), id="queue-status", classes="status-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.table.policy = self.session.desk.sla
        self.table.focus()
        # Rows are read once the empty queue is on the terminal: the reading thread and the first
        # frame would otherwise take turns, and the switch to the queue would wait for both.
        self.call_after_refresh(self.reload, "first")
        # Time left changes with the clock even when no data does: redrawn as each minute begins.
        every_minute(self, self.redraw)

    # ----- public API -------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the keyboard in the search box (the app's global `/` calls this)."""
        self.query_one(SearchInput).focus()

    def reload(self, kind: Kind) -> None:
        """Replace the loaded rows: the first page, the last page, or the same place refreshed."""
        self.generation += 1
        table = self.table
        table.loading_more = True
        window = table.window
        searching = bool(self.filt.search.strip())
        request = PageRequest(kind, self.generation, self.filt, self.page_sort)
        if kind == "last":
            request = replace(request, from_end=True)
        elif kind == "refresh":
            descending = searching or self.page_sort in (QueueSort.NEWEST, QueueSort.SEVERITY)
            request = replace(
                request,
                after=window.anchor(self.page_sort, searching, descending),
                limit=max(PAGE, min(len(window.rows), window.cap)),
                keep_id=table.current_id(),
                keep_index=table.cursor_row,
            )
        self._fetch(request)
        if kind != "refresh" or self.count is None:
            self.count = None
            self._show_status()
        self._count(self.generation, self.filt)

    def refresh_language(self) -> None:
        """Show every text in the language just chosen, keeping rows, cursor and filters."""
        self.query_one(SearchInput).show_hint()
        self.table.relabel()
        self.redraw()
        self._show_status()

    def redraw(self) -> None:
        """Draw the loaded rows again (time left moves on), keeping cursor and scroll."""
        table = self.table
        table.show_window(self.session.desk.clock(), self.session.desk.sla.zone, table.cursor_row, table.scroll_y)

    # ----- workers ----------------------------------------------------------------------------

    def _fetch(self, request: PageRequest) -> None:
        session = self.session

        def fetch() -> PageLoaded:
            page = queue_page(
                _actor(session), request.filt, request.sort, request.after,
                now=session.desk.clock(), limit=request.limit, from_end=request.from_end,
            )
            return PageLoaded(request, page)

        run_in_background(self, fetch, group="queue", failed="queue.load_failed")

    def _count(self, generation: int, filt: QueueFilter) -> None:
        session = self.session

        def count() -> CountLoaded:
            return CountLoaded(generation, queue_count(_actor(session), filt, session.desk.clock(), cap=COUNT_CAP))

        # The count is a nicety; its failure is only reported.
        run_in_background(self, count, group="queue-count", failed="queue.load_failed")

    def _load_choices(self) -> None:
        # Without choices the dialog cannot open; a failure says why instead.
        run_in_background(self, lambda: FilterChoices(list_shops(), list_staff()), group="queue-choices",
                          failed="queue.load_failed")

    # ----- results ----------------------------------------------------------------------------

    def on_page_loaded(self, message: PageLoaded) -> None:
        request, page = message.request, message.page
        if request.generation != self.generation:
            return
        table = self.table
        window = table.window
        now, zone = self.session.desk.clock(), self.session.desk.sla.zone
        self.error = ""
        if request.kind == "first":
            window.replace(page.rows, more_before=False, more_after=page.more)
            table.show_window(now, zone, 0)
        elif request.kind == "last":
            window.replace(page.rows, more_before=page.more, more_after=False)
            table.show_window(now, zone, len(page.rows) - 1)
        elif request.kind == "refresh":
            window.replace(page.rows, more_before=request.after is not None, more_after=page.more)
            found = window.index_of(request.keep_id) if request.keep_id is not None else None
            table.show_window(now, zone, request.keep_index if found is None else found, table.scroll_y)
        elif request.kind == "next":
            dropped = window.append(page.rows, page.more)
            if dropped:
                table.show_window(now, zone, table.cursor_row - dropped, table.scroll_y - dropped)
            else:
                table.add_rows_of(page.rows, now, zone)
        else:
            added = len(page.rows)
            window.prepend(page.rows, page.more)
            table.show_window(now, zone, table.cursor_row + added, table.scroll_y + added)
        table.loading_more = False
        self._show_status()
        table.check_edges()
        if request.kind == "first" and _NUMBER.match(request.filt.search) and len(page.rows) == 1:
            # Typing a full complaint number goes straight to it.
            self.desk_app.open_complaint(page.rows[0].id)

    def on_count_loaded(self, message: CountLoaded) -> None:
        if message.generation == self.generation:
            self.count = message.count
            self._show_status()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.error = message.text
        self.table.loading_more = False
        self._show_status()

    def on_filter_choices(self, message: FilterChoices) -> None:
        self.app.push_screen(QueueFilterDialog(self.filt, message.shops, message.staff), self._filter_chosen)

    def on_data_changed(self, _message: DataChanged) -> None:
        self.reload("refresh")

    @on(QueueTable.NeedRows)
    def _need_rows(self, message: QueueTable.NeedRows) -> None:
        window = self.table.window
        searching = bool(self.filt.search.strip())
        if message.forward:
            request = PageRequest("next", self.generation, self.filt, self.page_sort,
                                  after=window.after_last(self.page_sort, searching))
        else:
            request = PageRequest("prev", self.generation, self.filt, self.page_sort,
                                  after=window.before_first(self.page_sort, searching), from_end=True)
        self._fetch(request)

    @on(QueueTable.Jump)
    def _jump(self, message: QueueTable.Jump) -> None:
        self.reload("last" if message.to_end else "first")

    @on(DataTable.RowSelected, "#queue-table")
    def _open(self, message: DataTable.RowSelected) -> None:
        if message.row_key.value is not None:
            self.desk_app.open_complaint(int(message.row_key.value))

    @on(Input.Submitted, "#queue-search")
    def _search(self, message: Input.Submitted) -> None:
        self._set_filter(self.filt.model_copy(update={"search": message.value.strip()}))
        self.table.focus()

    @on(SearchInput.Cleared)
    def _search_cleared(self) -> None:
        if self.filt.search:
            self._set_filter(self.filt.model_copy(update={"search": ""}))
        self.table.focus()

    # ----- actions ----------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.focus_search()

    def action_filters(self) -> None:
        self._load_choices()

    def action_toggle_mine(self) -> None:
        self._set_filter(self.filt.model_copy(update={"mine": not self.filt.mine}))

    def action_toggle_overdue(self) -> None:
        self._set_filter(self.filt.model_copy(update={"overdue": not self.filt.overdue}))

    def action_cycle_sort(self) -> None:
        reason = sort_locked_by(self.filt)
        if reason is not None:
            # Say why instead of changing an order the rows would not follow anyway.
            sort = i18n.t(f"queue.sort.{self.page_sort.value}")
            self.notify(i18n.t(f"queue.sort_locked.{reason}", sort=sort), markup=False)
            return
        self.sort = SORT_CYCLE[(SORT_CYCLE.index(self.sort) + 1) % len(SORT_CYCLE)]
        self.reload("first")

    def action_clear_filters(self) -> None:
        self.query_one(SearchInput).value = ""
        self._set_filter(QueueFilter())

    def _filter_chosen(self, chosen: QueueFilter | None) -> None:
        if chosen is not None:
            self._set_filter(chosen)

    def show_filter(self, filt: QueueFilter) -> None:
        """Show the complaints `filt` finds (another screen sends the operator here with it)."""
        self.query_one(SearchInput).value = filt.search
        self._set_filter(filt)

    def _set_filter(self, filt: QueueFilter) -> None:
        self.filt = filt
        self.reload("first")

    def _show_status(self) -> None:
        self.query_one("#queue-status", Static).update(status_line(self.filt, self.page_sort, self.count, self.error))


def _actor(session: DeskSession) -> StaffView:
    if session.actor is None:
        raise RuntimeError("the queue needs a logged-in actor")
    return session.actor
