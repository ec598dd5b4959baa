"""Attachments' figures, taken where the saves are (a copy of the file, or a scratch server database):
attaching a 10 MB photo, the time the write lock is held for it, and opening a detail with 20 files."""

import io
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from ..domain.attachments import AttachmentSubject
from ..domain.schemas import StaffView
from ..services.attachments.attach import prepare_files, store_attachments, store_contents, store_prepared
from ..services.attachments.read import attachment_thumbnail, attachments_of
from ..services.attachments.subjects import subject_of
from ..services.complaints.read import get_complaint
from ..services.context import Desk
from .core import Row, ms

TARGETS: dict[str, float] = {"attach_ms": 1000.0, "attach_lock_ms": 200.0, "detail_with_attachments_ms": 150.0}
ROWS = [
    Row("bench.row.attach", ("attach_ms",), "ms", "attach_ms"),
    Row("bench.row.attach_lock", ("attach_lock_ms",), "ms", "attach_lock_ms"),
    Row("bench.row.detail_attachments", ("detail_with_attachments_ms",), "ms", "detail_with_attachments_ms"),
]
ATTACHES = 3
DETAIL_FILES = 20
DETAIL_OPENS = 5


def _photo(path: Path, seed: int) -> Path:
    """A JPEG of about 10.7 MB (a 4.5-megapixel phone photo's size at full quality): noise does not compress."""
    from PIL import Image

    rng = random.Random(seed)
    side = 1650
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=100, subsampling=0)
    path.write_bytes(out.getvalue())
    return path


def attachment_figures(actor: StaffView, complaint_id: int, on_server: bool) -> dict[str, Any]:
    """Attach photos to `complaint_id` and open it with twenty files, in the open (scratch) database."""
    desk = Desk()
    subject = subject_of(AttachmentSubject.COMPLAINT, complaint_id)
    whole, locked = [], []
    photo_size = 0
    with tempfile.TemporaryDirectory(prefix="aftersales-bench-files-") as folder:
        for index in range(ATTACHES):
            path = _photo(Path(folder) / f"photo-{index}.jpg", index)
            photo_size = path.stat().st_size
            start = time.perf_counter()
            ready = prepare_files([path], max_mb=50)
            stored = time.perf_counter()
            store_contents(desk, ready)
            held = time.perf_counter()
            store_attachments(desk, actor, subject, ready)
            done = time.perf_counter()
            whole.append(done - start)
            # SQLite has one writer: both transactions hold its lock. A server holds the desk's own write
            # lock (the audit trail's) only while the attachment is recorded.
            locked.append(max(held - stored, done - held) if not on_server else done - held)
        small = Path(folder) / "small.png"
        from PIL import Image

        for index in range(DETAIL_FILES - ATTACHES):
            Image.new("RGB", (64, 48), (index * 9 % 255, 90, 160)).save(small, "PNG")
            store_prepared(desk, actor, subject, prepare_files([small]))
    opens = []
    for _ in range(DETAIL_OPENS):
        start = time.perf_counter()
        get_complaint(complaint_id)
        views = attachments_of(AttachmentSubject.COMPLAINT, complaint_id)
        attachment_thumbnail(views[0].id)
        opens.append(time.perf_counter() - start)
    return {"attach_ms": ms(statistics.median(whole)), "attach_lock_ms": ms(max(locked)),
            "detail_with_attachments_ms": ms(statistics.median(opens)), "detail_attachments": len(views),
            "attach_photo_mb": round(photo_size / 1_048_576, 1)}
