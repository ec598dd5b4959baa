"""The top bar: section keys 1–7, who is logged in, and the desk's clock."""

from typing import Any

from rich.text import Text
from textual.widgets import Static

from ...i18n import label, t
from ..formatting import local_time

SECTIONS = ("dashboard", "complaints", "deliveries", "escalations", "penalties", "shops", "reports")


class SectionBar(Static):
    """One line of section keys (the current one highlighted), the user and role, the time."""

    DEFAULT_CSS = """
    SectionBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, section: str | None = None, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.section = section

    def on_mount(self) -> None:
        self.show()
        self.set_interval(30, self.show)

    def show(self) -> None:
        """Redraw with the current time and user."""
        self.update(self.render_bar())

    def render_bar(self) -> Text:
        app: Any = self.app
        line = Text(no_wrap=True, overflow="ellipsis")
        for number, name in enumerate(SECTIONS, 1):
            current = name == self.section
            line.append(f" {number}", style="bold reverse" if current else "bold")
            line.append(" " + t(f"shell.section.{name}"), style="reverse" if current else "dim")
        right = Text(no_wrap=True)
        actor = app.session.actor
        if actor is not None:
            right.append(f"{actor.code} {actor.name}", style="bold")
            right.append(f" · {label(actor.role)}  ")
        desk = app.session.desk
        now = desk.clock()
        clock = local_time(now, desk.sla.zone) + " "
        if line.cell_len + right.cell_len + len(clock) >= self.size.width:
            clock = local_time(now, desk.sla.zone, with_date=False) + " "  # narrow terminal: time only
        right.append(clock)
        gap = max(1, self.size.width - line.cell_len - right.cell_len)
        return line + Text(" " * gap) + right

    def on_resize(self) -> None:
        self.show()
