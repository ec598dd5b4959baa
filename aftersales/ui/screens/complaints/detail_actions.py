"""The keys of the complaint detail, one entry per action, so each section adds its own.

An entry names the permission the role needs (the key is hidden without it), when the complaint's
state allows it now (the key is greyed otherwise), the one line that says why when a greyed key is
pressed anyway, and the dialog that carries it out. The detail builds its bindings, its footer and
its checks from DETAIL_ACTIONS; the services check again.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .... import i18n
from ....domain.enums import OPEN_STATUSES, ComplaintStatus
from ....domain.permissions import Action, allowed
from ....domain.schemas import ComplaintView, StaffView
from ....domain.status_machine import status_choices
from ..callbacks.callback_dialog import CallbackDialog
from ..callbacks.close_dialog import CloseUnreachableDialog
from ..deliveries.dispatch_dialog import DispatchDialog
from ..escalations.dialogs import EscalateDialog
from ..partners.dialogs import ReferralDialog, ReplyDialog
from ..penalties.dialogs import from_complaint
from .detail_dialogs import (
    AssignDialog,
    DuplicateDialog,
    NoteDialog,
    ResolveDialog,
    StatusDialog,
    WithdrawDialog,
)

# A dialog built from the complaint shown and a function that reloads the detail after a conflict.
DialogFactory = Callable[[ComplaintView, Callable[[], None]], Any]


def not_now(view: ComplaintView, actor: StaffView) -> str:
    """The plain reason: the complaint's status does not allow this key now."""
    return i18n.t("detail.unavailable.status", number=view.number, status=i18n.label(view.status))


@dataclass(frozen=True)
class DetailAction:
    """One key of the detail: `dialog` None means the detail runs it directly (acknowledge).

    `why_not` says in one line (in the desk's language) why the key is greyed for this complaint.
    """

    name: str
    key: str
    permission: Action
    possible: Callable[[ComplaintView, StaffView], bool]
    dialog: DialogFactory | None = None
    in_footer: bool = False
    why_not: Callable[[ComplaintView, StaffView], str] = not_now

    @property
    def binding_id(self) -> str:
        return f"detail.{self.name}"

    label_key: str = ""

    @property
    def label(self) -> str:
        """Catalog key of the key's description."""
        return self.label_key or f"detail.key.{self.name}"


def _can_assign(view: ComplaintView, actor: StaffView) -> bool:
    if view.status is ComplaintStatus.CLOSED:
        return False
    return allowed(actor.role, Action.ASSIGN_ANY) or view.assignee is None or view.assignee.id == actor.id


def _is_open(view: ComplaintView, actor: StaffView) -> bool:
    return view.status in OPEN_STATUSES


def _why_not_assign(view: ComplaintView, actor: StaffView) -> str:
    if view.status is ComplaintStatus.CLOSED or view.assignee is None:
        return not_now(view, actor)
    return i18n.t("detail.unavailable.assign", number=view.number, owner=view.assignee.code)


def _why_not_resolve(view: ComplaintView, actor: StaffView) -> str:
    hint = {
        ComplaintStatus.NEW: "detail.unavailable.resolve_new",
        ComplaintStatus.ACKNOWLEDGED: "detail.unavailable.resolve_investigate",
        ComplaintStatus.AWAITING_DELIVERY: "detail.unavailable.resolve_investigate",
        ComplaintStatus.AWAITING_CUSTOMER: "detail.unavailable.resolve_investigate",
    }.get(view.status)
    if hint is None:
        return not_now(view, actor)
    return i18n.t(hint, number=view.number, status=i18n.label(view.status))


def _why_not_status(view: ComplaintView, actor: StaffView) -> str:
    if view.status is ComplaintStatus.RESOLVED:
        return i18n.t("detail.unavailable.status_resolved", number=view.number)
    return not_now(view, actor)


S = ComplaintStatus
# While a call-back may be waiting: after a delivery completed (investigating again) or after resolution.
_CALLBACK_STATES = (S.INVESTIGATING, S.AWAITING_DELIVERY, S.AWAITING_CUSTOMER, S.RESOLVED)


def _callback_dialog(view: ComplaintView, reload: Callable[[], None]) -> CallbackDialog:
    return CallbackDialog(complaint_id=view.id, on_conflict=reload)


def _files(view: ComplaintView, reload: Callable[[], None]) -> Any:
    from ....domain.attachments import AttachmentSubject
    from ..attachments.files import AttachmentsScreen

    return AttachmentsScreen(AttachmentSubject.COMPLAINT, view.id, view.number)


DETAIL_ACTIONS: list[DetailAction] = [
    DetailAction("acknowledge", "a", Action.ACKNOWLEDGE, lambda v, a: v.status is ComplaintStatus.NEW,
                 in_footer=True),
    DetailAction("assign", "g", Action.ASSIGN_SELF, _can_assign, AssignDialog, in_footer=True,
                 why_not=_why_not_assign),
    DetailAction("note", "t", Action.NOTE, lambda v, a: True, NoteDialog, in_footer=True),
    DetailAction("status", "s", Action.CHANGE_STATUS, lambda v, a: bool(status_choices(v.status)), StatusDialog,
                 in_footer=True, why_not=_why_not_status),
    DetailAction("resolve", "r", Action.RESOLVE, lambda v, a: v.status is ComplaintStatus.INVESTIGATING,
                 ResolveDialog, in_footer=True, why_not=_why_not_resolve),
    DetailAction("withdraw", "w", Action.WITHDRAW, _is_open, WithdrawDialog),
    DetailAction("duplicate", "d", Action.MERGE, _is_open, DuplicateDialog),
    # To the team lead with a reason; the review queue (section 4) takes it from there.
    DetailAction("escalate", "e", Action.ESCALATE, _is_open, EscalateDialog, in_footer=True),
    # A violation found while working on the complaint: against its assignee (or shop), linked to it.
    DetailAction("violation", "v", Action.PROPOSE_VIOLATION, lambda v, a: True, from_complaint),
    DetailAction("dispatch", "o", Action.CREATE_DELIVERY,
                 lambda v, a: v.status in (S.INVESTIGATING, S.AWAITING_DELIVERY), DispatchDialog, in_footer=True,
                 label_key="deliveries.key.dispatch_order"),
    DetailAction("callback", "b", Action.CALLBACK, lambda v, a: v.status in _CALLBACK_STATES, _callback_dialog,
                 in_footer=True, label_key="callbacks.key.record"),
    DetailAction("close", "c", Action.CALLBACK, lambda v, a: v.status is S.RESOLVED, CloseUnreachableDialog,
                 label_key="callbacks.key.close"),
    # Outside partners: refer (or record 12315's reference and deadline), then log their replies.
    DetailAction("refer", "x", Action.REFER, lambda v, a: True, ReferralDialog),
    DetailAction("reply", "y", Action.REFER, lambda v, a: True, ReplyDialog),
    # Photos and papers: the list with thumbnails, attaching more, the full view.
    DetailAction("files", "f", Action.VIEW, lambda v, a: True, _files, label_key="attachments.key.files"),
]

ACTIONS_BY_NAME = {action.name: action for action in DETAIL_ACTIONS}
