"""The demo's supervision visits (rectifications open, overdue and closed) and outside partners with
referrals in every state (awaiting a reply, overdue, answered after an interim reply, 12315 cases)."""

import random
import sqlite3
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..domain.partners import PartnerKind, ReferralDirection, ReferralState
from ..domain.supervision import RectificationState

FINDINGS = [
    ("展厅价格签与收银价格不一致", "统一价签，收银系统同步调价"),
    ("导购未向顾客出示书面合同", "全员培训合同签订流程"),
    ("送货预约电话未按时回访", "建立送货前一天回访制度"),
    ("样品破损仍在展示", "更换样品并检查其余展品"),
    ("售后登记本缺少近两周记录", ""),
    ("Sales staff unaware of the 7-day return rule", "Brief every salesperson on the return rule"),
]
PARTNERS = [
    ("OPPEIN-SC", "欧派售后服务中心", PartnerKind.MANUFACTURER_SERVICE, "400-888-1234", "欧派"),
    ("KUKA-SC", "顾家家居售后中心", PartnerKind.MANUFACTURER_SERVICE, "400-820-8888", "顾家"),
    ("NATURE-RN", "大自然地板维修网点", PartnerKind.BRAND_REPAIR, "400-777-9999", "大自然"),
    ("SF-LOG", "顺丰物流华东区", PartnerKind.LOGISTICS, "95338", "配送中心"),
    ("12315", "12315 消费者投诉举报热线", PartnerKind.CONSUMER_ASSOCIATION, "12315", ""),
    ("AMR-DIST", "区市场监督管理局", PartnerKind.MARKET_REGULATOR, "", ""),
]
REPLIES = ["厂家同意上门更换", "配件已寄出，预计三日到货", "已与顾客达成一致", "Technician visit booked"]


def _epoch(day: date, hour: int, zone: ZoneInfo) -> int:
    return int(datetime.combine(day, time(hour, 0), zone).timestamp())


def write_visits(conn: sqlite3.Connection, shop_ids: list[int], today: date, zone: ZoneInfo,
                 desk_ids: list[int], seed: int) -> None:
    """One to three visits per shop over the last half year; rectifications closed, open and overdue."""
    rng = random.Random(f"visits-{seed}")
    rows = []
    for shop_id in shop_ids:
        for _ in range(1 + int(rng.random() * 3)):
            visited = today - timedelta(days=1 + int(rng.random() * 180))
            findings, rectification = FINDINGS[int(rng.random() * len(FINDINGS))]
            due = visited + timedelta(days=7 + int(rng.random() * 14)) if rectification else None
            state = RectificationState.OPEN if rectification else RectificationState.NONE
            followed, note, closed_by = None, "", None
            by = desk_ids[int(rng.random() * len(desk_ids))]
            if due is not None and due < today and rng.random() < 0.8:
                followed = min(due, today) - timedelta(days=int(rng.random() * 3))
                state, note, closed_by = RectificationState.CLOSED, "复查已整改到位", by
            rows.append((shop_id, visited.isoformat(), findings, rectification, due.isoformat() if due else None,
                         state.value, followed.isoformat() if followed else None, note, by, _epoch(visited, 17, zone),
                         closed_by, 1 if state is not RectificationState.CLOSED else 2))
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO supervision_visit (shop_id, visited_on, findings, rectification, due_on, state, followed_up_on, "
        "follow_up, recorded_by_id, recorded_at, closed_by_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows)
    conn.execute("COMMIT")


def write_partners(conn: sqlite3.Connection, now: int, zone: ZoneInfo, desk_ids: list[int], seed: int) -> None:
    """The partners, referrals of some product-quality and delivery complaints, and every 12315 complaint's
    reference and deadline; the complaints keep their earliest awaited reply."""
    rng = random.Random(f"partners-{seed}")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO partner (code, name, kind, contact, phone, serves, active) VALUES (?, ?, ?, ?, ?, ?, 1)",
                     [(code, name, kind.value, "", phone, serves) for code, name, kind, phone, serves in PARTNERS])
    ids = {code: pid for pid, code in conn.execute("SELECT id, code FROM partner")}
    recent = now - 45 * 86_400
    cases = conn.execute(
        "SELECT id, channel, category, created_at, status FROM complaint WHERE created_at >= ? AND "
        "(channel = 'referral_12315' OR category IN ('product_quality', 'delivery_damage')) ORDER BY id", (recent,)
    ).fetchall()
    rows: list[tuple[object, ...]] = []
    replies: list[tuple[int, int, str, int, int]] = []
    due_of: dict[int, int] = {}
    for complaint_id, channel, category, created, status in cases:
        from_12315 = channel == "referral_12315"
        if not from_12315 and rng.random() > 0.04:
            continue
        if from_12315:
            partner, direction = ids["12315"], ReferralDirection.IN
        elif category == "delivery_damage":
            partner, direction = ids["SF-LOG"], ReferralDirection.OUT
        else:
            partner, direction = ids[rng.choice(["OPPEIN-SC", "KUKA-SC", "NATURE-RN"])], ReferralDirection.OUT
        referred = datetime.fromtimestamp(created, zone).date()
        due = int(datetime.combine(referred + timedelta(days=7), time(0, 0), zone).timestamp()) - 1
        reference = f"{320100 + int(rng.random() * 99)}{referred:%y%m%d}{int(rng.random() * 9999):04d}" \
            if from_12315 else f"SR-{referred:%y%m}-{int(rng.random() * 9999):04d}"
        answered = status == "closed" or (due < now and rng.random() < 0.6) or rng.random() < 0.3
        by = desk_ids[int(rng.random() * len(desk_ids))]
        rows.append((complaint_id, partner, direction.value, referred.isoformat(), reference, due,
                     (ReferralState.ANSWERED if answered else ReferralState.OPEN).value, "", by, created + 600,
                     2 if answered else 1))
        if answered:
            replied = min(created + int((2 + rng.random() * 6) * 86_400), now - 60)
            if rng.random() < 0.3:
                replies.append((len(rows), created + 86_400, "已受理，正在核实", 0, by))
            replies.append((len(rows), max(replied, created + 90_000), rng.choice(REPLIES), 1, by))
        else:
            due_of[complaint_id] = min(due, due_of.get(complaint_id, due))
    first = conn.execute("SELECT COALESCE(MAX(id), 0) FROM referral").fetchone()[0] + 1
    conn.executemany(
        "INSERT INTO referral (complaint_id, partner_id, direction, referred_on, reference, reply_due_at, state, note, "
        "created_by_id, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO referral_reply (referral_id, at, text, final, by_id) VALUES (?, ?, ?, ?, ?)",
                     [(first + n - 1, at, text, final, by) for n, at, text, final, by in replies])
    conn.executemany("UPDATE complaint SET reply_due_at = ? WHERE id = ?", [(d, c) for c, d in due_of.items()])
    conn.execute("COMMIT")
