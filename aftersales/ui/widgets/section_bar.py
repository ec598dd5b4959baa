"""The top bar: section keys 1–7 (8 for the admin), who is logged in, and the desk's clock."""

from typing import Any

from rich.text import Text
from textual.widgets import Static

from ...i18n import label, t
from ..formatting import local_time
from ..language import FollowsLanguage
from ..sections import RESTRICTED, SECTIONS, may_open

__all__ = ["RESTRICTED", "SECTIONS", "SectionBar", "may_open"]


def badge_text(count: int) -> str:
    """`12`, or `999+` once the count reached its cap (services.escalations.read.COUNT_CAP)."""
    return "999+" if count >= 1000 else str(count)


class SectionBar(FollowsLanguage, Static):
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
        """Redraw with the current time and user (and, on a read-only file, the line that says so)."""
        app: Any = self.app
        self.styles.height = 2 if app.session.read_only else 1
        self.update(self.render_bar())

    def refresh_language(self) -> None:
        self.show()

    def _sections(self, named: str) -> Text:
        """The section keys with names: `full` every name whole, `short` the current one whole and the others
        short, `shortest` every name short, `keys` only the current one's (short)."""
        app: Any = self.app
        line = Text(no_wrap=True, overflow="ellipsis")
        actor = app.session.actor
        places = [(str(number), name) for number, name in enumerate(SECTIONS, 1)]
        places += [(key, name) for name, (key, _) in RESTRICTED.items()]
        # Only the places this actor may open: the dispatcher's bar shows the deliveries board alone.
        places = [(key, name) for key, name in places if (may_open(actor, name) if actor else name in SECTIONS)]
        for key, name in places:
            current = name == self.section
            line.append(f" {key}", style="bold reverse" if current else "bold")
            if named == "keys" and not current:
                continue
            whole = named == "full" or (named == "short" and current)
            words = t(f"shell.section.{name}") if whole else t(f"shell.section_short.{name}")
            line.append(" " + words, style="reverse" if current else "dim")
        return line

    def render_bar(self) -> Text:
        app: Any = self.app
        # Room kept for who and when: at least the staff code and the time (and the escalations badge).
        actor = app.session.actor
        least = (len(actor.code) + 2 if actor is not None else 0) + 7 + self._badge_cells()
        for named in ("full", "short", "shortest", "keys"):
            line = self._sections(named)
            if line.cell_len + least <= self.size.width:
                break
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
            width = line.cell_len + sum(Text(part).cell_len for part in who) + len(clock) + 4 + self._badge_cells()
            if width <= self.size.width:
                break
        right = Text(no_wrap=True)
        badge = app.session.open_escalations
        if badge:
            right.append(t("escalations.badge", count=badge_text(badge)), style="bold white on magenta")
            right.append(" ")
        if who:
            right.append(who[0], style="bold")
            right.append("".join(who[1:]) + "  ")
        right.append(clock + " ")
        gap = max(1, self.size.width - line.cell_len - right.cell_len)
        bar = line + Text(" " * gap) + right
        if app.session.read_only:
            banner = Text(f" {t('shell.read_only')}", style="bold black on yellow", no_wrap=True, overflow="ellipsis")
            banner.pad_right(max(0, self.size.width - banner.cell_len))
            bar = bar + Text("\n") + banner
        return bar

    def _badge_cells(self) -> int:
        count = getattr(self.app, "session").open_escalations  # noqa: B009
        return len(t("escalations.badge", count=badge_text(count))) + 1 if count else 0

    def on_resize(self) -> None:
        self.show()
