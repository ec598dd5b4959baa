"""The floor of start-up: a bare Textual app with a header, a line of text, a table and a footer.

Run as a script by path (`python .../floor_app.py`), so it loads nothing of aftersales: the
benchmark starts it on a pseudo-terminal exactly as it starts the desk and times its first screen.
"""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

READY_TEXT = "floor ready"


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY_TEXT)
        yield DataTable()
        yield Footer()


if __name__ == "__main__":
    Floor().run()
