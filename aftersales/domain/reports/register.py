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


class RegisterTotals(_View):
    """What a handed-over register must add up to: its lines and its money, stored with the hand-over."""

    month: str
    lines: int
    paid_fen: int
    collected_fen: int
    statistics: MonthStatistics
