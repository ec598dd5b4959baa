"""Recording one call to the customer: who to call (phone in full), why, earlier tries, and how it went."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Select, Static

from .... import i18n
from ....domain.callbacks import CONFIRMED, CallbackOutcome, CallbackStatus, CallbackView
from ....domain.errors import InvalidInput
from ....services.callbacks.attempts import record_attempt
from ....services.callbacks.read import get_callback, pending_callback
from ...background import run_in_background
from ...dialogs.form_dialog import FormDialog
from ...dialogs.form_rows import form_row
from ...formatting import local_time, yuan
from ...widgets.choice_select import ChoiceSelect
from .due_table import purpose_text

_YES, _NO = "yes", "no"
_CONFIRMING = frozenset(outcome.value for outcome in CONFIRMED)


@dataclass
class CallbackLoaded(Message):
    """The call-back to record (None: none pending, or `error` says why it could not be read)."""

    view: CallbackView | None
    error: str = ""


def facts_text(view: CallbackView, now: Any, zone: Any) -> Text:
    """What the caller reads before dialling: the phone in full, the purpose, the decision, earlier tries."""
    text = Text()
    text.append(f"{view.complaint_number}  {view.customer_name}  ", style="bold")
    text.append(f"☎ {view.phone}", style="bold reverse")
    text.append("\n" + purpose_text(view.purpose, view.confirm_payment))
    if view.confirm_payment:
        text.append(f" {yuan(view.payment_fen)}", style="bold")
    if view.delivery_number:
        text.append(f" · {view.delivery_number}")
    late = view.due_at <= now
    text.append(" · " + i18n.t("callbacks.dialog.due", due=local_time(view.due_at, zone)),
                style="bold red" if late else "")
    if view.resolution:
        text.append("\n" + i18n.t("callbacks.dialog.decision", text=view.resolution), style="dim")
    for attempt in view.attempts[-3:]:
        line = f"{local_time(attempt.at, zone)} {i18n.label(attempt.outcome)} {attempt.note}".rstrip()
        text.append("\n· " + line + f" ({attempt.actor_code or '—'})", style="dim")
    if view.may_give_up:
        text.append("\n" + i18n.t("callbacks.dialog.may_close"), style="bold yellow")
    return text


class CallbackDialog(FormDialog[CallbackView]):
    """A call-back by id (from the due list) or the complaint's next pending one (from its detail)."""

    long_labels = True
    DEFAULT_CSS = """
    CallbackDialog #callback-facts { height: auto; margin-bottom: 1; }
    """

    def __init__(self, callback_id: int | None = None, complaint_id: int | None = None,
                 on_conflict: Callable[[], None] | None = None) -> None:
        super().__init__(on_conflict)
        self.callback_id = callback_id
        self.complaint_id = complaint_id
        self.callback: CallbackView | None = None
        self.version = 0

    def title_text(self) -> str:
        return i18n.t("callbacks.dialog.title")

    def compose_fields(self) -> ComposeResult:
        yield Static(Text(i18n.t("detail.loading")), id="callback-facts")
        yield form_row(i18n.t("callbacks.dialog.outcome"), ChoiceSelect(
            [(i18n.label(outcome), outcome.value) for outcome in CallbackOutcome], id="field-outcome",
            compact=True, prompt=i18n.t("callbacks.dialog.choose_outcome")))
        yield self.field_error("outcome")
        yield form_row(i18n.t("callbacks.dialog.satisfaction"), Input(
            id="field-satisfaction", max_length=2, compact=True, placeholder="1–5", select_on_focus=False))
        yield self.field_error("satisfaction")
        yield form_row(i18n.t("callbacks.dialog.note"), Input(id="field-note", max_length=1000, compact=True,
                                                                select_on_focus=False))
        yield self.field_error("note")
        # Asked only on a delivery's call-back that may close its complaint: was the delivery the remedy?
        solved = form_row(i18n.t("callbacks.dialog.solved"), Select(
            [], id="field-solved", compact=True, prompt=i18n.t("callbacks.dialog.choose_solved")))
        solved.id = "solved-row"
        solved.display = False
        yield solved
        yield self.field_error("solved")

    def on_mount(self) -> None:
        self.query_one("#field-outcome", Select).focus()
        self._load()

    def _load(self) -> None:
        run_in_background(self, self._read, group="callback-dialog", failed="callbacks.load_failed",
                          failure=lambda text, _error: CallbackLoaded(None, text))

    def _read(self) -> CallbackLoaded:
        zone = self.session.desk.sla.zone
        if self.callback_id is not None:
            return CallbackLoaded(get_callback(self.callback_id, zone))
        assert self.complaint_id is not None
        return CallbackLoaded(pending_callback(self.complaint_id, zone))

    def on_callback_loaded(self, message: CallbackLoaded) -> None:
        message.stop()
        self._adopt(message.view, message.error)

    def _adopt(self, view: CallbackView | None, error: str = "") -> None:
        facts = self.query_one("#callback-facts", Static)
        self.callback = view if view is not None and view.status is CallbackStatus.PENDING else None
        if self.callback is None:
            facts.update(Text(error or i18n.t("callbacks.dialog.none_pending"), style="bold"))
            return
        self.version = self.callback.version
        desk = self.session.desk
        facts.update(facts_text(self.callback, desk.clock(), desk.sla.zone))
        self.query_one("#solved-row").display = self.callback.solves_as is not None
        if self.callback.solves_as is not None:
            self.query_one("#field-solved", Select).set_options([
                (Text(i18n.t("callbacks.dialog.solved_yes", remedy=i18n.label(self.callback.solves_as))), _YES),
                (Text(i18n.t("callbacks.dialog.solved_no")), _NO)])

    def values(self) -> dict[str, Any]:
        if self.callback is None:
            raise InvalidInput("no pending call-back", {"outcome": i18n.t("callbacks.dialog.none_pending")})
        outcome = self.query_one("#field-outcome", Select).value
        data: dict[str, Any] = {
            "outcome": "" if outcome is Select.NULL else outcome,
            "note": self.query_one("#field-note", Input).value,
        }
        score = self.query_one("#field-satisfaction", Input).value.strip()
        if score:
            data["satisfaction"] = score
        if self.callback.solves_as is not None and data["outcome"] in _CONFIRMING:
            solved = self.query_one("#field-solved", Select).value
            if solved is Select.NULL:
                raise InvalidInput("solved not answered", {"solved": i18n.t("callbacks.dialog.solved_needed")})
            data["solved"] = solved == _YES
        return data

    def perform(self, values: dict[str, Any]) -> CallbackView:
        session = self.session
        assert session.actor is not None and self.callback is not None
        return record_attempt(session.desk, session.actor, self.callback.id, values, self.version)

    def reread(self) -> CallbackView:
        assert self.callback is not None
        return get_callback(self.callback.id, self.session.desk.sla.zone)

    def conflicted(self, current: Any) -> None:
        self._adopt(current)
