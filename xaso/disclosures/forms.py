"""The admin's form of a disclosure: its forms of disclosure, its problems shown on the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .choices import Channel
from .services import disclosure_check


class DisclosureForm(WagtailAdminModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Forms of disclosure"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[Channel.PORTAL, Channel.NOTICE_BOARD],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        candidate = self.instance
        for name in ("kind", "published_on", "decision_date", "posted_until"):
            if name in data:
                setattr(candidate, name, data[name])
        candidate.channels = list(data.get("channels") or [])
        try:
            disclosure_check(candidate)
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, problems)
        return data
