"""The keys of the complaint detail, one entry per action, so each section adds its own.

An entry names the permission the role needs (the key is hidden without it), the statuses it works in
and any other check (the key is greyed otherwise), the one line that says why, with the way forward,
when a greyed key is pressed anyway, and the dialog that carries it out. The detail builds its
bindings, its footer and its checks from DETAIL_ACTIONS; the services check again.
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
from .detail_ways import KeyOf, not_now, refused_by_status

# A dialog built from the complaint shown and a function that reloads the detail after a conflict.
DialogFactory = Callable[[ComplaintView, Callable[[], None]], Any]
S = ComplaintStatus


def always(view: ComplaintView, actor: StaffView) -> bool:
    return True


@dataclass(frozen=True)
class DetailAction:
    """One key of the detail: `dialog` None means the detail runs it directly (acknowledge).

    `needs` names the statuses the key works in (None: any); greyed in another, the key answers with the
    way there (detail_ways). `allows` is any check beyond the status, and `why_not` says why it refused.
    """

    name: str
    key: str
    permission: Action
    needs: frozenset[ComplaintStatus] | None = None
    dialog: DialogFactory | None = None
    in_footer: bool = False
    allows: Callable[[ComplaintView, StaffView], bool] = always
    why_not: Callable[[ComplaintView, StaffView], str] | None = None
    label_key: str = ""

    @property
    def binding_id(self) -> str:
        return f"detail.{self.name}"

    @property
    def label(self) -> str:
        """Catalog key of the key's description."""
        return self.label_key or f"detail.key.{self.name}"

    def status_allows(self, view: ComplaintView) -> bool:
        return self.needs is None or view.status in self.needs

    def possible(self, view: ComplaintView, actor: StaffView) -> bool:
        """True when the key works now for `actor` on this complaint."""
        return self.status_allows(view) and self.allows(view, actor)

    def refusal(self, view: ComplaintView, actor: StaffView, key_of: KeyOf) -> str:
        """One line saying why the key is greyed now and, where the desk can, what to do first."""
        if not self.status_allows(view):
            if view.status is S.RESOLVED and self.name == "status":
                return i18n.t("detail.unavailable.status_resolved", number=view.number,
                              status=i18n.label(view.status), press=key_of("callback"))
            return refused_by_status(view, self.needs or (), key_of)
        if self.why_not is not None:
            return self.why_not(view, actor)
        return not_now(view)


def _may_assign(view: ComplaintView, actor: StaffView) -> bool:
    return allowed(actor.role, Action.ASSIGN_ANY) or view.assignee is None or view.assignee.id == actor.id


def _why_not_assign(view: ComplaintView, actor: StaffView) -> str:
    owner = view.assignee.code if view.assignee is not None else ""
    return i18n.t("detail.unavailable.assign", number=view.number, owner=owner)


# While a call-back may be waiting: after a delivery completed (investigating again) or after resolution.
_CALLBACK_STATES = frozenset({S.INVESTIGATING, S.AWAITING_DELIVERY, S.AWAITING_CUSTOMER, S.RESOLVED})
_NOT_CLOSED = frozenset(set(S) - {S.CLOSED})
_OPEN = frozenset(OPEN_STATUSES)
# Where the plain status picker has something to offer.
_PICKABLE = frozenset(status for status in S if status_choices(status))


def _callback_dialog(view: ComplaintView, reload: Callable[[], None]) -> CallbackDialog:
    return CallbackDialog(complaint_id=view.id, on_conflict=reload)


def _files(view: ComplaintView, reload: Callable[[], None]) -> Any:
    from ....domain.attachments import AttachmentSubject
    from ..attachments.files import AttachmentsScreen

    return AttachmentsScreen(AttachmentSubject.COMPLAINT, view.id, view.number)


DETAIL_ACTIONS: list[DetailAction] = [
    DetailAction("acknowledge", "a", Action.ACKNOWLEDGE, frozenset({S.NEW}), in_footer=True),
    DetailAction("assign", "g", Action.ASSIGN_SELF, _NOT_CLOSED, AssignDialog, in_footer=True, allows=_may_assign,
                 why_not=_why_not_assign),
    DetailAction("note", "t", Action.NOTE, None, NoteDialog, in_footer=True),
    DetailAction("status", "s", Action.CHANGE_STATUS, _PICKABLE, StatusDialog, in_footer=True),
    DetailAction("resolve", "r", Action.RESOLVE, frozenset({S.INVESTIGATING}), ResolveDialog, in_footer=True),
    DetailAction("withdraw", "w", Action.WITHDRAW, _OPEN, WithdrawDialog),
    DetailAction("duplicate", "d", Action.MERGE, _OPEN, DuplicateDialog),
    # To the team lead with a reason; the review queue (section 4) takes it from there.
    DetailAction("escalate", "e", Action.ESCALATE, _OPEN, EscalateDialog, in_footer=True),
    # A violation found while working on the complaint: against its assignee (or shop), linked to it.
    DetailAction("violation", "v", Action.PROPOSE_VIOLATION, None, from_complaint),
    DetailAction("dispatch", "o", Action.CREATE_DELIVERY, frozenset({S.INVESTIGATING, S.AWAITING_DELIVERY}),
                 DispatchDialog, in_footer=True, label_key="deliveries.key.dispatch_order"),
    DetailAction("callback", "b", Action.CALLBACK, _CALLBACK_STATES, _callback_dialog,
                 in_footer=True, label_key="callbacks.key.record"),
    DetailAction("close", "c", Action.CALLBACK, frozenset({S.RESOLVED}), CloseUnreachableDialog,
                 label_key="callbacks.key.close"),
    # Outside partners: refer (or record 12315's reference and deadline), then log their replies.
    DetailAction("refer", "x", Action.REFER, None, ReferralDialog),
    DetailAction("reply", "y", Action.REFER, None, ReplyDialog),
    # Photos and papers: the list with thumbnails, attaching more, the full view.
    DetailAction("files", "f", Action.VIEW, None, _files, label_key="attachments.key.files"),
]

ACTIONS_BY_NAME = {action.name: action for action in DETAIL_ACTIONS}
