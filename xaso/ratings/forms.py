"""The ratings' admin forms: the report's period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, input_formats=DATE_FORMATS,
        widget=AdminDateInput,
    )  # fmt: skip
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, input_formats=DATE_FORMATS,
        widget=AdminDateInput,
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data
