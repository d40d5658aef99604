"""The filters of the province's portal: every value checked, a bad one ignored with a message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.communes.choices import CommuneKind


class DirectoryFilterForm(forms.Form):
    loai = forms.ChoiceField(
        label=_("Kind of unit"),
        required=False,
        choices=[("", _("All kinds")), *CommuneKind.choices],
    )
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def filters(self) -> tuple[str, str]:
        """(kind, name) to filter by; empty where not given or not valid."""
        if not self.is_bound:
            return "", ""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned.get("loai", "") or "", cleaned.get("q", "") or ""


class ProvinceSearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=200)
    xa = forms.TypedChoiceField(label=_("In commune"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, communes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["xa"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Every commune")), *((c.pk, c.full_name) for c in communes)]

    def filters(self) -> tuple[str, int | None]:
        """(text, commune id or None for every commune)."""
        if not self.is_bound:
            return "", None
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned.get("q", "") or "", cleaned.get("xa")
