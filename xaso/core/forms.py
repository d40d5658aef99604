"""Forms shared across the admin: Wagtail's document and image forms with xaso's upload checks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.images.utils import get_allowed_image_extensions

from .text import download_name
from .uploads import validate_upload


class DocumentForm(BaseDocumentForm):
    """Every document upload (one at a time or many at once) is checked by its content, and
    stored under its name folded (`core.text.download_name`): the name its address ends with
    and the one a resident's browser saves it under."""

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            validate_upload(file, file.name)
            file.name = download_name(file.name)
        return file


class _ImageField(WagtailImageField):
    """Wagtail's image field, saying "not a valid image" where Pillow fails while reading the
    picture's size (a JPEG's first bytes followed by anything else) instead of a server error."""

    def check_image_pixel_size(self, f: Any) -> None:
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # Pillow raises many kinds on a damaged picture
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """Every image upload (the library, many at once, a chooser's upload, a replaced file) is
    decoded whole and checked for hidden web page code, as other uploads are; never SVG."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Wagtail builds the field itself; only its behaviour on a damaged file changes.
            field.__class__ = _ImageField

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            validate_upload(
                file,
                file.name,
                allowed=get_allowed_image_extensions(),
                max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
            )
        return file
