"""Section 6: the mall's shops, to look up for everyone and to keep for a team lead or the admin."""

from typing import Any

from rich.text import Text
from textual.binding import Binding

from .... import i18n
from ....domain.directory import ShopEntry
from ....domain.permissions import Action
from ....services.shops.directory import shop_directory
from ..directory.base import DirectoryScreen, cell
from .dialogs import ShopActiveDialog, ShopDialog


class ShopDirectoryScreen(DirectoryScreen):
    """Every shop, active ones first; `a` adds, `e` or `enter` edits, `x` deactivates or reactivates."""

    BINDINGS = [
        Binding("s", "ranking", "shops.key.ranking", id="shops.ranking"),
        Binding("c", "scorecard", "shops.key.scorecard", id="shops.scorecard", show=False),
        Binding("d", "documents", "shops.key.documents", id="shops.documents"),
        Binding("v", "visits", "visits.key.visits", id="shops.visits"),
        Binding("o", "partners", "partners.key.partners", id="shops.partners"),
    ]

    section = "shops"
    permission = Action.MANAGE_SHOPS
    prefix = "shops"
    form = ShopDialog
    active_form = ShopActiveDialog
    columns = ("code", "name", "unit", "category", "contact", "phone", "state")

    def load_entries(self) -> list[Any]:
        return shop_directory()

    def cells(self, entry: ShopEntry) -> list[Text]:
        style = "" if entry.active else "dim"
        state = i18n.t("directory.state.active" if entry.active else "directory.state.inactive")
        return [cell(entry.code, style), cell(entry.name, style), cell(entry.unit, style),
                cell(i18n.label(entry.category), style), cell(entry.contact, style), cell(entry.phone, style),
                cell(state, style)]

    def action_documents(self) -> None:
        """The sales documents: stock, moves, look-up."""
        from ..documents.documents import DocumentsScreen

        self.app.push_screen(DocumentsScreen())

    def action_visits(self) -> None:
        """The supervision visits of the shop under the cursor."""
        from ..supervision.visits import VisitsScreen

        entry = self.current()
        if entry is not None:
            self.app.push_screen(VisitsScreen(entry))

    def action_partners(self) -> None:
        """The outside after-sales bodies."""
        from ..partners.directory import PartnerDirectoryScreen

        self.app.push_screen(PartnerDirectoryScreen())

    def action_ranking(self) -> None:
        """Every shop's figures for this month, worst first."""
        from ..scorecards.ranking import ShopRankingScreen

        self.app.push_screen(ShopRankingScreen())

    def action_scorecard(self) -> None:
        """The scorecard of the shop under the cursor, this month."""
        from ....services.scorecards.figures import month_of
        from ...screens.scorecards.scorecard import ScorecardScreen

        entry = self.current()
        if entry is not None:
            desk = self.session.desk
            self.app.push_screen(ScorecardScreen(entry.code, month_of(desk.clock(), desk.sla.zone)))
