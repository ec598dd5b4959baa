"""A desk notices other desks' saves on both engines, and never reports its own back to itself."""

import time

import pytest

from aftersales.domain.enums import EventKind
from aftersales.domain.errors import DeskError
from aftersales.services.audit import append_event
from aftersales.services.changes import ChangeProbe, open_probe
from aftersales.services.complaints import actions as act
from aftersales.store.db import write_transaction
from aftersales.store.models import Event

from .factories import new_complaint
from .other_desk import saves_elsewhere

WITHIN = 5.0  # seconds: the longest a change may take to reach another desk


def _noticed(probe: ChangeProbe, within: float = WITHIN) -> bool:
    """Ask the probe until it reports a change, at most `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if probe.changed():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def probe(db_target: str, staff):
    found = open_probe(db_target)
    yield found
    found.close()


def test_another_desks_save_is_noticed_once(db_target, staff, desk, probe):
    made = new_complaint(desk, staff["op01"])
    assert not probe.changed()
    saves_elsewhere(db_target, "acknowledge", made.id, made.version)
    assert _noticed(probe)
    assert not _noticed(probe, 0.5)


def test_this_desks_own_saves_are_not_reported_back(db_target, staff, desk, probe):
    made = new_complaint(desk, staff["op01"])
    act.add_note(desk, staff["op01"], made.id, {"text": "called the shop"})
    act.acknowledge(desk, staff["op01"], made.id, made.version)
    # three commits the probe's connection did see; the acknowledgement also takes the complaint
    assert Event.select().count() == 4
    assert not _noticed(probe, 1.0)


def test_own_and_another_desks_saves_together_are_reported(db_target, staff, desk, probe):
    made = new_complaint(desk, staff["op01"])
    saves_elsewhere(db_target, "note", made.id)
    act.add_note(desk, staff["op01"], made.id, {"text": "and one of ours"})
    assert _noticed(probe)


def test_a_rolled_back_save_is_not_taken_for_this_desks_own(db_target, staff, desk, probe):
    made = new_complaint(desk, staff["op01"])
    with pytest.raises(DeskError):
        with write_transaction("a save that fails after its event"):
            append_event(desk.clock(), staff["op01"], EventKind.NOTE, complaint_id=made.id, note="never kept")
            raise DeskError("refused at the last moment")
    # On SQLite the other desk's event takes the very id the rolled-back one had.
    saves_elsewhere(db_target, "note", made.id)
    assert _noticed(probe)
