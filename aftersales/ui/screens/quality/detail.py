"""One quality signal: its series on a control chart with centre and limits, the figures, and what was done.

Keys: enter (or c) shows the complaints behind it in the queue, a acknowledges it, r sends it to its shop,
p shows the Pareto of its shop, brand or category for the month, escape goes back.
"""

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from .... import i18n
from ...background import run_in_background
from ...messages import DataChanged, LoadFailed
from ...read_only import refuse_when_read_only
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar
from ..desk_screen import DeskScreen
from .charts import ControlChart
from .wording import figure, refusal, rule_text, scope_text, state_text, where_text


@dataclass
class SignalRead(Message):
    """One signal with its series and the complaints behind it."""

    detail: Any


class SignalDetailScreen(DeskScreen):
    """The chart of one signal; its figures and state above it."""

    DEFAULT_CSS = """
    SignalDetailScreen #signal-facts { height: auto; padding: 0 1; }
    SignalDetailScreen #signal-chart-title { height: 1; padding: 0 1; text-style: bold; }
    SignalDetailScreen #signal-chart { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "complaints", "quality_view.key.complaints", id="signal.complaints"),
        Binding("c", "complaints", "quality_view.key.complaints", id="signal.complaints_c", show=False),
        Binding("a", "acknowledge", "quality_view.key.acknowledge", id="signal.acknowledge"),
        Binding("r", "rectify", "quality_view.key.rectify", id="signal.rectify"),
        Binding("p", "pareto", "quality_view.key.pareto", id="signal.pareto"),
        Binding("escape", "back", "quality_view.key.back", id="signal.back"),
    ]

    def __init__(self, signal_id: int) -> None:
        super().__init__()
        self.signal_id = signal_id
        self.detail: Any = None

    def compose(self) -> ComposeResult:
        yield SectionBar("reports")
        yield Static("", id="signal-title", classes="table-title")
        yield Static(Text(i18n.t("quality_view.loading")), id="signal-facts")
        yield Static("", id="signal-chart-title")
        yield ControlChart(id="signal-chart")
        yield Static("", id="signal-status", classes="status-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        signal_id = self.signal_id

        def read() -> SignalRead:
            from ....services.quality.read import signal

            return SignalRead(signal(signal_id))

        run_in_background(self, read, group="signal", failed="quality_view.load_failed")

    def on_signal_read(self, message: SignalRead) -> None:
        self.detail = message.detail
        self._show()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#signal-status", Static).update(Text(message.text))

    def on_data_changed(self, _message: DataChanged) -> None:
        self._load()

    def refresh_language(self) -> None:
        if self.detail is not None:
            self._show()

    def _show(self) -> None:
        view = self.detail.view
        title = i18n.t("quality_view.detail.title", scope=scope_text(view.scope), label=where_text(view),
                       rule=rule_text(view.rule))
        self.query_one("#signal-title", Static).update(Text(title))
        self.query_one("#signal-facts", Static).update(Text("\n".join(facts(view))))
        chart = i18n.t(f"quality_view.chart.{view.chart}")
        if view.laney:
            chart += " · " + i18n.t("quality_view.chart.laney")
        self.query_one("#signal-chart-title", Static).update(Text(chart))
        self.query_one(ControlChart).show(self.detail.points)
        self.query_one("#signal-status", Static).update(Text(i18n.t("quality_view.detail.state",
                                                                    state=state_text(view.state))))
        self.refresh_bindings()

    # ----- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("acknowledge", "rectify"):
            return None if refusal(self.session.actor, self._view()) else True
        if action in ("complaints", "pareto"):
            return True if self.detail is not None else None
        return True

    def unavailable_reason(self, action: str) -> str | None:
        if action in ("acknowledge", "rectify"):
            return refusal(self.session.actor, self._view())
        return None

    def _view(self) -> Any:
        return None if self.detail is None else self.detail.view

    def action_acknowledge(self) -> None:
        self._act("acknowledge")

    def action_rectify(self) -> None:
        self._act("rectify")

    def _act(self, kind: str) -> None:
        view = self._view()
        if view is None or refuse_when_read_only(self.app):
            return
        from .dialogs import act_on_signal

        act_on_signal(self, kind, view)

    async def action_complaints(self) -> None:
        if self.detail is None:
            return
        if not self.detail.complaint_ids:
            self.notify(i18n.t("quality_view.no_complaints"), markup=False)
            return
        from .queue_jump import open_in_queue

        about = i18n.t("quality_view.queue_about", label=where_text(self.detail.view))
        await open_in_queue(self.app, list(self.detail.complaint_ids), about)

    def action_pareto(self) -> None:
        view = self._view()
        if view is not None:
            from .pareto import ParetoScreen

            self.app.push_screen(ParetoScreen(view.period, view.scope, view.key))

    def action_back(self) -> None:
        self.dismiss()


def facts(view: Any) -> list[str]:
    """The lines above the chart: the value against its limits, the counts, since when, what was done."""
    lines = [i18n.t("quality_view.detail.value", period=view.period, value=figure(view.value, view.chart),
                    lower=figure(view.lower, view.chart), upper=figure(view.upper, view.chart),
                    centre=figure(view.centre, view.chart))]
    if view.exposure is not None:
        lines.append(i18n.t("quality_view.detail.counts", count=view.count, exposure=f"{view.exposure:.1f}")
                     + " · " + i18n.t("quality_view.detail.since", since=view.since))
    else:
        lines.append(i18n.t("quality_view.detail.counts_c", count=view.count) + " · "
                     + i18n.t("quality_view.detail.since", since=view.since))
    if view.why:  # which limits, and why: Poisson or Laney's, with the baseline's length
        lines.append(i18n.t(view.why, sigma_z=f"{view.sigma_z:.2f}", periods=view.periods))
    if view.state != "new" and view.acted_by:
        at = f"{view.acted_at:%Y-%m-%d}" if view.acted_at else ""
        lines.append(i18n.t("quality_view.detail.acted", state=state_text(view.state), by=view.acted_by, at=at,
                            note=view.note))
    return lines
