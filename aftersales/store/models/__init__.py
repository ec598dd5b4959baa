"""Tables of the desk, one module per subject. Only the store and services see these rows; screens get views."""

from .base import BaseModel, database
from .callbacks import CALLBACK_MODELS, Callback, CallbackAttempt
from .core import (
    CORE_MODELS,
    Complaint,
    ComplaintFts,
    Customer,
    Event,
    LoginFailure,
    Meta,
    NumberSequence,
    Shop,
    Staff,
)
from .deliveries import DELIVERY_MODELS, DeliveryFailure, DeliveryOrder
from .escalations import ESCALATION_MODELS, Escalation
from .penalties import PENALTY_MODELS, PayrollMonth, PenaltyEntry, Violation

# Every table, in an order that creates referenced tables first.
ALL_MODELS = [*CORE_MODELS, LoginFailure, *PENALTY_MODELS, *DELIVERY_MODELS, *CALLBACK_MODELS, *ESCALATION_MODELS]

__all__ = [
    "ALL_MODELS",
    "CORE_MODELS",
    "BaseModel",
    "CALLBACK_MODELS",
    "Callback",
    "CallbackAttempt",
    "DELIVERY_MODELS",
    "DeliveryFailure",
    "DeliveryOrder",
    "Complaint",
    "ComplaintFts",
    "Customer",
    "ESCALATION_MODELS",
    "Escalation",
    "Event",
    "LoginFailure",
    "Meta",
    "NumberSequence",
    "PENALTY_MODELS",
    "PayrollMonth",
    "PenaltyEntry",
    "Shop",
    "Staff",
    "Violation",
    "database",
]
