"""The brief as a PDF: portrait A4, the month's signals (table and control charts), the Pareto charts and
tables, the emerging terms; charts are matplotlib images, text is in the CJK font of the register."""

import io
from pathlib import Path
from typing import Any

from ...domain.wording import Wording
from ..reports.fonts import FONT_NAME
from .brief_charts import control_chart, pareto_chart
from .brief_rows import PARETO_ROWS, SIGNAL_COLUMNS, Brief, pareto_key, signal_row

MARGIN = 36.0


def write_pdf(brief: Brief, out: Path, words: Wording, font_file: str | None) -> None:
    """Lay `brief` out into the new file `out` (the caller registered FONT_NAME with reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    title = words("quality_brief.title", period=brief.period)
    document = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                                 bottomMargin=MARGIN, title=title, author="aftersales", creator="aftersales",
                                 invariant=1)
    document.build(_story(brief, words, font_file, title, A4[0] - 2 * MARGIN))


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    return {
        "title": ParagraphStyle("title", fontName=FONT_NAME, fontSize=16, leading=22, spaceAfter=8),
        "heading": ParagraphStyle("heading", fontName=FONT_NAME, fontSize=12, leading=16, spaceBefore=10,
                                  spaceAfter=6),
        "body": ParagraphStyle("body", fontName=FONT_NAME, fontSize=9, leading=13),
        "cell": ParagraphStyle("cell", fontName=FONT_NAME, fontSize=8, leading=10),
    }


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(header: list[str], rows: list[list[str]], width: float, styles: dict[str, Any]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    cells = [[Paragraph(_escaped(text), styles["cell"]) for text in row] for row in [header, *rows]]
    table = Table(cells, colWidths=[width / len(header)] * len(header), repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde5f0")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _image(png: bytes, width: float) -> Any:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    reader = ImageReader(io.BytesIO(png))
    pixels_wide, pixels_high = reader.getSize()
    return Image(io.BytesIO(png), width=width, height=width * pixels_high / pixels_wide)


def _story(brief: Brief, words: Wording, font_file: str | None, title: str, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    styles = _styles()
    story: list[Any] = [Paragraph(_escaped(title), styles["title"]),
                        Paragraph(_escaped(words("quality_brief.intro", period=brief.period)), styles["body"])]
    # 1. Signals.
    story.append(Paragraph(_escaped(words("quality_brief.signals")), styles["heading"]))
    if brief.signals:
        header = [words(f"quality_view.column.{name}") for name in SIGNAL_COLUMNS]
        story.append(_table(header, [signal_row(item.view, words) for item in brief.signals], width, styles))
        for item in brief.signals:
            if item.points:
                row = signal_row(item.view, words)
                caption = f"{row[0]} {row[1]} · {row[2]} · {words(f'quality_view.chart.{item.view.chart}')}"
                story.append(_image(control_chart(item.points, caption, font_file), width))
    else:
        story.append(Paragraph(_escaped(words("quality_brief.no_signals", period=brief.period)), styles["body"]))
    # 2. Pareto of categories and products.
    for view, of in ((brief.categories, "category"), (brief.products, "product")):
        heading = words(f"quality_brief.pareto_{of}")
        story.append(Paragraph(_escaped(heading), styles["heading"]))
        rows = view.rows[:PARETO_ROWS]
        if not rows:
            story.append(Paragraph(_escaped(words("quality_brief.no_complaints")), styles["body"]))
            continue
        labels = [pareto_key(row.key, of, words) for row in rows]
        story.append(_image(pareto_chart(labels, [row.count for row in rows], [row.cumulative for row in rows],
                                         heading, font_file), width))
        header = [words(f"quality_view.pareto.column.{name}") for name in ("key", "count", "share", "cumulative")]
        body = [[label, f"{row.count:,}", f"{row.share * 100:.1f}", f"{row.cumulative * 100:.1f}"]
                for label, row in zip(labels, rows, strict=True)]
        story.append(_table(header, body, width, styles))
        story.append(Paragraph(_escaped(words("quality_brief.pareto_total", total=f"{view.total:,}",
                                              vital=len([row for row in view.rows if row.vital]))), styles["body"]))
    # 3. Emerging terms.
    story.append(Paragraph(_escaped(words("quality_brief.terms")), styles["heading"]))
    if brief.terms:
        header = [words(f"quality_view.terms.column.{name}") for name in ("term", "kind", "now", "before", "g2")]
        body = [[term.term, words(f"quality_view.terms.kind_{term.kind}"), f"{term.now:,}", f"{term.before:,}",
                 f"{term.g2:.1f}"] for term in brief.terms]
        story.append(_table(header, body, width, styles))
    else:
        story.append(Paragraph(_escaped(words("quality_brief.no_terms")), styles["body"]))
    return story
