"""The keys every penalty screen shares: propose, and decide the violation under the cursor.

A key the role may never use is hidden; one the violation's state or the four-eyes rule does not allow
now is greyed. The services check again.
"""

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from .... import i18n
from ....domain.errors import PermissionDenied
from ....domain.penalties.enums import DismissalReview, RuleKind, SubjectKind, ViolationStatus
from ....domain.penalties.schemas import Consequence, SubjectRef, ViolationView
from ....domain.penalties.workflow import four_eyes
from ....domain.permissions import Action, allowed
from ....domain.schemas import StaffView
from ....services.penalties.read import confirm_consequence, overturn_consequence
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...widgets.desk_footer import DeskFooter
from ..desk_screen import DeskScreen
from .decide_dialogs import AppealDecisionDialog, AppealDialog, ConfirmDialog, ReviewDialog, WaiveDialog
from .dialogs import ProposeDialog

V = ViolationStatus
# What `enter` does on a violation, in this order: the first the actor may do now.
ENTER_DECISIONS = ("confirm", "appeal_decision", "review")


def _decide(view: ViolationView, actor: StaffView) -> bool:
    """Four-eyes for a proposal, and the manager for a discretionary amount."""
    try:
        four_eyes(actor.id, view.subject_staff_id, view.proposer_id)
    except PermissionDenied:
        return False
    return True


def decision_state(kind: str, view: ViolationView | None, actor: StaffView) -> bool | None:
    """True: possible now; None: greyed (not now, or not by this person); False: never for this role."""
    role = actor.role
    needs = {"confirm": Action.DECIDE_VIOLATION, "waive": Action.DECIDE_VIOLATION, "appeal": Action.APPEAL_VIOLATION,
             "appeal_decision": Action.DECIDE_VIOLATION, "review": Action.DISMISSAL_DECISION}[kind]
    if not allowed(role, needs):
        return False
    if view is None:
        return None
    discretionary = view.rule_kind is RuleKind.DISCRETIONARY
    if kind in ("confirm", "waive"):
        ok = view.status is V.PROPOSED and _decide(view, actor)
        if kind == "confirm" and discretionary:
            ok = ok and allowed(role, Action.DECIDE_AMOUNT)
    elif kind == "appeal":
        own = view.subject_staff_id == actor.id or allowed(role, Action.VIEW_PENALTIES)
        ok = view.status in (V.CONFIRMED, V.DEDUCTED) and view.appellant_id is None and own
    elif kind == "appeal_decision":
        ok = view.status is V.APPEALED and actor.id not in (view.subject_staff_id, view.appellant_id)
        ok = ok and (not discretionary or allowed(role, Action.DECIDE_AMOUNT))
    else:
        ok = view.review is DismissalReview.OPEN and view.subject_staff_id != actor.id
    return True if ok else None


@dataclass
class ConsequenceLoaded(Message):
    """What a decision would do, read in a thread; the dialog opens with it."""

    kind: str
    view: ViolationView
    consequence: Consequence


class ViolationScreen(DeskScreen):
    """A penalty screen with a violation under the cursor (or none)."""

    BINDINGS = [
        Binding("c", "decide('confirm')", "penalties.key.confirm", id="penalties.confirm"),
        Binding("w", "decide('waive')", "penalties.key.waive", id="penalties.waive"),
        Binding("d", "decide('appeal_decision')", "penalties.key.decide_appeal", id="penalties.decide_appeal"),
        Binding("r", "decide('review')", "penalties.key.review", id="penalties.review"),
        Binding("a", "decide('appeal')", "penalties.key.appeal", id="penalties.appeal"),
        Binding("p", "propose", "penalties.key.propose", id="penalties.propose"),
        Binding("f", "files", "attachments.key.files", id="penalties.files", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.opening = False

    @property
    def actor(self) -> StaffView:
        actor = self.session.actor
        assert actor is not None
        return actor

    def selected_violation(self) -> ViolationView | None:
        """The violation under the cursor."""
        return None

    def propose_subject(self) -> SubjectRef | None:
        """Whom a new proposal from this screen is about (None: the proposer chooses)."""
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.session.actor is None:
            return True
        if action == "decide" and parameters:
            return decision_state(str(parameters[0]), self.selected_violation(), self.actor)
        if action == "propose":
            return allowed(self.actor.role, Action.PROPOSE_VIOLATION)
        return True

    def action_files(self) -> None:
        """The evidence of the violation under the cursor: photos and papers."""
        view = self.selected_violation()
        if view is not None:
            from ....domain.attachments import AttachmentSubject
            from ..attachments.files import AttachmentsScreen

            self.app.push_screen(AttachmentsScreen(AttachmentSubject.VIOLATION, view.id,
                                                   i18n.t("attachments.violation", id=view.id)))

    def action_act(self) -> None:
        """`enter` on a violation: the decision it waits for, if this person may take it."""
        view = self.selected_violation()
        for kind in ENTER_DECISIONS:
            if decision_state(kind, view, self.actor):
                self.action_decide(kind)
                return

    def action_decide(self, kind: str) -> None:
        view = self.selected_violation()
        if view is None or self.opening or not decision_state(kind, view, self.actor):
            return
        if kind in ("confirm", "appeal_decision"):
            self.opening = True
            self._load_consequence(kind, view)
            return
        dialog = {"waive": WaiveDialog, "appeal": AppealDialog, "review": ReviewDialog}[kind](view)
        self.app.push_screen(dialog, self.dialog_closed)

    def _load_consequence(self, kind: str, view: ViolationView) -> None:
        session = self.session
        assert session.actor is not None
        actor = session.actor
        consequence_of = confirm_consequence if kind == "confirm" else overturn_consequence
        run_in_background(self, lambda: ConsequenceLoaded(kind, view, consequence_of(session.desk, actor, view.id)),
                          group="penalty-consequence", failed="penalties.load_failed")

    def on_consequence_loaded(self, message: ConsequenceLoaded) -> None:
        self.opening = False
        dialog: Any
        if message.kind == "confirm":
            dialog = ConfirmDialog(message.view, message.consequence)
        else:
            dialog = AppealDecisionDialog(message.view, message.consequence)
        self.app.push_screen(dialog, self.dialog_closed)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.opening = False
        self.notify(message.text, severity="error", markup=False)

    def action_propose(self) -> None:
        if allowed(self.actor.role, Action.PROPOSE_VIOLATION):
            subject = self.propose_subject()
            if subject is not None and subject.kind is SubjectKind.STAFF and subject.code == self.actor.code:
                subject = None  # one's own ledger: the proposer chooses whom it is about
            self.app.push_screen(ProposeDialog(subject), self.dialog_closed)

    def dialog_closed(self, result: object) -> None:
        if result is not None:
            self.notify(i18n.t("detail.saved"), markup=False)
            self.desk_app.data_changed()

    def reload(self) -> None:
        """Read what the screen shows again."""

    @on(DataChanged)
    def _changed(self) -> None:
        self.reload()


class KeyFooter(DeskFooter):
    """A footer showing only `actions` (the rest stay in F1 help and the palette)."""

    def __init__(self, actions: set[str]) -> None:
        super().__init__(show_command_palette=False)
        self.actions = actions

    def shown_keys(self, widgets: list[Widget]) -> list[Widget]:
        return [widget for widget in widgets if getattr(widget, "action", None) in self.actions]
