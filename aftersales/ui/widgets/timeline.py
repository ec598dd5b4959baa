"""A complaint's events, oldest first: who did what and when, notes and customer contacts apart."""

from zoneinfo import ZoneInfo

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ... import i18n
from ...domain.enums import ComplaintStatus, EventKind, Remedy
from ...domain.schemas import EventView
from ...domain.text import strip_controls
from ..formatting import local_time, yuan
from .timeline_logistics import LOGISTICS_KINDS, logistics_text

# Customer contact and internal notes must never be mistaken for each other.
_KIND_STYLE = {
    EventKind.CONTACT: ("☎ ", "bold cyan"),
    EventKind.NOTE: ("✎ ", "yellow"),
}


def _status_or_raw(value: str) -> str:
    try:
        return i18n.label(ComplaintStatus(value))
    except ValueError:
        return value


def _remedy_or_raw(value: str) -> str:
    try:
        return i18n.label(Remedy(value))
    except ValueError:
        return value


def resolution_text(remedy: str, fen: str, decision: str) -> str:
    """`<remedy> · ¥120.50 · <decision>`; parts that are missing or unreadable are left out or shown as stored."""
    money = yuan(int(fen)) if fen.isdigit() else fen
    return " · ".join(part for part in (_remedy_or_raw(remedy) if remedy else "", money, decision) if part)


def _is_resolution(event: EventView) -> bool:
    """A resolution stored as field "remedy": new = remedy code, old = compensation in fen, note = decision."""
    return event.kind is EventKind.RESOLVED and event.field == "remedy"


def note_text(event: EventView) -> str:
    """What the event's note column says; resolutions, deliveries and call-backs are spelt out from their parts."""
    if event.kind in LOGISTICS_KINDS:
        return logistics_text(event)
    if _is_resolution(event):
        return resolution_text(event.new, event.old, event.note)
    return event.note


def change_text(event: EventView) -> Text:
    """`old → new` of an event, with status values shown by their labels."""
    if event.kind in (EventKind.CREATED, *LOGISTICS_KINDS) or _is_resolution(event) or not (event.old or event.new):
        return Text("")
    if event.field == "status" or event.kind is EventKind.MERGED:
        old, new = _status_or_raw(event.old), _status_or_raw(event.new)
    else:
        old, new = event.old, event.new
    return Text(strip_controls(f"{old or i18n.t('detail.none')} → {new}"))


def kind_text(event: EventView) -> Text:
    prefix, style = _KIND_STYLE.get(event.kind, ("", "bold"))
    return Text(prefix + i18n.label(event.kind), style=style)


def timeline_table(events: list[EventView], zone: ZoneInfo) -> Table:
    """The events as a table; every cell is literal text."""
    table = Table(expand=True, box=None, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column(Text(i18n.t("detail.timeline_col.time")), width=11, no_wrap=True)
    table.add_column(Text(i18n.t("detail.timeline_col.kind")), width=20, no_wrap=True)
    table.add_column(Text(i18n.t("detail.timeline_col.actor")), width=8, no_wrap=True)
    table.add_column(Text(i18n.t("detail.timeline_col.change")), width=30, overflow="fold")
    table.add_column(Text(i18n.t("detail.timeline_col.note")), ratio=1, overflow="fold")
    for event in events:
        note_style = "cyan" if event.kind is EventKind.CONTACT else ""
        table.add_row(
            Text(local_time(event.at, zone)),
            kind_text(event),
            Text(event.actor_code or i18n.t("detail.none")),
            change_text(event),
            Text(strip_controls(note_text(event)), style=note_style),
        )
    return table


class Timeline(VerticalScroll, can_focus=True):
    """Scrollable event list of one complaint."""

    DEFAULT_CSS = """
    Timeline { height: 1fr; border: round $panel; padding: 0 1; }
    Timeline:focus { border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-body")

    def show(self, events: list[EventView], zone: ZoneInfo) -> None:
        self.query_one("#timeline-body", Static).update(timeline_table(events, zone))
        self.border_title = i18n.t("detail.timeline")
