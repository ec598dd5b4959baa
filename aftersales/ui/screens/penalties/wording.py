"""How the penalty ledger reads on screen: subjects, ordinals, money with its sign, and consequences."""

from datetime import date

from rich.text import Text

from .... import i18n
from ....domain.penalties.enums import CountingWindow, SubjectKind
from ....domain.penalties.policy import PenaltyPolicy
from ....domain.penalties.schemas import Consequence, RetierView, SubjectRef
from ....domain.text import strip_controls


def money(fen: int) -> str:
    """Fen as yuan with two decimals; a refund carries a minus sign: −¥50.00."""
    sign = "−" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def signed(fen: int) -> str:
    """An adjustment: +¥50.00 or −¥50.00."""
    return money(fen) if fen < 0 else "+" + money(fen)


def subject_name(subject: SubjectRef) -> str:
    if subject.kind is SubjectKind.DEPARTMENT:
        return i18n.t("penalties.department")
    return strip_controls(subject.name or subject.code)


def subject_text(subject: SubjectRef) -> str:
    """`王芳 (op01)`, `马可波罗瓷砖 (S002)` or the department's name."""
    if subject.kind is SubjectKind.DEPARTMENT:
        return i18n.t("penalties.department")
    return strip_controls(f"{subject.name} ({subject.code})" if subject.name else subject.code)


def rule_title(policy: PenaltyPolicy, code: str) -> str:
    rule = policy.rule(code)
    return rule.title(i18n.current_language()) if rule else code


def ordinal(number: int) -> str:
    """3 → `3rd` / `第3次`."""
    if i18n.current_language() == "zh_CN":
        return i18n.t("penalties.ordinal", n=number)
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def tier_text(tier: int | None) -> str:
    return ordinal(tier) if tier else i18n.t("detail.none")


def window_text(window: CountingWindow, incident: date) -> str:
    """Where a violation of `incident` is counted: `in 2026`, `in the 12 months to 2026-11-24`, `so far`."""
    if window is CountingWindow.CALENDAR_YEAR:
        return i18n.t("penalties.window_in.calendar_year", year=incident.year)
    if window is CountingWindow.ROLLING_12_MONTHS:
        return i18n.t("penalties.window_in.rolling_12_months", day=incident.isoformat())
    return i18n.t("penalties.window_in.all_time")


def move_text(move: RetierView) -> str:
    """`#12 (2026-05-01): 2nd → 1st, −¥50.00`."""
    return i18n.t("penalties.consequence.move", id=move.violation_id, day=move.incident_date.isoformat(),
                  old=tier_text(move.old_tier), new=tier_text(move.new_tier), delta=signed(move.delta_fen))


def confirm_consequence_text(consequence: Consequence) -> Text:
    """What confirming does, in full sentences: the ordinal in its window, the amount, the review, the month."""
    out = Text()
    name = subject_name(consequence.subject)
    if consequence.tier is None:
        out.append(i18n.t("penalties.consequence.discretionary", name=name), style="bold")
    else:
        review = i18n.t("penalties.consequence.opens_review") if consequence.opens_review else ""
        if consequence.joins_review:
            review = i18n.t("penalties.consequence.joins_review", id=consequence.joins_review)
        sentence = i18n.t("penalties.consequence.ladder", name=name, ordinal=ordinal(consequence.tier),
                          window=window_text(consequence.window, consequence.incident_date),
                          amount=money(consequence.amount_fen), review=review)
        out.append(sentence, style="bold red" if consequence.opens_review else "bold")
    out.append("\n" + i18n.t("penalties.consequence.month", month=consequence.month))
    for move in consequence.others:
        out.append("\n" + i18n.t("penalties.consequence.also") + " " + move_text(move))
    return out


def overturn_consequence_text(consequence: Consequence) -> Text:
    """What overturning does: the refund, and the later violations moved down."""
    out = Text(i18n.t("penalties.consequence.refund", amount=money(-consequence.amount_fen),
                      month=consequence.month), style="bold")
    for move in consequence.others:
        out.append("\n" + i18n.t("penalties.consequence.also") + " " + move_text(move))
    return out
