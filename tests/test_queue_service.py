"""The queue service: keyset pages, filters and every search path return the right complaints."""

from datetime import timedelta

from aftersales.domain.enums import ComplaintStatus
from aftersales.services.complaints import actions as act
from aftersales.services.complaints.queue import QueueFilter, QueueSort, cursor_of, queue_count, queue_page

from .factories import NOW, new_complaint


def _numbers(page) -> list[str]:
    return [row.number for row in page.rows]


def test_pages_follow_each_other_without_gaps_or_repeats(desk, staff):
    made = [new_complaint(desk, staff["op01"], phone=f"1390000{i:04d}").number for i in range(23)]
    seen: list[str] = []
    after = None
    while True:
        page = queue_page(staff["op01"], QueueFilter(), QueueSort.NEWEST, after, now=NOW, limit=5)
        seen += _numbers(page)
        if not page.more:
            break
        after = page.cursor
    assert seen == list(reversed(made))
    last = queue_page(staff["op01"], QueueFilter(), QueueSort.NEWEST, now=NOW, limit=5, from_end=True)
    assert _numbers(last) == list(reversed(made))[-5:]


def test_every_search_path_finds_its_complaint(desk, staff):
    op = staff["op01"]
    sofa = new_complaint(desk, op, phone="13811112222", description="真皮沙发表面开裂，要求换货")
    lamp = new_complaint(desk, op, phone="13933334444", product="吸顶灯", description="Lamp flickers after install")
    cases = {
        "沙发": [sofa.number],  # two characters: below the trigram length
        "表面开裂": [sofa.number],
        "flickers": [lamp.number],
        "吸顶灯": [lamp.number],
        "赵敏": [lamp.number, sofa.number],  # customer name, newest first
        "4444": [lamp.number],  # last four digits of the phone
        "13811112222": [sofa.number],
        "138-1111-2222": [sofa.number],  # typed with dashes
        "+86 138 1111 2222": [sofa.number],
        "1111 2222": [sofa.number],  # the tail, spaced
        sofa.number.lower(): [sofa.number],
        "不存在的词": [],
    }
    for term, expected in cases.items():
        page = queue_page(op, QueueFilter(search=term), now=NOW)
        assert _numbers(page) == expected, term
        assert queue_count(op, QueueFilter(search=term), NOW) == len(expected), term


def test_search_pages_continue_after_the_cursor(desk, staff):
    made = [new_complaint(desk, staff["op01"], phone=f"1390000{i:04d}").number for i in range(7)]
    first = queue_page(staff["op01"], QueueFilter(search="沙发腿断裂"), now=NOW, limit=4)
    rest = queue_page(staff["op01"], QueueFilter(search="沙发腿断裂"), after=first.cursor, now=NOW, limit=4)
    assert _numbers(first) + _numbers(rest) == list(reversed(made))


def test_overdue_lists_open_late_complaints_most_overdue_first(desk, staff):
    op = staff["op01"]
    late = new_complaint(desk, op, received_at=NOW - timedelta(days=20))
    later = new_complaint(desk, op, received_at=NOW - timedelta(days=10), phone="13900001111")
    done = new_complaint(desk, op, received_at=NOW - timedelta(days=30), phone="13900002222")
    act.withdraw(desk, op, done.id, {"reason": "客户撤诉"}, done.version)
    new_complaint(desk, op, phone="13900003333")  # on time
    page = queue_page(op, QueueFilter(overdue=True), QueueSort.NEWEST, now=NOW)
    assert _numbers(page) == [late.number, later.number]
    assert page.cursor == cursor_of(page.rows[-1], QueueSort.DUE)
    assert queue_count(op, QueueFilter(overdue=True), NOW) == 2


def test_filters_narrow_the_queue(desk, staff):
    op = staff["op01"]
    mine = act.acknowledge(desk, op, new_complaint(desk, op).id, 1)
    other = new_complaint(desk, op, shop_code="S002", category="delivery_delay", severity="high")
    assert _numbers(queue_page(op, QueueFilter(mine=True), now=NOW)) == [mine.number]
    assert _numbers(queue_page(op, QueueFilter(shop_code="S002"), now=NOW)) == [other.number]
    assert _numbers(queue_page(op, QueueFilter(category="delivery_delay"), now=NOW)) == [other.number]
    assert _numbers(queue_page(op, QueueFilter(status=ComplaintStatus.ACKNOWLEDGED), now=NOW)) == [mine.number]
    assert _numbers(queue_page(op, QueueFilter(assignee_code="op01"), now=NOW)) == [mine.number]
    by_severity = queue_page(op, QueueFilter(), QueueSort.SEVERITY, now=NOW)
    assert _numbers(by_severity)[0] == other.number
