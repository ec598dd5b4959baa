"""The penalty policy of config.toml's `[penalties]` table: rule catalog, ladders, counting window.

Every amount is in fen. A table given in the file replaces the default as a whole (a `[penalties.rules]`
table is the whole catalog), and each refusal names its key (`penalties.staff_ladder_fen.1`).
"""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .enums import CountingWindow, RuleKind, SubjectKind
from .ladder import step_amount

MAX_FEN = 100_000_000  # one million yuan: beyond any fine, so a slip of the keyboard is caught
RuleCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Fen = Annotated[int, Field(gt=0, le=MAX_FEN)]


def _rising(steps: tuple[int, ...]) -> tuple[int, ...]:
    if not steps:
        raise ValueError("a ladder needs at least one step")
    if any(later < earlier for earlier, later in zip(steps, steps[1:], strict=False)):
        raise ValueError("a later step of the ladder may not cost less than an earlier one")
    return steps


Ladder = Annotated[tuple[Fen, ...], AfterValidator(_rising)]


class PenaltyRule(BaseModel):
    """One rule of the catalog: its titles in both languages and how it is fined."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    title_en: Title
    title_zh: Title
    kind: RuleKind = RuleKind.LADDER

    def title(self, language: str) -> str:
        return self.title_zh if language.startswith("zh") else self.title_en


def _rule(en: str, zh: str, kind: RuleKind = RuleKind.LADDER) -> PenaltyRule:
    return PenaltyRule(title_en=en, title_zh=zh, kind=kind)


def default_rules() -> dict[str, PenaltyRule]:
    """The mall's after-sales rules as the desk ships them."""
    return {
        "late_acknowledgement": _rule("Complaint acknowledged late", "投诉受理超时"),
        "missed_callback": _rule("Customer call-back missed", "未按时回访顾客"),
        "not_confirmed_with_customer": _rule("Delivery or payment not confirmed with the customer",
                                             "送货或付款未与顾客确认"),
        "service_record_missing": _rule("Service record missing", "服务记录缺失"),
        "major_incident_not_reported": _rule("Major incident not reported in time", "重大突发事件未及时上报"),
        "rude_to_customer": _rule("Rude to a customer", "对顾客态度恶劣"),
        "loss_by_rule_breach": _rule("Loss caused by not following the rules", "违反规定造成损失",
                                     RuleKind.DISCRETIONARY),
    }


class PenaltyPolicy(BaseModel):
    """How violations are fined: 50 / 100 / 200 yuan a calendar year, a dismissal review from the third."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    window: CountingWindow = CountingWindow.CALENDAR_YEAR
    staff_ladder_fen: Ladder = (5000, 10000, 20000)
    # Shops and the after-sales department follow the staff ladder unless they have their own.
    shop_ladder_fen: Ladder | None = None
    dismissal_review_from_tier: int = Field(default=3, ge=1, le=99)
    rules: dict[RuleCode, PenaltyRule] = Field(default_factory=default_rules)

    @model_validator(mode="after")
    def _catalog_not_empty(self) -> "PenaltyPolicy":
        if not self.rules:
            raise ValueError("rules: the catalog needs at least one rule")
        return self

    def ladder(self, kind: SubjectKind) -> tuple[int, ...]:
        """The amounts (fen) of the 1st, 2nd, … violation of a subject of `kind`."""
        if kind is not SubjectKind.STAFF and self.shop_ladder_fen is not None:
            return self.shop_ladder_fen
        return self.staff_ladder_fen

    def amount(self, kind: SubjectKind, tier: int) -> int:
        """What the `tier`-th violation costs; the 4th and later stay at the top amount."""
        return step_amount(self.ladder(kind), tier)

    def opens_review(self, kind: SubjectKind, tier: int) -> bool:
        """Whether a violation at `tier` opens a dismissal review (staff only: a shop is not dismissed)."""
        return kind is SubjectKind.STAFF and tier >= self.dismissal_review_from_tier

    def rule(self, code: str) -> PenaltyRule | None:
        return self.rules.get(code)
