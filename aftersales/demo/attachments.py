"""The demo's photos and papers: pictures drawn here (nothing is downloaded) attached through the desk's own
service to a few complaints, completed deliveries and violations, as the desk would have stored them."""

import random
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.attachments import AttachmentSubject
from ..domain.clock import fixed_clock
from ..domain.enums import Role
from ..services.context import Desk

Drawing = Callable[[random.Random], Any]
SIZE = (640, 480)


def _sofa_crack(rng: random.Random) -> Any:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, (232, 226, 214))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((60, 150, 580, 400), 40, fill=(150, 112, 80))
    draw.rounded_rectangle((90, 110, 550, 260), 30, fill=(170, 130, 95))
    x, y = 250, 170
    points = [(x, y)]
    for _ in range(9):
        x, y = x + rng.randint(8, 22), y + rng.randint(-14, 18)
        points.append((x, y))
    draw.line(points, fill=(40, 25, 15), width=5)
    return image


def _floor_stain(rng: random.Random) -> Any:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, (196, 156, 106))
    draw = ImageDraw.Draw(image)
    for top in range(0, SIZE[1], 60):
        draw.line((0, top, SIZE[0], top), fill=(150, 110, 70), width=3)
        shift = rng.randint(0, 200)
        for left in range(shift, SIZE[0], 240):
            draw.line((left, top, left, top + 60), fill=(150, 110, 70), width=3)
    draw.ellipse((230, 180, 470, 330), fill=(110, 84, 60))
    draw.ellipse((270, 200, 430, 300), fill=(96, 72, 52))
    return image


def _wrong_tiles(rng: random.Random) -> Any:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, (90, 90, 90))
    draw = ImageDraw.Draw(image)
    odd = {(rng.randrange(8), rng.randrange(6)) for _ in range(4)}
    for column in range(8):
        for row in range(6):
            colour = (205, 190, 160) if (column, row) in odd else (235, 235, 228)
            draw.rectangle((column * 80 + 3, row * 80 + 3, column * 80 + 77, row * 80 + 77), fill=colour)
    return image


def _receipt(rng: random.Random) -> Any:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 520), (250, 250, 246))
    draw = ImageDraw.Draw(image)
    draw.text((30, 24), f"SALES RECEIPT  XS{rng.randint(1, 9_999_999):07d}", fill=(20, 20, 20))
    for line in range(12):
        top = 70 + line * 32
        draw.line((30, top, 30 + rng.randint(120, 300), top), fill=(120, 120, 120), width=2)
    draw.ellipse((240, 400, 330, 490), outline=(200, 30, 30), width=4)
    return image


def _delivered(rng: random.Random) -> Any:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, (180, 200, 215))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 330, SIZE[0], SIZE[1]), fill=(130, 130, 125))
    draw.rectangle((400, 60, 560, 330), fill=(120, 80, 50))
    left = rng.randint(60, 180)
    draw.rectangle((left, 200, left + 210, 340), fill=(200, 160, 110))
    draw.line((left, 270, left + 210, 270), fill=(160, 120, 80), width=6)
    return image


# (subject, which of its kind (the n-th found), pictures, note)
PLAN: list[tuple[AttachmentSubject, int, list[tuple[str, Drawing]], str]] = [
    (AttachmentSubject.COMPLAINT, 0, [("沙发裂缝.jpg", _sofa_crack), ("购物小票.png", _receipt)], "客户微信发来的照片"),
    (AttachmentSubject.COMPLAINT, 1, [("地板水渍.jpg", _floor_stain)], "上门查看时拍摄"),
    (AttachmentSubject.COMPLAINT, 2, [("瓷砖色差.jpg", _wrong_tiles), ("销售单.png", _receipt)], ""),
    (AttachmentSubject.DELIVERY, 0, [("送达照片.jpg", _delivered)], "配送员送达时拍摄"),
    (AttachmentSubject.DELIVERY, 1, [("送达照片.jpg", _delivered)], "配送员送达时拍摄"),
    (AttachmentSubject.VIOLATION, 0, [("现场照片.jpg", _floor_stain)], "违规证据"),
]


def _subjects() -> dict[AttachmentSubject, list[int]]:
    """The newest few complaints about a product's quality, completed deliveries and confirmed violations."""
    from ..store.models import Complaint, DeliveryOrder, Violation

    complaints = (Complaint.select(Complaint.id).where(Complaint.category == "product_quality")
                  .order_by(Complaint.id.desc()).limit(3))
    orders = (DeliveryOrder.select(DeliveryOrder.id).where(DeliveryOrder.status == "completed")
              .order_by(DeliveryOrder.id.desc()).limit(2))
    violations = Violation.select(Violation.id).where(Violation.status == "confirmed").order_by(Violation.id).limit(1)
    return {AttachmentSubject.COMPLAINT: [row.id for row in complaints],
            AttachmentSubject.DELIVERY: [row.id for row in orders],
            AttachmentSubject.VIOLATION: [row.id for row in violations]}


def attach_demo_files(now: datetime, seed: int) -> int:
    """Attach the demo's pictures in the open database at the demo's `now`; returns the files attached."""
    from ..services.attachments.attach import attach_files
    from ..store.converters.core import staff_view
    from ..store.models import Staff
    from .catalog import DEMO_STAFF

    def person(role: Role) -> Any:
        code = next(code for code, _name, their_role, _pin in DEMO_STAFF if their_role is role)
        return staff_view(Staff.get(Staff.code == code))

    desk = Desk(clock=fixed_clock(now))
    operator, dispatcher, lead = person(Role.OPERATOR), person(Role.DELIVERY), person(Role.LEAD)
    found = _subjects()
    rng = random.Random(f"attachments-{seed}")
    count = 0
    with tempfile.TemporaryDirectory(prefix="aftersales-demo-files-") as folder:
        for index, (kind, nth, pictures, note) in enumerate(PLAN):
            keys = found.get(kind, [])
            if nth >= len(keys):
                continue
            paths = []
            (Path(folder) / str(index)).mkdir()
            for name, draw in pictures:
                path = Path(folder) / str(index) / name
                draw(rng).save(path, "PNG" if name.endswith(".png") else "JPEG", quality=85)
                paths.append(path)
            actor = {AttachmentSubject.DELIVERY: dispatcher, AttachmentSubject.VIOLATION: lead}.get(kind, operator)
            made = attach_files(desk, actor, kind, keys[nth], paths, note)
            count += len(made)
    return count
