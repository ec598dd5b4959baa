"""Recording a visit to a shop, and the follow-up that closes its rectification."""

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from .... import i18n
from ....domain.directory import ShopEntry
from ....domain.supervision import VisitView
from ....services.supervision.visits import close_rectification, record_visit
from ...dialogs.form_dialog import FormDialog
from ..directory.fields import line, text_field, typed_dates


def text_box(name: str) -> TextArea:
    return TextArea(id=f"field-{name}", soft_wrap=True, tab_behavior="focus")


class VisitDialog(FormDialog[VisitView]):
    """A visit to `shop`: the day, what was found, what must be put right and by when."""

    DEFAULT_CSS = "VisitDialog TextArea { height: 4; }"

    def __init__(self, shop: ShopEntry, today: date) -> None:
        super().__init__()
        self.shop = shop
        self.today = today

    def title_text(self) -> str:
        return i18n.t("visits.dialog.add_title", code=self.shop.code, name=self.shop.name)

    def compose_fields(self) -> ComposeResult:
        yield line("visited_on", "visits.column.visited_on", text_field("visited_on", self.today.isoformat(),
                                                                       max_length=10))
        yield line("findings", "visits.column.findings", text_box("findings"))
        yield line("rectification", "visits.column.rectification", text_field("rectification", max_length=1000))
        yield line("due_on", "visits.column.due_on", text_field("due_on", max_length=10,
                                                               placeholder=i18n.t("visits.dialog.date_hint")))

    def values(self) -> dict[str, Any]:
        dates = typed_dates(self, "visited_on", "due_on")
        return {"shop_code": self.shop.code, **dates,
                "findings": self.query_one("#field-findings", TextArea).text,
                "rectification": self.query_one("#field-rectification", Input).value}

    def perform(self, values: dict[str, Any]) -> VisitView:
        session = self.session
        assert session.actor is not None
        return record_visit(session.desk, session.actor, values)


class FollowUpDialog(FormDialog[VisitView]):
    """The follow-up of a visit: the rectification was found done."""


    def __init__(self, visit: VisitView, today: date) -> None:
        super().__init__()
        self.visit = visit
        self.today = today

    def title_text(self) -> str:
        return i18n.t("visits.dialog.follow_title", date=self.visit.visited_on.isoformat(),
                      rectification=self.visit.rectification)

    def compose_fields(self) -> ComposeResult:
        yield line("followed_up_on", "visits.column.followed_up_on",
                   text_field("followed_up_on", self.today.isoformat(), max_length=10))
        yield line("note", "visits.column.note", text_field("note", max_length=1000))

    def values(self) -> dict[str, Any]:
        return {**typed_dates(self, "followed_up_on"), "note": self.query_one("#field-note", Input).value}

    def perform(self, values: dict[str, Any]) -> VisitView:
        session = self.session
        assert session.actor is not None
        return close_rectification(session.desk, session.actor, self.visit.id, values, self.visit.version)
