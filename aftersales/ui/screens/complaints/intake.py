"""The intake form (`n`): phone first, shop, classification, description; saves without losing text."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from ....domain.enums import Category, Channel, MajorReason, Remedy, Severity
from ....domain.errors import InvalidInput
from ....domain.schemas import ComplaintInput, ComplaintView, StaffView
from ....i18n import t
from ....services.complaints.intake import create_complaint
from ....services.context import Desk
from ...background import run_in_background
from ...messages import SaveFailed
from ...widgets.choice_select import ChoiceSelect
from ...widgets.customer_history import CustomerHistory
from ...widgets.desk_footer import DeskFooter
from ...widgets.duplicate_warning import DuplicateWarning
from ...widgets.field_error import FieldError
from ...widgets.section_bar import SectionBar
from ...widgets.shop_picker import ShopPicker
from ...widgets.tick_box import TickBox
from ..desk_screen import DeskScreen
from ..documents.document_check import DocumentCheck
from .intake_discard import DiscardIntakeScreen
from .intake_errors import local_errors, save_failure_text, service_errors
from .intake_fields import DOCUMENT_FIELDS, FIELDS, TEXT_FIELDS, caption_words, labelled, valid_phone
from .intake_marks import bring_into_view, out_of_view, shown_marks

PHONE_DEBOUNCE_S = 0.4


@dataclass
class ComplaintSaved(Message):
    """The new complaint was stored; `view` is what was saved."""

    view: ComplaintView


class IntakeScreen(DeskScreen):
    """Take a new complaint; the shell asks `has_unsaved_text()` before leaving."""

    CSS_PATH = "intake.tcss"

    BINDINGS = [
        Binding("f10", "save", "intake.binding.save", id="intake.save"),
        # Multiplexers may swallow ctrl+s, so F10 is the key the footer shows.
        Binding("ctrl+s", "save", "intake.binding.save_alt", show=False, id="intake.save_alt"),
        Binding("f3", "open_duplicate", "intake.binding.open_duplicate", id="intake.open_duplicate"),
        Binding("escape", "back", "intake.binding.back", id="intake.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._visible: set[str] = set()  # fields whose errors are on screen
        self._saving = False
        self._finished = False
        self._auto_name = ""  # the name we filled in from the customer record
        self._phone_timer: Timer | None = None
        self._status: Callable[[], str] | None = None  # rebuilt when the language changes

    # ----- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SectionBar("complaints")
        yield Static(self._title(), id="intake-title")
        # Tab order is the order of a call: who, which shop, what kind of complaint, the story, then
        # the optional papers. Two columns on a wide terminal, one scrolling column on a narrow one.
        with Horizontal(id="intake-columns"):
            with VerticalScroll(id="intake-left", can_focus=False):
                yield self._caption("intake.customer", "section")
                yield self._field("phone", self._input("phone", t("intake.placeholder.phone")))
                yield CustomerHistory(self.session.desk.sla.zone, id="intake-history")
                yield self._field("customer_name", self._input("customer_name"))
                yield self._field("shop_code", ShopPicker(id="shop"), "intake.field.shop")
                yield DuplicateWarning(id="intake-duplicate")
                yield self._caption("intake.complaint", "section")
                yield self._field("category", self._select("category", Category))
                yield self._field("severity", self._select("severity", Severity, Severity.NORMAL))
                yield self._field("channel", self._select("channel", Channel, Channel.PHONE))
                yield self._field("remedy", self._select("remedy", Remedy))
                yield TickBox(t("intake.field.major_incident"), id="major_incident", compact=True)
                reason = self._select("major_reason", MajorReason)
                reason.disabled = True
                yield self._field("major_reason", reason, sub_field=True)
            with VerticalScroll(id="intake-right", can_focus=False):
                yield self._caption("intake.field.description", "section")
                yield TextArea(id="description", soft_wrap=True, tab_behavior="focus")
                yield FieldError("description")
                yield self._caption("intake.details", "section")
                for name in ("product", "contract_no", "receipt_no", "address"):
                    yield self._field(name, self._input(name))
                    if name in DOCUMENT_FIELDS:
                        yield DocumentCheck(DOCUMENT_FIELDS[name], id=f"{name}-check")
        yield Static("", id="intake-status", markup=False)
        yield DeskFooter()

    def _title(self) -> Text:
        return Text(t("intake.title"), style="bold")

    def _caption(self, key: str, classes: str) -> Label:
        # `name` keeps the message key so a language switch can relabel in place.
        return Label(caption_words(key, classes), name=key, classes=f"{classes} i18n", markup=False)

    def _field(self, name: str, widget: Widget, label_key: str | None = None, sub_field: bool = False) -> Vertical:
        caption = self._caption(label_key or f"intake.field.{name}", "field-label sub-label" if sub_field else "field-label")
        return Vertical(Horizontal(caption, widget, classes="field-line"), FieldError(name),
                        classes="field sub-field" if sub_field else "field")

    def _input(self, name: str, placeholder: str = "") -> Input:
        # Tabbing into a filled field must not select it: the next key would wipe what was typed.
        return Input(id=name, placeholder=placeholder, compact=True, select_on_focus=False)

    def _select(self, name: str, enum: Any, value: Any = Select.NULL) -> ChoiceSelect:
        return ChoiceSelect(
            labelled(enum), id=name, value=value, allow_blank=value is Select.NULL,
            prompt=t("intake.placeholder.choose"), compact=True,
        )

    def on_mount(self) -> None:
        self.query_one("#phone", Input).focus()

    # ----- reading the form ---------------------------------------------------------------

    def form_data(self) -> dict[str, object]:
        """What the form holds, as the intake schema's field names."""
        data: dict[str, object] = {name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS}
        shop = self.query_one(ShopPicker).shop
        data["shop_code"] = shop.code if shop is not None else ""
        for name in ("category", "severity", "channel", "remedy"):
            data[name] = self._choice(name)
        major = self.query_one("#major_incident", Checkbox).value
        data["major_incident"] = major
        data["major_reason"] = self._choice("major_reason") if major else None
        data["description"] = self.query_one("#description", TextArea).text
        return data

    def _choice(self, name: str) -> object:
        value = self.query_one(f"#{name}", Select).value
        return None if value is Select.NULL else value

    def has_unsaved_text(self) -> bool:
        """True while the form holds typed text that has not been saved."""
        if self._finished:
            return False
        typed = [self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS]
        typed.append(self.query_one(ShopPicker).filter_text)
        typed.append(self.query_one("#description", TextArea).text)
        return any(value.strip() for value in typed)

    # ----- inline errors ------------------------------------------------------------------

    def _refresh_errors(self) -> dict[str, str]:
        errors = local_errors(self.form_data())
        self._show_errors(errors)
        return errors

    def _show_errors(self, errors: dict[str, str]) -> None:
        for line in self.query(FieldError):
            line.show(errors.get(line.field, "") if line.field in self._visible else "")

    @on(Input.Blurred)
    def _field_left(self, event: Input.Blurred) -> None:
        name = event.input.id or ""
        if name == "shop-filter":
            name = "shop_code"
        if name in FIELDS and event.value.strip():
            self._visible.add(name)
            self._refresh_errors()
        if name == "phone":
            self._phone_settled()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _field_changed(self) -> None:
        if self._visible:
            self._refresh_errors()

    @on(Checkbox.Changed, "#major_incident")
    def _major_toggled(self, event: Checkbox.Changed) -> None:
        self.query_one("#major_reason", Select).disabled = not event.value
        if self._visible:
            self._refresh_errors()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def _set_status(self, message: Callable[[], str], *, error: bool = False) -> None:
        self._status = message
        status = self.query_one("#intake-status", Static)
        status.update(Text(message()))
        status.set_class(error, "-error")

    # ----- customer by phone, duplicates -------------------------------------------------

    @on(Input.Changed, "#phone")
    def _phone_typed(self) -> None:
        if self._phone_timer is not None:
            self._phone_timer.stop()
            self._phone_timer = None
        if valid_phone(self.query_one("#phone", Input).value) is None:
            self.query_one(CustomerHistory).forget()
            self._check_duplicates()
            return
        self._phone_timer = self.set_timer(PHONE_DEBOUNCE_S, self._phone_settled)

    def _phone_settled(self) -> None:
        phone = valid_phone(self.query_one("#phone", Input).value)
        history = self.query_one(CustomerHistory)
        if phone is not None and phone != history.phone:
            history.look_up(phone)

    @on(CustomerHistory.Found)
    def _customer_found(self, event: CustomerHistory.Found) -> None:
        name_input = self.query_one("#customer_name", Input)
        # Fill the name only where the operator has not typed one of their own.
        if event.name and (not name_input.value.strip() or name_input.value == self._auto_name):
            self._auto_name = event.name
            name_input.value = event.name
        self._check_duplicates()

    @on(ShopPicker.Chosen)
    def _shop_chosen(self) -> None:
        if self._visible:
            self._refresh_errors()
        self._check_duplicates()
        for check in self.query(DocumentCheck):
            check.shop_chosen(str(self.form_data()["shop_code"]))

    @on(Input.Changed, "#contract_no, #receipt_no")
    def _document_typed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-check", DocumentCheck).check(event.value, str(self.form_data()["shop_code"]))

    def _check_duplicates(self) -> None:
        shop = self.query_one(ShopPicker).shop
        self.query_one(DuplicateWarning).check(
            self.session.desk,
            valid_phone(self.query_one("#phone", Input).value),
            shop.code if shop is not None else None,
        )

    @on(DuplicateWarning.Changed)
    def _duplicates_changed(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_duplicate":
            warnings = self.query(DuplicateWarning)
            return bool(warnings) and warnings.first().first_id is not None and not self._saving
        return True

    def action_open_duplicate(self) -> None:
        """Open the earlier complaint; this form stays underneath with its text."""
        first_id = self.query_one(DuplicateWarning).first_id
        if first_id is not None:
            app: Any = self.app
            app.open_complaint(first_id)

    # ----- saving -------------------------------------------------------------------------

    def action_save(self) -> None:
        """Validate here first (no round trip), then save in a worker."""
        if self._saving or self._finished:
            return
        data = self.form_data()
        self._visible = set(FIELDS)
        errors = self._refresh_errors()
        if errors:
            self._say_marks()  # said again once the first mark is in view
            self._focus_field(next(name for name in FIELDS if name in errors))
            return
        session = self.session
        if session.actor is None:
            self._set_status(lambda: t("intake.save_failed", reason=t("intake.no_actor")), error=True)
            return
        self._saving = True
        self.refresh_bindings()
        self._set_status(lambda: t("intake.saving"))
        self._save(session.desk, session.actor, ComplaintInput.model_validate(data))

    def _focus_field(self, name: str) -> None:
        """Focus the field `name` and scroll its mark into view (once shown, its line has a height)."""
        target = "#shop-filter" if name == "shop_code" else f"#{name}"
        widget = self.query_one(target)
        if widget.focusable:
            widget.focus()
        bring_into_view(self, name, self._say_marks)

    def _say_marks(self) -> None:
        """Count the marks shown (the line and the form agree), and say how many are further down."""
        marks = shown_marks(self)
        count, below = len(marks), out_of_view(self, marks)
        key = "intake.fix_errors_below" if below else "intake.fix_errors"
        self._set_status(lambda: t(key, count=count, below=below), error=True)

    def _save(self, desk: Desk, actor: StaffView, data: ComplaintInput) -> None:
        """Store the complaint off the event loop; every failure comes back as a message and keeps the form."""
        run_in_background(self, lambda: ComplaintSaved(create_complaint(desk, actor, data)), group="intake-save",
                          failed="intake.save_failed", failure=SaveFailed)

    def on_complaint_saved(self, message: ComplaintSaved) -> None:
        self._saved(message.view)

    def on_save_failed(self, message: SaveFailed) -> None:
        self._save_failed(message.error)

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        self.refresh_bindings()
        if isinstance(exc, InvalidInput):
            self._visible = set(FIELDS)
            errors = {**local_errors(self.form_data()), **service_errors(exc.fields)}
            self._show_errors(errors)
            # Only scrolled to: moving the focus would re-check the form and drop the service's marks.
            first = next((name for name in FIELDS if name in errors), None)
            if first is not None:
                bring_into_view(self, first, lambda: None)
        self._set_status(lambda: t("intake.save_failed", reason=save_failure_text(exc)), error=True)
        self.notify(t("intake.save_failed", reason=save_failure_text(exc)), severity="error", markup=False)

    def _saved(self, view: ComplaintView) -> None:
        self._saving = False
        self._finished = True
        app: Any = self.app
        app.data_changed()
        app.notify(t("intake.saved", number=view.number), markup=False)
        self._leave()
        app.open_complaint(view.id)

    # ----- language ------------------------------------------------------------------------

    def refresh_language(self) -> None:
        """Relabel everything in the language just chosen; every typed character stays."""
        self.query_one("#intake-title", Static).update(self._title())
        for caption in self.query(".i18n").results(Label):
            caption.update(caption_words(caption.name or "", " ".join(caption.classes)))
        self.query_one("#phone", Input).placeholder = t("intake.placeholder.phone")
        for name, enum in (("category", Category), ("severity", Severity), ("channel", Channel),
                           ("remedy", Remedy), ("major_reason", MajorReason)):
            select = self.query_one(f"#{name}", ChoiceSelect)
            select.prompt = t("intake.placeholder.choose")
            select.set_choices(labelled(enum))
        self.query_one("#major_incident", Checkbox).label = t("intake.field.major_incident")
        if self._visible:
            self._refresh_errors()
        if self._status is not None:
            self.query_one("#intake-status", Static).update(Text(self._status()))

    # ----- leaving ------------------------------------------------------------------------

    def action_back(self) -> None:
        """Leave; with typed text, ask first so nothing is lost silently."""
        if self._saving:
            return  # the save's answer decides where the operator goes next
        if self.has_unsaved_text():
            self.app.push_screen(DiscardIntakeScreen(), self._discard_answered)
        else:
            self._leave()

    def _discard_answered(self, discard: bool | None) -> None:
        if discard:
            self._finished = True
            self._leave()

    def _leave(self) -> None:
        # dismiss() pops whatever is on top, so only while this form is that screen.
        if self.app.screen is self:
            self.dismiss()
