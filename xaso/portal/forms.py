"""The edit form every public page type shares."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.widgets.slug import SlugInput
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.images.models import AbstractImage

from xaso.core.legacy_text import fix_legacy_values

# The admin fills a new page's slug from its title as the editor types (Wagtail's w-slug
# controller). Its transliteration turns "đ" into "dj" and drops ư, ơ and their tones; these
# replacements run first, so "Hiến đất làm đường" gives "hien-dat-lam-duong", as
# `xaso.core.text.slugify_vi` does on the server.
VIETNAMESE_SLUG_FORMATTERS = [
    (re.compile(pattern, re.IGNORECASE), letter)
    for pattern, letter in [
        ("[àáảãạăằắẳẵặâầấẩẫậ]", "a"),
        ("[èéẻẽẹêềếểễệ]", "e"),
        ("[ìíỉĩị]", "i"),
        ("[òóỏõọôồốổỗộơờớởỡợ]", "o"),
        ("[ùúủũụưừứửữự]", "u"),
        ("[ỳýỷỹỵ]", "y"),
        ("[đð]", "d"),
        ("[\u0300-\u036f]", ""),
    ]
]

# The buttons that put a page in front of the public (or of the approver, who publishes it).
GOING_PUBLIC = ("action-publish", "action-submit", "action-workflow-action")


def _images(value: Any, alt: str = "") -> Iterator[tuple[AbstractImage, str]]:
    """Every image in a field's value, with the alternative text given beside it (if any)."""
    if isinstance(value, AbstractImage):
        yield value, alt
    elif isinstance(value, StructValue):
        own = str(value.get("alt_text") or "").strip()
        for child in value.values():
            yield from _images(child, own)
    elif isinstance(value, StreamValue | ListValue | list | tuple):
        for item in value:
            yield from _images(getattr(item, "value", item))


def images_without_alt(page_class: type, values: dict[str, Any]) -> list[AbstractImage]:
    """The images of a page's field values that nobody who cannot see them could understand:
    no alternative text beside them, no description on the image, no caption standing in."""
    stand_ins = getattr(page_class, "image_alt_fields", {})
    missing: list[AbstractImage] = []
    for name, value in values.items():
        caption = str(values.get(stand_ins.get(name, ""), "") or "").strip()
        for image, alt in _images(value):
            if not (alt or caption or image.description.strip()) and image not in missing:
                missing.append(image)
    return missing


class PortalPageForm(WagtailAdminPageForm):
    """Text pasted in TCVN3 or VNI is converted to Unicode (and the editor told, by
    `wagtail_hooks`); drafts may be unfinished, but what goes public needs alternative text on
    every image."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            attrs = dict(self.fields["slug"].widget.attrs)
            self.fields["slug"].widget = SlugInput(
                attrs=attrs, formatters=VIETNAMESE_SLUG_FORMATTERS
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.instance.legacy_encodings = fix_legacy_values(cleaned)
        if any(self.data.get(action) for action in GOING_PUBLIC):
            for image in images_without_alt(type(self.instance), cleaned):
                self.add_error(
                    None,
                    ValidationError(
                        _(
                            "The image “%(title)s” has no alternative text. Describe what it "
                            "shows in the image block's “Alternative text”, or in the "
                            "image's “Description” (Images), then publish or submit again; "
                            "the draft can be saved as it is."
                        )
                        % {"title": image.title},
                        code="alt_text_missing",
                    ),
                )
        return cleaned


class PortalSettingsForm(WagtailAdminModelForm):
    """A commune portal's settings: its banner and emblem chosen among its own images, the
    change made by `services.portal_settings_update`."""

    IMAGE_FIELDS = ("banner_image", "emblem")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .services import commune_images

        images = commune_images(self.instance.site)
        for name in self.IMAGE_FIELDS:
            if name in self.fields:
                self.fields[name].queryset = images

    def save(self, commit: bool = True) -> Any:
        from .services import portal_settings_update

        if not commit:
            return super().save(commit=False)
        fields = {name: self.cleaned_data[name] for name in self.changed_data}
        return portal_settings_update(
            user=getattr(self, "for_user", None), site=self.instance.site, **fields
        )
