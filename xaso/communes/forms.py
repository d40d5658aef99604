"""Forms of the communes' admin."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Commune

COMMUNE_FIELDS = [
    "name",
    "kind",
    "province",
    "district",
    "official_code",
    "slug",
    "valid_from",
    "valid_to",
]


class CommuneCreateForm(WagtailAdminModelForm):
    hostname = forms.CharField(
        label=_("hostname"),
        max_length=255,
        help_text=_("The address the commune's portal answers at, e.g. xaabc.haiphong.gov.vn."),
    )

    class Meta:
        model = Commune
        fields = COMMUNE_FIELDS
