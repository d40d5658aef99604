from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DocumentKind
from .query import MAX_QUERY_CHARS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
# Dates a search filter may name: far beyond any commune's records, far inside what the date and
# datetime types (and the database's) can hold once a day and a time zone are added.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


class FilterDateField(forms.DateField):
    """A date of the query string; a day outside EARLIEST_DATE–LATEST_DATE is an error message."""

    def to_python(self, value: Any) -> datetime.date | None:
        day = super().to_python(value)
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise forms.ValidationError(
                _("The date must be between %(start)s and %(end)s."),
                code="out_of_range",
                params={
                    "start": EARLIEST_DATE.strftime("%d/%m/%Y"),
                    "end": LATEST_DATE.strftime("%d/%m/%Y"),
                },
            )
        return day


class SearchForm(forms.Form):
    """The query string of the search page and API; bad values become messages, never errors."""

    q = forms.CharField(label=_("Words to look for"), required=False, strip=True)
    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None, choices=[]
    )
    kind = forms.ChoiceField(
        label=_("Content type"),
        required=False,
        choices=[("", _("All")), *DocumentKind.choices],
    )
    date_from = FilterDateField(label=_("From date"), required=False, input_formats=DATE_FORMATS)
    date_to = FilterDateField(label=_("To date"), required=False, input_formats=DATE_FORMATS)

    def __init__(self, *args: Any, categories: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.TypedChoiceField)
        category.choices = [("", _("All categories")), *categories]

    def clean_q(self) -> str:
        # As typed (bounded): the search cuts it to its limits and says so (query.parse).
        return str(self.cleaned_data.get("q") or "")[: MAX_QUERY_CHARS * 5]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data

    def value(self, name: str) -> Any:
        """A cleaned value, or None when that field was invalid (its error is shown)."""
        return self.cleaned_data.get(name) if name not in self.errors else None
