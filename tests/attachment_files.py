"""Files for attachment tests, drawn on the spot: a phone photo turned sideways with a location, a PDF, and
the bad inputs a desk meets."""

import io
from pathlib import Path

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def sideways_photo(path: Path, colour: tuple[int, int, int] = (200, 40, 40)) -> Path:
    """A 64 × 32 JPEG stored sideways (EXIF orientation 6: shown rotated to 32 × 64) with a GPS location."""
    from PIL import Image

    image = Image.new("RGB", (64, 32), colour)
    for x in range(8):
        image.putpixel((x, 0), (0, 0, 0))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"  # camera make, kept
    exif[GPS_IFD] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    path.write_bytes(out.getvalue())
    return path


def plain_png(path: Path, size: tuple[int, int] = (40, 30)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (20, 120, 200)).save(path, "PNG")
    return path


def small_pdf(path: Path, text: str = "receipt") -> Path:
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
            b"% " + text.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    path.write_bytes(body)
    return path


def bomb_png(path: Path) -> Path:
    """A small file that claims 10,000 × 9,000 pixels (over Pillow's limit of safe opening)."""
    from PIL import Image

    Image.new("1", (10_000, 9_000)).save(path, "PNG")
    return path


def random_bytes(path: Path, size: int) -> Path:
    import random

    path.write_bytes(random.Random(size).randbytes(size))
    return path
