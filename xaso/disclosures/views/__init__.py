"""Disclosures' views: the public pages (`public`, called from the page type's routes) and the
admin, one module per entity, saved through `services`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .disclosures import DisclosureViewSet
from .holidays import HolidayViewSet
from .kinds import DisclosureKindViewSet
from .public import disclosure_detail, index_context, quarterly_list

__all__ = ["DisclosuresViewSetGroup", "disclosure_detail", "index_context", "quarterly_list"]


class DisclosuresViewSetGroup(ViewSetGroup):
    items = (DisclosureViewSet, DisclosureKindViewSet, HolidayViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Disclosures")
    menu_name = "disclosures"
