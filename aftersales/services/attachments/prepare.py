"""Reading a file to attach, before any transaction: its checks, its type from its content, and for a photo
the orientation applied, the location removed and a thumbnail made. Nothing here touches the database."""

import hashlib
import io
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

from ...domain.attachments import ACCEPTED, IMAGES, MOST_PIXELS, THUMBNAIL_BOX, AttachmentRefused, megabytes

GPS_IFD = 0x8825
ORIENTATION = 0x0112
HEAD = 8192  # bytes read to tell a file's type


@dataclass(frozen=True)
class Prepared:
    """One file as it will be stored."""

    file_name: str
    sha256: str
    media_type: str
    content: bytes
    thumbnail: bytes | None = None
    width: int | None = None
    height: int | None = None

    @property
    def size(self) -> int:
        return len(self.content)


def prepare_file(path: Path, max_bytes: int) -> Prepared:
    """`path` ready to store, or AttachmentRefused naming it: missing, a directory, a symlink loop, unreadable,
    empty, over `max_bytes`, of a type not accepted (read from the content), or an image too large to open."""
    shown = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise AttachmentRefused("attachments.error.missing", path=shown) from None
    except RuntimeError:  # pathlib's own word for a symlink loop on some versions
        raise AttachmentRefused("attachments.error.loop", path=shown) from None
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            raise AttachmentRefused("attachments.error.loop", path=shown) from None
        raise AttachmentRefused("attachments.error.unreadable", path=shown, detail=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise AttachmentRefused("attachments.error.directory", path=shown)
    if not stat.S_ISREG(info.st_mode):
        raise AttachmentRefused("attachments.error.not_a_file", path=shown)
    if info.st_size == 0:
        raise AttachmentRefused("attachments.error.empty", path=shown)
    if info.st_size > max_bytes:
        raise AttachmentRefused("attachments.error.too_big", path=shown, size=megabytes(info.st_size),
                                limit=megabytes(max_bytes))
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise AttachmentRefused("attachments.error.unreadable", path=shown, detail=exc.strerror or str(exc)) from None
    if len(content) > max_bytes:  # it grew since it was looked at
        raise AttachmentRefused("attachments.error.too_big", path=shown, size=megabytes(len(content)),
                                limit=megabytes(max_bytes))
    media_type = media_type_of(content)
    if media_type not in ACCEPTED:
        raise AttachmentRefused("attachments.error.kind", path=shown, found=media_type or "?")
    name = path.name
    if media_type in IMAGES:
        return _image(name, content, media_type, shown)
    return Prepared(name, hashlib.sha256(content).hexdigest(), media_type, content)


def media_type_of(content: bytes) -> str:
    """The MIME type read from the first bytes (the name is never trusted); "" when unknown."""
    import filetype

    found = filetype.guess_mime(content[:HEAD] if len(content) > HEAD and not content.startswith(b"PK") else content)
    return found or ""


def _image(name: str, content: bytes, media_type: str, shown: str) -> Prepared:
    """A photo upright, without its location, with a thumbnail; the bytes are kept as sent when there is
    nothing to change."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = MOST_PIXELS
            opened = Image.open(io.BytesIO(content))
            opened.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentRefused("attachments.error.bomb", path=shown) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise AttachmentRefused("attachments.error.broken_image", path=shown) from None
    image: Image.Image = opened
    exif = image.getexif()
    turned = exif.get(ORIENTATION, 1) not in (0, 1)
    located = GPS_IFD in exif
    if turned or located:
        upright = ImageOps.exif_transpose(image)
        kept = upright.getexif()
        kept.pop(GPS_IFD, None)
        kept.pop(ORIENTATION, None)
        out = io.BytesIO()
        fmt = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}[media_type]
        options = {"quality": 95} if fmt in ("JPEG", "WEBP") else {}
        upright.save(out, fmt, exif=kept.tobytes(), **options)
        content, image = out.getvalue(), upright
    width, height = image.size
    small = image.convert("RGB")
    small.thumbnail(THUMBNAIL_BOX)
    thumb = io.BytesIO()
    small.save(thumb, "JPEG", quality=80)
    return Prepared(name, hashlib.sha256(content).hexdigest(), media_type, content, thumb.getvalue(), width, height)
