"""Small valid files for uploads: attachments are decoded whole before they are accepted."""

from __future__ import annotations

import io


def png(width: int = 24, height: int = 16, colour: tuple[int, int, int] = (120, 90, 40)) -> bytes:
    """A real PNG picture."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


PNG_BYTES = png()
