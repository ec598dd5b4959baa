"""A key greyed by the complaint's status says what to do first, with the key that does it, in both languages;
where no step of the desk's own leads there, it says plainly that the status does not allow it."""

import pytest
from textual.binding import Binding
from textual.widgets import Static

from aftersales import i18n
from aftersales.domain.deliveries import DeliveryMove, DeliveryStatus, OrderLine, delivery_moves
from aftersales.domain.enums import ComplaintStatus
from aftersales.domain.schemas import ComplaintView, StaffView
from aftersales.services.context import Desk
from aftersales.ui.screens.complaints.detail_actions import ACTIONS_BY_NAME, DETAIL_ACTIONS
from aftersales.ui.screens.deliveries.board import DeliveryBoardScreen
from aftersales.ui.screens.deliveries.board_ways import move_refused
from tests.delivery_helpers import investigating
from tests.factories import new_complaint

from .delivery_harness import cursor_to, open_board, seed_board
from .harness import LoggedIn, press

S = ComplaintStatus
NO_WAY = None
# (action, status it is refused in) → the keys of the steps that lead on, in order ("3": the deliveries
# board, where an order is completed or cancelled); NO_WAY where no step of the desk's own leads on.
WAYS: dict[tuple[str, ComplaintStatus], list[str] | None] = {
    **{("acknowledge", status): NO_WAY for status in S if status is not S.NEW},
    ("assign", S.CLOSED): NO_WAY,
    ("status", S.NEW): ["a"],
    ("status", S.AWAITING_DELIVERY): ["3"],
    ("status", S.RESOLVED): ["b"],
    ("status", S.CLOSED): NO_WAY,
    ("resolve", S.NEW): ["a", "s"],
    ("resolve", S.ACKNOWLEDGED): ["s"],
    ("resolve", S.AWAITING_DELIVERY): ["3"],
    ("resolve", S.AWAITING_CUSTOMER): ["s"],
    ("resolve", S.RESOLVED): NO_WAY,
    ("resolve", S.CLOSED): NO_WAY,
    ("withdraw", S.CLOSED): NO_WAY,
    ("duplicate", S.CLOSED): NO_WAY,
    ("escalate", S.CLOSED): NO_WAY,
    ("dispatch", S.NEW): ["a", "s"],
    ("dispatch", S.ACKNOWLEDGED): ["s"],
    ("dispatch", S.AWAITING_CUSTOMER): ["s"],
    ("dispatch", S.RESOLVED): NO_WAY,
    ("dispatch", S.CLOSED): NO_WAY,
    ("callback", S.NEW): ["a", "s"],
    ("callback", S.ACKNOWLEDGED): ["s"],
    ("callback", S.CLOSED): NO_WAY,
    ("close", S.NEW): ["a", "s", "r"],
    ("close", S.ACKNOWLEDGED): ["s", "r"],
    ("close", S.INVESTIGATING): ["r"],
    ("close", S.AWAITING_DELIVERY): ["3", "r"],
    ("close", S.AWAITING_CUSTOMER): ["s", "r"],
    ("close", S.CLOSED): NO_WAY,
}


def _key_of(name: str) -> str:
    return "3" if name == "deliveries" else ACTIONS_BY_NAME[name].key


def _view(status: ComplaintStatus) -> ComplaintView:
    return ComplaintView.model_construct(number="TS-20261127-0001", status=status, assignee=None)


def test_the_table_covers_every_key_refused_by_status() -> None:
    refused = {(entry.name, status) for entry in DETAIL_ACTIONS for status in S if not entry.status_allows(_view(status))}
    assert refused == set(WAYS)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(("action", "status"), sorted(WAYS, key=lambda pair: (pair[0], pair[1].value)))
def test_a_refusal_names_the_keys_of_the_way_forward(
    action: str, status: ComplaintStatus, language: str, staff: dict[str, StaffView]
) -> None:
    i18n.set_language(language)
    text = ACTIONS_BY_NAME[action].refusal(_view(status), staff["op01"], _key_of)
    assert "TS-20261127-0001" in text and i18n.label(status) in text
    keys = WAYS[(action, status)]
    if keys is None:
        assert text == i18n.t("detail.unavailable.status", number="TS-20261127-0001", status=i18n.label(status))
        return
    brackets = ("（", "）") if language == "zh_CN" else ("(", ")")
    places = [text.find(f"{brackets[0]}{key}{brackets[1]}") for key in keys]
    assert all(place >= 0 for place in places), text
    assert places == sorted(places), text  # the first step first


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "TS-20261127-0001 is Acknowledged: first move it to Investigating (s)."),
    ("zh_CN", "TS-20261127-0001 当前为「已受理」，请先改为「调查中」（s）。"),
])
def test_dispatch_on_an_acknowledged_complaint_says_to_move_it_to_investigating(
    language: str, expected: str, staff: dict[str, StaffView]
) -> None:
    i18n.set_language(language)
    assert ACTIONS_BY_NAME["dispatch"].refusal(_view(S.ACKNOWLEDGED), staff["op01"], _key_of) == expected


@pytest.mark.parametrize("language", ["en", "zh_CN"])
async def test_the_greyed_key_pressed_on_the_detail_says_the_way_with_its_live_key(
    language: str, logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    view = new_complaint(desk, staff["op01"])
    async with logged_in("op01", complaint=view.id, language=language) as (app, pilot):
        await press(pilot, "r")
        message = str(app.screen.query_one("#detail-message", Static).render())
        assert "(a)" in message or "（a）" in message
        assert "(s)" in message or "（s）" in message


async def test_an_order_waiting_for_delivery_points_to_the_deliveries_board(
    logged_in: LoggedIn, desk: Desk, staff: dict[str, StaffView]
) -> None:
    from aftersales.services.deliveries.orders import create_order
    from tests.delivery_helpers import order_data

    complaint = investigating(desk, staff["op01"])
    create_order(desk, staff["op01"], complaint.id, order_data(), complaint.version)
    async with logged_in("op01", complaint=complaint.id) as (app, pilot):
        await press(pilot, "r")
        message = str(app.screen.query_one("#detail-message", Static).render())
        assert "deliveries board (3)" in message


D, M = DeliveryStatus, DeliveryMove
# The board's greyed moves: (order state, move) → the keys of the moves to make first; NO_WAY where none leads.
ORDER_WAYS: dict[tuple[DeliveryStatus, DeliveryMove], list[str] | None] = {
    (D.REQUESTED, M.CREW): ["a"], (D.REQUESTED, M.DISPATCH): ["a"],
    (D.REQUESTED, M.COMPLETE): ["a", "o"], (D.REQUESTED, M.FAIL): ["a", "o"],
    (D.ACCEPTED, M.ACCEPT): NO_WAY, (D.ACCEPTED, M.COMPLETE): ["o"], (D.ACCEPTED, M.FAIL): ["o"],
    **{(D.OUT, move): NO_WAY for move in (M.ACCEPT, M.CREW, M.DISPATCH, M.RESCHEDULE, M.CANCEL)},
    **{(D.COMPLETED, move): NO_WAY for move in M},
    (D.FAILED, M.ACCEPT): ["r"], (D.FAILED, M.CREW): ["r", "a"], (D.FAILED, M.DISPATCH): ["r", "a"],
    (D.FAILED, M.COMPLETE): ["r", "a", "o"], (D.FAILED, M.FAIL): NO_WAY,
    (D.RESCHEDULED, M.CREW): ["a"], (D.RESCHEDULED, M.DISPATCH): ["a"],
    (D.RESCHEDULED, M.COMPLETE): ["a", "o"], (D.RESCHEDULED, M.FAIL): ["a", "o"], (D.RESCHEDULED, M.RESCHEDULE): NO_WAY,
    **{(D.CANCELLED, move): NO_WAY for move in M},
}
BOARD_KEYS = {binding.action: binding.key for binding in DeliveryBoardScreen.BINDINGS if isinstance(binding, Binding)}


def _order(status: DeliveryStatus) -> OrderLine:
    line = OrderLine(*([None] * len(OrderLine._fields)))
    return line._replace(id=42, status=status)


def test_the_order_table_covers_every_move_greyed_by_state() -> None:
    greyed = {(status, move) for status in D for move in M if move not in delivery_moves(status)}
    assert greyed == set(ORDER_WAYS)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(("status", "move"), sorted(ORDER_WAYS, key=lambda pair: (pair[0].value, pair[1].value)))
def test_a_greyed_move_on_the_board_names_the_moves_to_make_first(
    status: DeliveryStatus, move: DeliveryMove, language: str
) -> None:
    i18n.set_language(language)
    text = move_refused(_order(status), move, lambda step: BOARD_KEYS[f"move('{step.value}')"])
    assert "DO-000042" in text and i18n.label(status) in text
    keys = ORDER_WAYS[(status, move)]
    if keys is None:
        assert text == i18n.t("deliveries.way.not_now", number="DO-000042", status=i18n.label(status))
        return
    brackets = ("（", "）") if language == "zh_CN" else ("(", ")")
    places = [text.find(f"{brackets[0]}{key}{brackets[1]}") for key in keys]
    assert all(place >= 0 for place in places), text
    assert places == sorted(places), text


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "first accept it (a), then mark it out (o)."),
    ("zh_CN", "请先接单（a），再出车（o）。"),
])
async def test_delivered_pressed_on_a_requested_order_says_accept_then_out(
    language: str, expected: str, logged_in: LoggedIn, staff: dict[str, StaffView]
) -> None:
    made = seed_board(staff)
    async with logged_in("dc01", language=language) as (app, pilot):
        await open_board(pilot)
        await cursor_to(pilot, made["requested"].number)
        await press(pilot, "c")
        said = [str(notice.message) for notice in app._notifications]
        assert any(made["requested"].number in text and text.endswith(expected) for text in said), said
