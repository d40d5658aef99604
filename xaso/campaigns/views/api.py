"""The public JSON API of campaigns: the public campaigns of the commune whose site answers, and
one campaign's aggregates, honour board, contributions and segments as GeoJSON. Aggregates only,
as on the public page."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from xaso.communes.models import Commune
from xaso.communes.selectors import commune_for_request

from .. import public
from ..pages import CampaignPage

# Larger than any id the database holds (bigint): refused before it reaches a query.
MAX_ID_DIGITS = 18


def _json(payload: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def _not_found(message: str) -> JsonResponse:
    return _json({"error": message}, status=404)


def _commune(request: HttpRequest) -> Commune | None:
    try:
        return commune_for_request(request)
    except Http404:
        return None


def _page_urls(request: HttpRequest, commune: Commune, ids: list[int]) -> dict[int, str]:
    """The address of each campaign's live public page on the commune's site."""
    assert commune.site is not None  # a commune found by its site
    pages = (
        CampaignPage.objects.live()
        .public()
        .descendant_of(commune.site.root_page)
        .filter(campaign__in=ids)
        .order_by("pk")
    )
    urls: dict[int, str] = {}
    for page in pages:
        url = page.get_url(request)
        if url and page.campaign_id not in urls:
            urls[page.campaign_id] = request.build_absolute_uri(url)
    return urls


@require_GET
def campaign_list(request: HttpRequest) -> JsonResponse:
    commune = _commune(request)
    if commune is None:
        return _not_found(_("This address is not a commune's site."))
    campaigns = list(public.public_campaigns(commune))
    totals = public.campaigns_progress(campaigns)
    urls = _page_urls(request, commune, [campaign.pk for campaign in campaigns])
    return _json(
        {
            "count": len(campaigns),
            "results": [
                {
                    "id": campaign.pk,
                    "name": campaign.name,
                    "url": urls.get(campaign.pk),
                    "api_url": request.build_absolute_uri(
                        reverse("campaign_api", args=[campaign.pk])
                    ),
                    "started_on": campaign.started_on.isoformat(),
                    "target_on": campaign.target_on.isoformat() if campaign.target_on else None,
                    "totals": public.totals_data(totals[campaign.pk]),
                }
                for campaign in campaigns
            ],
        }
    )


@require_GET
def campaign_detail(request: HttpRequest, campaign_id: str) -> JsonResponse:
    commune = _commune(request)
    if commune is None:
        return _not_found(_("This address is not a commune's site."))
    missing = _("There is no published campaign with this number on this site.")
    # ASCII digits only: "²" and "١" are digits to str.isdigit but not to int().
    if not (campaign_id.isascii() and campaign_id.isdigit()) or len(campaign_id) > MAX_ID_DIGITS:
        return _not_found(missing)
    campaign = public.public_campaigns(commune).filter(pk=int(campaign_id)).first()
    if campaign is None:
        return _not_found(missing)
    payload = public.campaign_data(campaign)
    payload["url"] = _page_urls(request, commune, [campaign.pk]).get(campaign.pk)
    return _json(payload)


urlpatterns = [
    path("", campaign_list, name="campaigns_api"),
    path("<str:campaign_id>/", campaign_detail, name="campaign_api"),
]
