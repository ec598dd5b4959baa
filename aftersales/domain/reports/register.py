"""The monthly after-sales register (月度售后服务登记册): its lines, the month-end statistics and totals."""

from pydantic import BaseModel, ConfigDict


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class RegisterLine(_View):
    """One complaint handled in the month, with its service record; codes are translated when printed."""

    number: str
    received: str  # local time, YYYY-MM-DD HH:MM
    shop: str
    customer: str
    phone: str  # masked
    category: str
    status: str
    remedy: str
    resolution: str
    deliveries: str = ""
    callback: str = ""
    paid_fen: int = 0
    collected_fen: int = 0
    attachments: tuple[tuple[str, str], ...] = ()  # (file name, SHA-256) attached by the month's end


class MonthStatistics(_View):
    """The month-end statistics finance audits (于每月末报送财务部)."""

    handled: int = 0
    received: int = 0
    resolved: int = 0
    closed: int = 0
    deliveries_done: int = 0
    pickups_done: int = 0
    collected_fen: int = 0
    compensation_fen: int = 0
    refund_fen: int = 0
    penalties_deducted: int = 0
    penalties_fen: int = 0


class RegisterAmendment(_View):
    """A correction entered this month to the money of an earlier month already handed over."""

    number: str
    day: str  # local date the correction was entered, YYYY-MM-DD
    amends: str  # YYYY-MM
    kind: str
    paid_fen: int = 0
    collected_fen: int = 0
    note: str = ""


class RegisterTotals(_View):
    """What a handed-over register must add up to: its lines and its money, stored with the hand-over.

    The lines' money and the amendments' money together are the month's entries: its statistics."""

    month: str
    lines: int
    paid_fen: int
    collected_fen: int
    statistics: MonthStatistics
    amendments: list[RegisterAmendment] = []

    @property
    def amended_paid_fen(self) -> int:
        return sum(item.paid_fen for item in self.amendments)

    @property
    def amended_collected_fen(self) -> int:
        return sum(item.collected_fen for item in self.amendments)
