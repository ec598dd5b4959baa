"""What happens in the demo's penalty ledger over the year up to its day: who broke which rule, who decided.

Dates are relative to the demo's day (`ago`) or spread over its year so far (`ytd`), so a demo built on
any day shows a third violation with an open dismissal review, a waiver, an overturned violation with
the adjustments it caused, a discretionary fine, an appeal and proposals waiting, and a new year's reset.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

EVIDENCE: dict[str, list[str]] = {
    "late_acknowledgement": ["投诉登记后超过两小时未受理", "高严重度投诉超过一小时未受理", "系统提醒后仍未受理投诉"],
    "missed_callback": ["解决后超过三天未回访顾客", "约定回访时间未联系顾客", "回访记录为空，顾客来电投诉无人回访"],
    "not_confirmed_with_customer": ["未与顾客确认送货时间，顾客不在家", "未与顾客核对付款金额", "改期送货未通知顾客"],
    "service_record_missing": ["上门维修后未填写服务记录", "电话沟通内容未记录在工单", "处理结果未登记"],
    "major_incident_not_reported": ["顾客联系媒体后两小时才上报商管部经理", "安全隐患投诉未及时上报"],
    "rude_to_customer": ["顾客来电反映接线员语气生硬", "现场接待时与顾客争执", "顾客投诉服务态度恶劣，有录音为证"],
    "loss_by_rule_breach": ["未按规定核实地址，造成二次配送"],
}


@dataclass(frozen=True)
class Step:
    """One thing done to a violation (or its proposal) on a day, at about a time of day."""

    action: str  # propose, confirm, waive, appeal, uphold, overturn, dismiss, retain
    violation: int
    by: str
    day: date
    clock: time
    kind: str = "staff"
    code: str = ""
    rule: str = ""
    incident: date = date(2000, 1, 1)
    amount: int = 0
    text: str = ""


class _Script:
    def __init__(self, today: date) -> None:
        self.today = today
        self.year_start = date(today.year, 1, 1)
        self.steps: list[Step] = []

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def ytd(self, share: float) -> date:
        """A day `share` of the way through the demo's year so far."""
        return self.year_start + timedelta(days=int((self.today - self.year_start).days * share))

    def add(
        self, kind: str, code: str, rule: str, incident: date, proposer: str,
        decision: tuple[str, str] | None = ("confirm", "lead01"), amount: int = 0, text: str = "",
        then: tuple[tuple[str, str, int | date, str], ...] = (),
    ) -> None:
        """A violation proposed the day after its incident, decided two days later, then `then` (action, by,
        days after the decision or a day, text)."""
        vid = 1 + sum(1 for step in self.steps if step.action == "propose")
        proposed = incident + timedelta(days=1)
        self.steps.append(Step("propose", vid, proposer, proposed, time(11, 0), kind, code, rule, incident,
                               text=text if rule == "loss_by_rule_breach" else ""))
        if decision is None:
            return
        action, decider = decision
        decided = proposed + timedelta(days=2)
        self.steps.append(Step(action, vid, decider, decided, time(15, 0), amount=amount, text=text))
        for later, by, when, note in then:
            day = when if isinstance(when, date) else decided + timedelta(days=when)
            self.steps.append(Step(later, vid, by, day, time(16, 0), text=note))


def script(today: date) -> list[Step]:
    """The demo's penalty year as steps in the order written (the player sorts them by time)."""
    s = _Script(today)
    # 赵静: three this year; the first is overturned on appeal after the third, which moves the others down.
    s.add("staff", "op03", "late_acknowledgement", s.ago(340), "lead01")
    s.add("staff", "op03", "late_acknowledgement", s.ytd(0.15), "op01",
          then=(("appeal", "op03", s.ytd(0.68), "当天系统宕机，工单没有推送到我的队列"),
                ("overturn", "mgr01", s.ytd(0.7), "系统日志证实工单未推送，撤销")))
    s.add("staff", "op03", "missed_callback", s.ytd(0.35), "lead01")
    s.add("staff", "op03", "service_record_missing", s.ytd(0.55), "lead01", ("confirm", "mgr01"))
    # 黄磊: a third violation this year, its dismissal review still open; an appeal upheld on the way.
    s.add("staff", "op04", "late_acknowledgement", s.ytd(0.2), "op02")
    s.add("staff", "op04", "rude_to_customer", s.ytd(0.5), "op01",
          then=(("appeal", "op04", 3, "顾客情绪激动，我已尽量解释"), ("uphold", "mgr01", 6, "录音显示语气确有不当，维持")))
    s.add("staff", "op04", "missed_callback", s.ytd(0.8), "op02")
    # 王芳: two this year, and a third proposed and waiting — its confirmation would open a review.
    s.add("staff", "op01", "missed_callback", s.ytd(0.3), "op02")
    s.add("staff", "op01", "not_confirmed_with_customer", s.ytd(0.7), "lead01", ("confirm", "mgr01"))
    s.add("staff", "op01", "late_acknowledgement", s.ago(3), "op02", None)
    # 李娜: one last year and one this year (both first of their year), and a waived one.
    s.add("staff", "op02", "late_acknowledgement", s.ago(360), "op01")
    s.add("staff", "op02", "missed_callback", s.ytd(0.4), "op01", ("waive", "lead01"),
          text="系统故障导致回访任务未提醒，免于处罚")
    s.add("staff", "op02", "service_record_missing", s.ytd(0.6), "op01")
    s.add("staff", "op02", "rude_to_customer", s.ago(12), "op01")
    # 周婷: a loss fined at the manager's discretion, and a ladder one.
    s.add("staff", "op05", "missed_callback", s.ago(300), "op01")
    s.add("staff", "op05", "loss_by_rule_breach", s.ytd(0.45), "lead01", ("confirm", "mgr01"), amount=38000,
          text="未与顾客确认送货地址，导致二次配送，运费损失 380 元")
    s.add("staff", "op05", "late_acknowledgement", s.ytd(0.65), "op02")
    # 吴强: confirmed and appealed; the appeal waits for a decision.
    s.add("staff", "op06", "rude_to_customer", s.ago(25), "op01",
          then=(("appeal", "op06", 4, "是顾客先辱骂，我只是按流程解释"),))
    # The team lead, fined on the manager's confirmation.
    s.add("staff", "lead01", "major_incident_not_reported", s.ago(150), "op01", ("confirm", "mgr01"))
    # Shops and the department.
    s.add("shop", "S005", "not_confirmed_with_customer", s.ago(210), "op02")
    s.add("shop", "S005", "not_confirmed_with_customer", s.ago(45), "op01")
    s.add("shop", "S005", "service_record_missing", s.ago(8), "op02")
    s.add("shop", "S026", "rude_to_customer", s.ago(80), "op02", ("waive", "lead01"),
          text="店员已书面道歉，顾客表示谅解")
    s.add("shop", "S017", "service_record_missing", s.ago(2), "op01", None)
    s.add("department", "", "major_incident_not_reported", s.ago(100), "lead01", ("confirm", "mgr01"))
    return s.steps
