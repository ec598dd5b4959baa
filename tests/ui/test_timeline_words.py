"""Every event kind reads in words on a complaint's timeline, in both languages, with the actor's name beside
their code: no stored code (`callback_confirmed`, `delivery_out` …) ever shows."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from aftersales import i18n
from aftersales.domain.enums import CloseOutcome, EventKind
from aftersales.domain.schemas import EventView
from aftersales.ui.widgets.timeline import timeline_table

ZONE = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
STORED_CODES = {value.value for enum in (EventKind, CloseOutcome) for value in enum} | {"callback_confirmed"}


def _event(kind: EventKind, note: str = "", **parts: str) -> EventView:
    return EventView(id=1, complaint_id=1, actor_code="op01", actor_name="王芳", at=AT, kind=kind,
                     field=parts.get("field", ""), old=parts.get("old", ""), new=parts.get("new", ""), note=note,
                     customer_contact=False)


def _rendered(events: list[EventView]) -> str:
    console = Console(width=120, record=True, color_system=None)
    console.print(timeline_table(events, ZONE))
    return console.export_text()


@pytest.fixture(params=["en", "zh_CN"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def _raw_codes(text: str) -> set[str]:
    """Stored codes of more than one word that show as they are (one-word codes are English words too:
    their labels are checked instead)."""
    return {code for code in STORED_CODES if "_" in code and code in text}


@pytest.mark.parametrize("kind", list(EventKind), ids=lambda kind: kind.value)
def test_every_event_kind_has_words_in_both_catalogs_and_shows_the_actors_name(kind, language):
    assert i18n.catalog(language).get(f"enum.EventKind.{kind.value}"), f"{language} has no words for {kind.value}"
    text = _rendered([_event(kind)])
    assert i18n.label(kind) != kind.value and i18n.label(kind) in text
    assert "op01 王芳" in text
    assert not _raw_codes(text), text


@pytest.mark.parametrize("outcome", list(CloseOutcome), ids=lambda outcome: outcome.value)
def test_a_close_shows_its_outcome_in_words(outcome, language):
    closed = _event(EventKind.CLOSED, note=outcome.value, field="status", old="resolved", new="closed")
    text = _rendered([closed])
    assert i18n.label(outcome) != outcome.value and i18n.label(outcome) in text
    assert not _raw_codes(text), text


def test_a_close_on_an_earlier_call_names_that_call(language):
    note = '{"at":"2026-11-27T05:30:00+00:00","callback":7,"outcome":"callback_confirmed"}'
    text = _rendered([_event(EventKind.CLOSED, note=note, field="status", old="resolved", new="closed")])
    assert "11-27 13:30" in text and "callback" not in text.replace("Call-back", "").replace("call-back", "")
    assert not _raw_codes(text), text


def test_an_event_of_the_desk_itself_shows_a_dash():
    event = _event(EventKind.STATUS, field="status", old="new", new="acknowledged").model_copy(
        update={"actor_code": None, "actor_name": ""})
    assert "—" in _rendered([event])


def test_a_change_of_assignee_names_both(language):
    event = _event(EventKind.ASSIGNED, field="assignee", old="op01", new="op02").model_copy(
        update={"old_name": "王芳", "new_name": "李娜"})
    assert "op01 王芳 → op02 李娜" in _rendered([event])
