"""The public page of a campaign's progress: aggregates by segment and hamlet, the map of the
segments, the honour board of households that consented, and the contributions disclosed.

Imported at the bottom of `models.py`, so the page type is registered with the app's models.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from xaso.portal.forms import PortalPageForm
from xaso.portal.models import PortalPage

from .models import Campaign


class CampaignPageForm(PortalPageForm):
    """Only the campaigns of the commune whose site holds the page can be chosen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("campaign")
        if field is None:
            return
        from xaso.communes.selectors import commune_for_page

        page = self.instance if self.instance.pk else self.parent_page
        commune = commune_for_page(page) if page is not None and page.path else None
        field.queryset = (
            Campaign.objects.filter(commune=commune) if commune else Campaign.objects.none()
        )


class CampaignPage(PortalPage):
    """Tiến độ vận động hiến đất: what a campaign has achieved, in aggregates only — never an
    address, a phone, a parcel, a household's location or a refusal. Created with
    `public.campaign_page_ensure`."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="+", verbose_name=_("campaign")
    )
    intro = models.TextField(_("introduction"), blank=True)

    base_form_class = CampaignPageForm
    content_panels = [*PortalPage.content_panels, FieldPanel("campaign"), FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    template = "campaigns/campaign_page.html"

    class Meta:
        verbose_name = _("campaign progress page")
        verbose_name_plural = _("campaign progress pages")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from . import public

        context = super().get_context(request, *args, **kwargs)
        context.update(public.page_context(self))
        return context

    def search_text(self) -> str:
        """For the site search: the campaign and its segments, nothing about any household."""
        from . import public

        return public.search_text(self)
