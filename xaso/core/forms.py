"""Forms shared across the admin: Wagtail's document form with xaso's upload checks."""

from __future__ import annotations

from typing import Any

from wagtail.documents.forms import BaseDocumentForm

from .uploads import validate_upload


class DocumentForm(BaseDocumentForm):
    """Every document upload (one at a time or many at once) is checked by its content."""

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            validate_upload(file, file.name)
        return file
