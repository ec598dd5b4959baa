"""Money as dated entries: resolving and delivering write them, they cannot be altered, old amounts migrate."""

from datetime import date, timedelta

import pytest
from peewee import IntegrityError, InternalError

from aftersales.domain.clock import fixed_clock
from aftersales.services.complaints import actions
from aftersales.services.context import Desk
from aftersales.services.money.entries import entries_of
from aftersales.store.db import close_database, open_database
from aftersales.store.models import ClosedMonth, Meta, MoneyEntry, RegisterHandover, database

from .delivery_helpers import delivered, dispatched, investigating
from .factories import NOW
from .report_factories import local, put_complaint, put_delivery


def test_resolving_with_compensation_writes_an_entry_on_the_malls_day(db_target, staff, desk):
    # 01:00 on 28 November in Shanghai is still the 27th in UTC: the entry is the mall's 28th.
    late = Desk(clock=fixed_clock(local(date(2026, 11, 28), 1)))
    view = investigating(desk, staff["op01"])
    actions.resolve(late, staff["op01"], view.id, {"decision": "赔偿运费", "remedy": "compensation",
                                                   "compensation_fen": 12_345}, view.version)
    [entry] = entries_of(view.id)
    assert (entry.kind, entry.amount_fen, entry.day, entry.amends) == ("compensation", 12_345, date(2026, 11, 28), None)
    stored = MoneyEntry.get_by_id(entry.id)
    assert stored.recorded_by_id == staff["op01"].id and stored.recorded_at == local(date(2026, 11, 28), 1)


def test_a_refund_is_an_entry_of_its_own_kind_and_no_money_writes_none(db_target, staff, desk):
    refund = investigating(desk, staff["op01"])
    actions.resolve(desk, staff["op01"], refund.id, {"decision": "退货退款", "remedy": "return_refund",
                                                     "compensation_fen": 99_999}, refund.version)
    repair = investigating(desk, staff["op01"], phone="13900001111")
    actions.resolve(desk, staff["op01"], repair.id, {"decision": "上门维修", "remedy": "repair"}, repair.version)
    assert [(e.kind, e.amount_fen) for e in entries_of(refund.id)] == [("refund", 99_999)]
    assert entries_of(repair.id) == []


def test_completing_a_delivery_with_money_collected_writes_a_collection(db_target, staff, desk):
    view = investigating(desk, staff["op01"])
    order = dispatched(desk, staff["op01"], view, collect_fen=8_800)
    done = Desk(clock=fixed_clock(NOW + timedelta(days=1)))
    delivered(done, staff["dc01"], order)
    [entry] = entries_of(view.id)
    assert (entry.kind, entry.amount_fen, entry.day) == ("collection", 8_800, date(2026, 11, 28))
    assert MoneyEntry.get_by_id(entry.id).delivery_order_id == order.id


def test_an_entry_cannot_be_changed_or_deleted(db_target, staff, desk):
    view = investigating(desk, staff["op01"])
    actions.resolve(desk, staff["op01"], view.id, {"decision": "赔偿运费", "remedy": "compensation",
                                                   "compensation_fen": 500}, view.version)
    db = database.obj
    for statement in (MoneyEntry.update(amount_fen=1), MoneyEntry.delete()):
        with pytest.raises((IntegrityError, InternalError)), db.atomic():
            statement.execute()
    assert [e.amount_fen for e in entries_of(view.id)] == [500]


def test_a_schema_14_database_gains_one_entry_per_amount_on_the_day_it_was_recorded(db_target, staff, engine):
    paid = put_complaint(local(date(2026, 9, 28)), resolve_after=2 * 24 * 60 + 14 * 60 + 30,  # 1 Oct, 00:30
                         remedy_decided="compensation", compensation_fen=12_345)
    refunded = put_complaint(local(date(2026, 10, 10)), resolve_after=60, remedy_decided="return_refund",
                             compensation_fen=99_999)
    put_delivery(refunded, date(2026, 11, 2), collect_fen=8_800, completed=local(date(2026, 11, 2), 23, 30))
    RegisterHandover.create(month="2026-09", format="pdf", sha256="0" * 64, size=1, file_name="2026-09.pdf",
                            totals="{}", handed_by=staff["lead01"].id, handed_at=NOW)
    db = database.obj  # the database as schema 14 left it: amounts on the rows, no entries
    with db.atomic():
        db.execute_sql("DROP TABLE money_entry")
        db.execute_sql("DROP TABLE closed_month")
        if engine == "postgresql":
            Meta.update(value="14").where(Meta.key == "schema_version").execute()
    if engine == "sqlite":
        db.execute_sql("PRAGMA user_version = 14")
    close_database()
    open_database(db_target)
    entries = [(e.complaint_id, e.kind, e.amount_fen, e.day) for e in MoneyEntry.select().order_by(MoneyEntry.id)]
    assert entries == [(paid, "compensation", 12_345, date(2026, 10, 1)),
                       (refunded, "refund", 99_999, date(2026, 10, 10)),
                       (refunded, "collection", 8_800, date(2026, 11, 2))]
    with pytest.raises((IntegrityError, InternalError)), database.obj.atomic():
        MoneyEntry.delete().execute()
    # The month handed over before entries existed is closed from its first local moment to its last.
    [closed] = ClosedMonth.select()
    assert (closed.month, closed.starts_at, closed.ends_at) == ("2026-09", local(date(2026, 9, 1), 0),
                                                                local(date(2026, 10, 1), 0))


def test_resolving_a_reopened_complaint_again_pays_only_the_difference(db_target, staff, desk):
    from aftersales.domain.enums import ComplaintStatus
    from aftersales.store.models import Complaint

    view = investigating(desk, staff["op01"])
    view = actions.resolve(desk, staff["op01"], view.id, {"decision": "赔偿运费", "remedy": "compensation",
                                                          "compensation_fen": 5_000}, view.version)
    Complaint.update(status=ComplaintStatus.INVESTIGATING.value).where(Complaint.id == view.id).execute()  # reopened
    row = Complaint.get_by_id(view.id)
    actions.resolve(desk, staff["op01"], view.id, {"decision": "再补偿", "remedy": "compensation",
                                                   "compensation_fen": 8_000}, row.version)
    assert [e.amount_fen for e in entries_of(view.id)] == [5_000, 3_000]
    assert sum(e.amount_fen for e in entries_of(view.id)) == Complaint.get_by_id(view.id).compensation_fen
