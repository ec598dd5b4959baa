"""The CJK font the register's PDF embeds: the one named in the settings, else the first found on this
machine that reportlab can embed (TrueType outlines: WenQuanYi, AR PL, Droid; not Noto's CFF-based OTF)."""

from pathlib import Path

from ...domain.errors import DeskError

FONT_NAME = "RegisterCJK"
# (file, face inside a collection); looked for in this order.
CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansCJKsc-Regular.ttf", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
)


class FontMissing(DeskError):
    """No font that can print Chinese into a PDF."""

    key = "reports.error.no_font"


def _load(path: str, face: int) -> str | None:
    """Register `path` with reportlab; None (and why) when it cannot be embedded."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        font = TTFont(FONT_NAME, path, subfontIndex=face)
    except (TTFError, OSError) as exc:
        return str(exc)
    if font.face.charToGlyph.get(ord("售")) is None:
        return "it has no Chinese characters"
    pdfmetrics.registerFont(font)
    return None


def register_font(configured: str | None = None) -> str:
    """Make FONT_NAME usable by reportlab; returns the file used. Raises FontMissing with what to do."""
    if configured:
        problem = _load(configured, 0) if Path(configured).is_file() else "no such file"
        if problem:
            raise FontMissing("reports.error.bad_font", path=configured, detail=problem)
        return configured
    for path, face in CANDIDATES:
        if Path(path).is_file() and _load(path, face) is None:
            return path
    raise FontMissing()
