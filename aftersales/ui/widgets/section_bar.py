"""The top bar: section keys 1–7, who is logged in, and the desk's clock."""

from typing import Any

from rich.text import Text
from textual.widgets import Static

from ...domain.permissions import sees_section
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
        actor = app.session.actor
        for number, name in enumerate(SECTIONS, 1):
            if actor is not None and not sees_section(actor.role, name):
                continue  # the dispatcher's bar shows the deliveries board alone
            current = name == self.section
            line.append(f" {number}", style="bold reverse" if current else "bold")
            line.append(" " + t(f"shell.section.{name}"), style="reverse" if current else "dim")
        desk = app.session.desk
        now = desk.clock()
        who = [f"{actor.code} {actor.name}", f" · {label(actor.role)}"] if actor is not None else []
        clock = local_time(now, desk.sla.zone)
        # Narrow terminals give up the role, then the date, then the name: never the clock.
        for attempt in range(4):
            if attempt == 1:
                who = who[:1]
            elif attempt == 2:
                clock = local_time(now, desk.sla.zone, with_date=False)
            elif attempt == 3 and actor is not None:
                who = [actor.code]
            width = line.cell_len + sum(Text(part).cell_len for part in who) + len(clock) + 4
            if width <= self.size.width:
                break
        right = Text(no_wrap=True)
        if who:
            right.append(who[0], style="bold")
            right.append("".join(who[1:]) + "  ")
        right.append(clock + " ")
        gap = max(1, self.size.width - line.cell_len - right.cell_len)
        return line + Text(" " * gap) + right

    def on_resize(self) -> None:
        self.show()
