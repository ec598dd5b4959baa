"""Tables of the desk, one module per subject. Only the store and services see these rows; screens get views."""

from .attachments import ATTACHMENT_MODELS, Attachment, AttachmentContent
from .base import BaseModel, database
from .callbacks import CALLBACK_MODELS, Callback, CallbackAttempt
from .core import (
    CORE_MODELS,
    Complaint,
    ComplaintFts,
    ComplaintGrams,
    ComplaintText,
    Customer,
    Event,
    LoginFailure,
    Meta,
    NumberSequence,
    Shop,
    Staff,
)
from .deliveries import DELIVERY_MODELS, DeliveryFailure, DeliveryOrder
from .documents import DOCUMENT_MODELS, DocumentMoveRecord, DocumentRange
from .escalations import ESCALATION_MODELS, Escalation
from .money import MONEY_MODELS, ClosedMonth, MoneyEntry
from .partners import PARTNER_MODELS, Partner, Referral, ReferralReply
from .penalties import PENALTY_MODELS, PayrollMonth, PenaltyEntry, Violation
from .quality import QUALITY_MODELS, QualitySignal
from .report_summary import REPORT_SUMMARY_MODELS, ReportCount, ReportEvent, ReportHist
from .reports import REPORT_MODELS, RegisterHandover
from .scorecard import SCORECARD_MODELS, ShopMonth
from .supervision import SUPERVISION_MODELS, SupervisionVisit

# Every table, in an order that creates referenced tables first.
ALL_MODELS = [
    *CORE_MODELS, LoginFailure, *PENALTY_MODELS, *DELIVERY_MODELS, *CALLBACK_MODELS, *REPORT_MODELS,
    *DOCUMENT_MODELS, *SUPERVISION_MODELS, *PARTNER_MODELS, *SCORECARD_MODELS,
    *ESCALATION_MODELS, *MONEY_MODELS, *REPORT_SUMMARY_MODELS, *ATTACHMENT_MODELS,
    *QUALITY_MODELS,
]

__all__ = [
    "ALL_MODELS",
    "ATTACHMENT_MODELS",
    "Attachment",
    "AttachmentContent",
    "CORE_MODELS",
    "BaseModel",
    "CALLBACK_MODELS",
    "Callback",
    "CallbackAttempt",
    "ClosedMonth",
    "DELIVERY_MODELS",
    "DeliveryFailure",
    "DeliveryOrder",
    "Complaint",
    "ComplaintFts",
    "ComplaintGrams",
    "ComplaintText",
    "Customer",
    "DOCUMENT_MODELS",
    "DocumentMoveRecord",
    "DocumentRange",
    "ESCALATION_MODELS",
    "Escalation",
    "Event",
    "LoginFailure",
    "Meta",
    "MONEY_MODELS",
    "MoneyEntry",
    "NumberSequence",
    "PARTNER_MODELS",
    "PENALTY_MODELS",
    "Partner",
    "Referral",
    "ReferralReply",
    "PayrollMonth",
    "QUALITY_MODELS",
    "QualitySignal",
    "REPORT_MODELS",
    "RegisterHandover",
    "PenaltyEntry",
    "Shop",
    "SCORECARD_MODELS",
    "SUPERVISION_MODELS",
    "ShopMonth",
    "ReportCount",
    "ReportHist",
    "ReportEvent",
    "REPORT_SUMMARY_MODELS",
    "Staff",
    "SupervisionVisit",
    "Violation",
    "database",
]
