"""Receiving, issuing and returning sales documents through the service, on both engines."""

import pytest

from aftersales import i18n
from aftersales.domain.documents.enums import DocumentKind, DocumentMove, NumberState
from aftersales.domain.enums import EventKind
from aftersales.domain.errors import InvalidInput, PermissionDenied
from aftersales.services.documents.moves import RangeRefused, move_documents
from aftersales.services.documents.read import lookup_number, recent_moves, stock_report
from aftersales.store.models import DocumentRange, Event

from .factories import NOW


def move(desk, actor, move, first, last="", shop="", kind="receipt"):
    return move_documents(desk, actor, {"kind": kind, "move": move, "first": first, "last": last, "shop_code": shop})


def test_a_lead_receives_and_issues_receipt_books_and_a_lookup_names_the_shop(desk, staff):
    lead = staff["lead01"]
    move(desk, lead, "receive", "XS0001000", "XS0001999")
    issued = move(desk, lead, "issue", "1100", "1149", shop="S002")
    assert (issued.count, issued.shop_code, issued.written) == (50, "S002", "XS0001100–XS0001149")
    [found] = lookup_number("XS0001120")
    assert (found.state, found.shop_code, found.holder_code, found.issued_at) == (NumberState.ISSUED, "S002", "S002", NOW)
    assert [m.move for m in found.history] == [DocumentMove.RECEIVE, DocumentMove.ISSUE]
    [kept] = lookup_number("XS0001500")
    assert (kept.state, kept.shop_code) == (NumberState.IN_STOCK, "")
    assert lookup_number("XS0002000") == []
    # Three ranges, not one row per number.
    assert DocumentRange.select().count() == 3
    assert Event.select().where(Event.kind == EventKind.DOCUMENTS_ISSUED.value).get().new == "S002 XS0001100–XS0001149"


def test_overlapping_batches_and_impossible_moves_are_refused_naming_the_numbers(desk, staff):
    lead = staff["lead01"]
    move(desk, lead, "receive", "1", "100")
    move(desk, lead, "issue", "1", "10", shop="S001")
    with pytest.raises(RangeRefused) as overlap:
        move(desk, lead, "receive", "90", "120")
    assert "XS0000090–XS0000100" in i18n.error_text(overlap.value)
    with pytest.raises(RangeRefused) as not_in_stock:
        move(desk, lead, "issue", "5", "20", shop="S002")
    assert "XS0000005–XS0000010 (issued to S001)" in i18n.error_text(not_in_stock.value)
    with pytest.raises(RangeRefused) as never_issued:
        move(desk, lead, "return", "50", "60", shop="S001")
    assert "XS0000050–XS0000060" in i18n.error_text(never_issued.value)
    with pytest.raises(RangeRefused) as unknown:
        move(desk, lead, "void", "200", shop="S001")
    assert "never received" in i18n.error_text(unknown.value)
    # Nothing moved by the refusals.
    assert [(r.first, r.last, r.state) for r in DocumentRange.select().order_by(DocumentRange.first)] == [
        (1, 10, "issued"), (11, 100, "in_stock")]


def test_a_shop_returns_voids_and_loses_its_numbers_and_the_stock_report_adds_up(desk, staff):
    lead = staff["mgr01"]
    move(desk, lead, "receive", "JQ00000001", "JQ01000000", kind="price_tag")
    move(desk, lead, "issue", "1", "5000", shop="S003", kind="price_tag")
    move(desk, lead, "return", "4001", "5000", shop="S003", kind="price_tag")
    move(desk, lead, "void", "1", "10", shop="S003", kind="price_tag")
    move(desk, lead, "lose", "11", "12", shop="S003", kind="price_tag")
    move(desk, lead, "use", "13", "2000", shop="S003", kind="price_tag")
    report = {line.shop_code: line for line in stock_report(DocumentKind.PRICE_TAG)}
    shop = report["S003"].counts
    assert (shop[NumberState.ISSUED], shop[NumberState.RETURNED], shop[NumberState.VOIDED], shop[NumberState.LOST],
            shop[NumberState.USED]) == (2000, 1000, 10, 2, 1988)
    assert report[""].counts[NumberState.IN_STOCK] == 995_000
    assert sum(line.total for line in report.values()) == 1_000_000
    assert DocumentRange.select().count() <= 8
    assert [m.move for m in recent_moves(3)] == [DocumentMove.USE, DocumentMove.LOSE, DocumentMove.VOID]


def test_an_operator_may_not_move_documents_and_bad_input_is_refused_under_its_field(desk, staff):
    with pytest.raises(PermissionDenied):
        move(desk, staff["op01"], "receive", "1", "10")
    lead = staff["lead01"]
    with pytest.raises(InvalidInput) as backwards:
        move(desk, lead, "receive", "10", "1")
    assert set(backwards.value.fields) == {"last"}
    with pytest.raises(InvalidInput) as wrong_kind:
        move(desk, lead, "receive", "HT20261100001")
    assert set(wrong_kind.value.fields) == {"first"}
    with pytest.raises(InvalidInput) as no_shop:
        move(desk, lead, "issue", "1")
    assert set(no_shop.value.fields) == {"shop_code"}
    with pytest.raises(InvalidInput) as unknown_shop:
        move(desk, lead, "issue", "1", shop="S999")
    assert set(unknown_shop.value.fields) == {"shop_code"}
