"""Images on the terminal through textual-image: Kitty's or Sixel graphics where the terminal speaks them,
half-blocks elsewhere (tmux included).

The library asks the terminal what it can draw when it is first imported, which it cannot do while the
desk reads the keyboard; so the first image shown sets the desk aside for that moment (the screen is
redrawn at once). Nothing of it is loaded before an image is needed.
"""

import importlib
import io
import sys
from typing import Any

from textual.app import App, SuspendNotSupported

MODULE = "textual_image.widget"


def _library(app: App[Any]) -> Any:
    if MODULE not in sys.modules:
        try:
            with app.suspend():
                importlib.import_module(MODULE)
        except SuspendNotSupported:  # no terminal to ask (a test, the browser): it draws without asking
            importlib.import_module(MODULE)
    return sys.modules[MODULE]


def picture(content: bytes) -> Any:
    """The image in `content` (a PIL image)."""
    from PIL import Image

    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def thumbnail_widget(app: App[Any], content: bytes, **options: Any) -> Any:
    """A thumbnail in half-blocks: the same on every terminal and in pictures of the screen."""
    return _library(app).HalfcellImage(picture(content), **options)


def full_widget(app: App[Any], content: bytes, **options: Any) -> Any:
    """An image as well as the terminal can draw it; half-blocks when there is no terminal to ask."""
    library = _library(app)
    chosen = library.Image
    if chosen._Renderable is library.UnicodeRenderable:  # no graphics asked for: half-blocks draw finer
        chosen = library.HalfcellImage
    return chosen(picture(content), **options)
