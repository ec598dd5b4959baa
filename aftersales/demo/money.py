"""The demo's money entries: one per amount it invents, on the local day it was paid or collected."""

from datetime import UTC, datetime

from ..domain.money import MoneyKind
from .complaints import COMPLAINT_COLUMNS
from .deliveries import ORDER_COLUMNS

MONEY_COLUMNS = ("complaint_id", "delivery_order_id", "kind", "amount_fen", "day", "note", "recorded_by_id",
                 "recorded_at")

_C = {name: index for index, name in enumerate(COMPLAINT_COLUMNS)}
_O = {name: index for index, name in enumerate(ORDER_COLUMNS)}


def _day(epoch: int, utc_offset: int) -> str:
    return datetime.fromtimestamp(epoch + utc_offset, UTC).strftime("%Y-%m-%d")


def money_rows(complaints: list[tuple[object, ...]], orders: list[tuple[object, ...]] | list[list[object]],
               utc_offset: int) -> list[tuple[object, ...]]:
    """Entries for the compensation on resolved complaints and the payments collected on completed orders."""
    out: list[tuple[object, ...]] = []
    for row in complaints:
        fen, resolved = row[_C["compensation_fen"]], row[_C["resolved_at"]]
        if fen and resolved is not None:
            kind = MoneyKind.REFUND if row[_C["remedy_decided"]] == "return_refund" else MoneyKind.COMPENSATION
            out.append((row[_C["id"]], None, kind.value, fen, _day(int(resolved), utc_offset), "",  # type: ignore[call-overload]
                        row[_C["assignee_id"]], resolved))
    for order in orders:
        fen, completed = order[_O["collect_fen"]], order[_O["completed_at"]]
        if fen and completed is not None and order[_O["status"]] == "completed":
            out.append((order[_O["complaint_id"]], order[_O["id"]], MoneyKind.COLLECTION.value, fen,
                        _day(int(completed), utc_offset), "", order[_O["created_by_id"]], completed))  # type: ignore[call-overload]
    return out
