"""An honest panel for sections this version does not have yet."""

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Static

from ....i18n import t
from ...widgets.desk_footer import DeskFooter
from ...widgets.section_bar import SectionBar


class PlaceholderScreen(Screen[None]):
    """Says plainly that `section` is not available yet and how to get elsewhere."""

    DEFAULT_CSS = """
    #placeholder-panel {
        width: 64;
        height: auto;
        margin-top: 6;
        padding: 1 2;
        border: round $warning;
    }
    """

    def __init__(self, section: str) -> None:
        super().__init__(classes="placeholder-screen")
        self.section = section

    def compose(self) -> ComposeResult:
        yield SectionBar(self.section)
        with Center(), Vertical(id="placeholder-panel"):
            yield Static(t(f"shell.section.{self.section}"), markup=False, classes="panel-title")
            yield Static(t("shell.placeholder.body"), markup=False)
            yield Static(t("shell.placeholder.hint"), markup=False, classes="hint")
        yield DeskFooter()
