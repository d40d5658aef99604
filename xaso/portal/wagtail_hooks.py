"""Registrations of the portal in the Wagtail admin: slogans and link banners (`views/`),
notes and scripts for the page editor."""

from typing import Any

from django.contrib import messages
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .views import PortalViewSetGroup

register_snippet(PortalViewSetGroup)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def tell_about_legacy_text(request: Any, page: Any) -> None:
    """The form converted text pasted in TCVN3 or VNI (`forms.PortalPageForm`): say so."""
    encodings = getattr(page, "legacy_encodings", None)
    if encodings:
        names = ", ".join(sorted(code.upper() for code in encodings))
        messages.warning(
            request,
            _(
                "Some of the text was typed in the old %(encodings)s encoding; it has been "
                "converted to Unicode. Please read it through before publishing."
            )
            % {"encodings": names},
        )


@hooks.register("insert_editor_js")
def paste_cleanup_js() -> str:
    """Word and LibreOffice pastes tidied before the rich-text editor reads them."""
    return format_html('<script src="{}"></script>', static("js/admin/paste.js"))
