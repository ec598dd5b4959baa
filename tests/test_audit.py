"""The audit trail: one event per service call, append-only, hash-chained."""

import sqlite3

import pytest
from peewee import IntegrityError

from aftersales.domain.enums import ComplaintStatus, EventKind
from aftersales.domain.errors import AuthFailed
from aftersales.services.audit import verify_chain
from aftersales.services.complaints import actions as act
from aftersales.services.staff import auth
from aftersales.store.models import Event

from .factories import new_complaint


def _count() -> int:
    return Event.select().count()


def test_every_service_call_appends_exactly_one_event(desk, staff):
    op, lead = staff["op01"], staff["lead01"]
    steps = []
    before = _count()
    c = new_complaint(desk, op)
    steps.append(("create", _count() - before))
    for name, call in [
        ("acknowledge", lambda c: act.acknowledge(desk, op, c.id, c.version)),
        ("assign", lambda c: act.assign(desk, lead, c.id, "op02", c.version)),
        ("note", lambda c: act.add_note(desk, op, c.id, {"text": "已联系商铺"})),
        ("contact", lambda c: act.add_note(desk, op, c.id, {"text": "电话告知进度", "customer_contact": True})),
        ("investigate", lambda c: act.change_status(desk, op, c.id, ComplaintStatus.INVESTIGATING, c.version)),
        ("resolve", lambda c: act.resolve(desk, op, c.id, {"decision": "换货", "remedy": "replace"}, c.version)),
    ]:
        before = _count()
        c = call(c)
        steps.append((name, _count() - before))
    other = new_complaint(desk, op, phone="13900001111")
    duplicate = new_complaint(desk, op, phone="13900002222")
    for name, call in [
        ("withdraw", lambda: act.withdraw(desk, op, other.id, {"reason": "客户撤诉"}, other.version)),
        ("merge", lambda: act.merge_duplicate(desk, op, duplicate.id, c.number, duplicate.version)),
        ("login", lambda: auth.login(desk, "op01", "1111")),
    ]:
        before = _count()
        call()
        steps.append((name, _count() - before))
    # Acknowledging an unassigned complaint also gives it to the operator: two changes, two events.
    assert dict(steps) == {name: 2 if name == "acknowledge" else 1 for name, _ in steps}, steps


def test_events_refuse_update_and_delete(desk, staff):
    new_complaint(desk, staff["op01"])
    event = Event.select().order_by(Event.id.desc()).first()
    with pytest.raises(IntegrityError, match="append-only"):
        Event.update(note="rewritten").where(Event.id == event.id).execute()
    with pytest.raises(IntegrityError, match="append-only"):
        Event.delete().where(Event.id == event.id).execute()
    assert Event.get_by_id(event.id).note == event.note


def test_chain_verifies_and_names_an_altered_event(db_path, desk, staff):
    c = new_complaint(desk, staff["op01"])
    act.add_note(desk, staff["op01"], c.id, {"text": "original note"})
    act.add_note(desk, staff["op01"], c.id, {"text": "second note"})
    assert verify_chain().first_broken is None
    target = Event.select().where(Event.note == "original note").get()
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER event_append_only_update")
    raw.execute("UPDATE event SET note = 'forged note' WHERE id = ?", (target.id,))
    raw.commit()
    raw.close()
    report = verify_chain()
    assert report.first_broken == target.id
    assert report.reason == "content was altered"


def test_denied_login_and_success_are_audited(desk, staff):
    with pytest.raises(AuthFailed):
        auth.login(desk, "op01", "0000")
    auth.login(desk, "op01", "1111")
    kinds = [e.kind for e in Event.select().order_by(Event.id.desc()).limit(2)]
    assert kinds == [EventKind.LOGIN.value, EventKind.LOGIN_FAILED.value]


def test_each_event_seals_the_one_before_with_the_documented_digest(desk, staff):
    from aftersales.domain.audit_chain import GENESIS, event_digest
    from aftersales.services.audit import _content
    from aftersales.store.fields import to_epoch

    c = new_complaint(desk, staff["op01"])
    for text in ('客户说"明天再来" \\ 😀', "plain note", "多行\n备注\t制表"):
        act.add_note(desk, staff["op01"], c.id, {"text": text})
    previous = GENESIS
    for event in Event.select().order_by(Event.id):
        content = _content(event.complaint_id, event.actor_id, to_epoch(event.at), event.kind, event.field,
                           event.old, event.new, event.note, event.customer_contact, event.source)
        assert (event.prev_hash, event.hash) == (previous, event_digest(previous, content))
        previous = event.hash


def test_an_event_from_the_command_line_seals_its_source(desk, staff):
    from aftersales.domain.audit_chain import event_digest
    from aftersales.services.audit import COMMAND_LINE, _content, events_from
    from aftersales.store.fields import to_epoch

    new_complaint(desk, staff["op01"])
    with events_from(COMMAND_LINE):
        auth.login(desk, "op01", "1111")
    auth.login(desk, "op01", "1111")
    desk_login, cli_login = (
        Event.select().where(Event.kind == EventKind.LOGIN.value).order_by(Event.id.desc()).limit(2)
    )
    assert (cli_login.source, desk_login.source) == ("cli", "")
    assert verify_chain().first_broken is None
    unsourced = _content(None, cli_login.actor_id, to_epoch(cli_login.at), "login", "", "", "", "", False)
    assert event_digest(cli_login.prev_hash, unsourced) != cli_login.hash  # the source is part of the seal
