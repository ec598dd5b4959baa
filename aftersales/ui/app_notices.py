"""What the desk's background work tells the app: the badge's count, the sweep, another desk's change,
a complaint looked up in the palette, the integrity scan."""

from typing import Any

from ..i18n import t


class BackgroundNotices:
    """The app's handlers for the messages its background workers post to it."""

    session: Any

    def on_badge_counted(self: Any, message: Any) -> None:
        self.session.open_escalations = message.count
        if not self.screen_stack:  # the count came back after the desk closed
            return
        for bar in self.screen.query("SectionBar"):
            getattr(bar, "show")()  # noqa: B009 - SectionBar is imported lazily

    def on_sweep_raised(self: Any, message: Any) -> None:
        self.notify(t("escalations.sweep_raised", count=message.count), markup=False)
        self.data_changed()

    def on_database_moved(self: Any, _: object) -> None:
        self.data_changed()

    def on_complaint_looked_up(self: Any, message: Any) -> None:
        from .palette import follow_lookup  # the palette loads when first opened, not before the login

        follow_lookup(self, message)

    def on_integrity_checked(self: Any, event: Any) -> None:
        if event.problems:
            self.notify(
                t("shell.integrity_bad", problem=event.problems[0]), severity="error", timeout=30
            )
