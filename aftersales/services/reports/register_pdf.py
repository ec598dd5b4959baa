"""The register as a printable PDF: landscape A4, one line per complaint, page numbers, a totals page.

Drawn straight on reportlab's canvas (no flowables), so a month of 30,000 complaints streams through in
constant memory; `invariant` fixes the document's dates and ids, so the same data gives the same bytes.
"""

from collections.abc import Callable, Iterable
from pathlib import Path

from ...domain.reports.register import RegisterLine, RegisterTotals
from ...domain.wording import Wording
from .fonts import FONT_NAME
from .register_layout import COLUMNS, LineCells, closing_sections, printed

MARGIN = 28.0
SIZE = 7.5
LEADING = 11.0
HEADER = 46.0
FOOTER = 24.0
PAGE_COUNT_FORM = "register_page_count"
MONEY_COLUMNS = ("paid", "collected")


class _Pages:
    """The canvas and where the next line goes."""

    def __init__(self, out: Path, title: str, words: Wording) -> None:
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.pdfgen.canvas import Canvas

        self.width, self.height = landscape(A4)
        self.canvas = Canvas(str(out), pagesize=(self.width, self.height), invariant=1, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("aftersales")
        self.canvas.setCreator("aftersales")
        self.title = title
        self.words = words
        self.string_width = stringWidth
        self.page = 0
        self.y = 0.0
        self.widths: dict[str, float] = {}

    def text_width(self, text: str) -> float:
        found = self.widths.get(text)
        if found is None:
            found = self.string_width(text, FONT_NAME, SIZE)
            if len(self.widths) < 50_000:
                self.widths[text] = found
        return found

    def fit(self, text: str, width: float) -> str:
        """`text` cut with an ellipsis to fit `width` points."""
        room = width - 4
        if self.text_width(text) <= room:
            return text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.string_width(text[:middle] + "…", FONT_NAME, SIZE) <= room:
                low = middle
            else:
                high = middle - 1
        return text[:low] + "…"

    def new_page(self, headings: list[str] | None) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        c = self.canvas
        c.setFont(FONT_NAME, 12)
        c.drawString(MARGIN, self.height - MARGIN - 12, self.title)
        c.setFont(FONT_NAME, SIZE)
        label = self.words("reports.register.page", page=self.page)
        c.drawRightString(self.width - MARGIN - 24, MARGIN - 10, label)
        c.doForm(PAGE_COUNT_FORM)
        self.y = self.height - MARGIN - HEADER
        if headings:
            self.row(headings)
            c.line(MARGIN, self.y + LEADING - 3, self.width - MARGIN, self.y + LEADING - 3)

    def row(self, cells: Iterable[str]) -> None:
        x = MARGIN
        for (name, width), cell in zip(COLUMNS, cells, strict=True):
            if cell and name in MONEY_COLUMNS:
                self.canvas.drawRightString(x + width - 4, self.y, self.fit(cell, width))
            elif cell:
                self.canvas.drawString(x, self.y, self.fit(cell, width))
            x += width
        self.y -= LEADING

    def note(self, text: str) -> None:
        """A line of its own under a complaint's row, from the second column to the page's edge."""
        indent = COLUMNS[0][1]
        self.canvas.drawString(MARGIN + indent, self.y, self.fit(text, self.width - 2 * MARGIN - indent))
        self.y -= LEADING

    def room(self) -> bool:
        return self.y >= MARGIN + FOOTER

    def finish(self) -> None:
        c = self.canvas
        c.beginForm(PAGE_COUNT_FORM)
        c.setFont(FONT_NAME, SIZE)
        c.drawString(self.width - MARGIN - 22, MARGIN - 10, self.words("reports.register.of_pages", pages=self.page))
        c.endForm()
        c.save()


def write_pdf(out: Path, month: str, lines: Iterable[RegisterLine], totals: Callable[[], RegisterTotals],
              words: Wording) -> int:
    """Draw the register of `month` to `out`; `totals` is called once every line was drawn. Returns the pages."""
    cells = LineCells(words)
    headings = cells.headings()
    pages = _Pages(out, words("reports.register.title", month=month), words)
    pages.new_page(headings)
    for line in lines:
        if not pages.room():
            pages.new_page(headings)
        pages.row(cells.cells(line))
        if line.attachments:
            if not pages.room():
                pages.new_page(headings)
            pages.note(words("reports.register.attachments", files=cells.attachments(line, short=True)))
    done = totals()
    pages.new_page(None)
    c = pages.canvas
    c.setFont(FONT_NAME, 11)
    for heading, rows in closing_sections(done, words):
        c.drawString(MARGIN, pages.y, heading)
        pages.y -= LEADING * 1.6
        for label, value in rows:
            c.drawString(MARGIN + 12, pages.y, label)
            c.drawRightString(MARGIN + 360, pages.y, printed(value))
            pages.y -= LEADING * 1.4
        pages.y -= LEADING
    pages.finish()
    return pages.page
