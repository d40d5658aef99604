"""The campaign dashboard in the admin: where a campaign stands by segment and by hamlet, the
households stuck for the committee to send someone, and each official's workload.

`?cd=<campaign id>` picks another campaign of the user's communes (the latest started is shown
by default); `?ngay=N` the number of days without progress that makes a household stuck. A
value that is not one of those is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import public, selectors
from ..models import Campaign, Household

VIEW_PERMISSION = "campaigns.view_campaign"
PERSONAL_PERMISSION = "campaigns.view_personal_data"
CAMPAIGN_PARAM = "cd"
DAYS_PARAM = "ngay"
STUCK_SHOWN = 100


def _number(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 9 else None


def pick_campaign(request: HttpRequest) -> tuple[Campaign | None, list[Campaign]]:
    campaigns = list(selectors.campaigns_for(request.user).order_by("-started_on", "-pk"))
    wanted = _number(request.GET.get(CAMPAIGN_PARAM))
    chosen = next((c for c in campaigns if c.pk == wanted), None)
    return chosen or (campaigns[0] if campaigns else None), campaigns


def pick_days(request: HttpRequest) -> int:
    wanted = _number(request.GET.get(DAYS_PARAM))
    if wanted is not None and 1 <= wanted <= 365:
        return wanted
    return selectors.stuck_days()


@dataclass
class Link:
    label: str
    url: str
    download: bool = False


def links(user: Any, campaign: Campaign) -> list[Link]:
    """The workbooks of the campaign the user may have: the import template and the import for
    the lead, the export of the households the user sees for whoever sees households."""
    found = []
    if user.has_perm("campaigns.add_household"):
        found.append(
            Link(_("Import households from Excel"), reverse("campaigns_import", args=[campaign.pk]))
        )
        found.append(
            Link(_("Excel template"), reverse("campaigns_template", args=[campaign.pk]), True)
        )
    if user.has_perm("campaigns.view_household") and user.has_perm(PERSONAL_PERMISSION):
        found.append(
            Link(
                _("Export households to Excel"),
                reverse("campaigns_export", args=[campaign.pk]),
                True,
            )
        )
        found.append(
            Link(
                _("Export households to CSV"),
                reverse("campaigns_export_csv", args=[campaign.pk]),
                True,
            )
        )
    return found


def map_context(
    user: Any, campaign: Campaign, segments: list[Any], households: Any
) -> dict[str, Any]:
    """The segments coloured by progress and, for those who work on households, each of theirs
    with a location as a point coloured by its status."""
    features = public.segments_geojson(campaign, segments)
    if user.has_perm(PERSONAL_PERMISSION):
        located = households.exclude(latitude=None).exclude(longitude=None)
        for code, status, latitude, longitude in located.values_list(
            "code", "status", "latitude", "longitude"
        ):
            label = Household(status=status).get_status_display()
            features["features"].append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [float(longitude), float(latitude)],
                    },
                    "properties": {"status": status, "label": f"{code}: {label}"},
                }
            )
    return {
        "map_id": f"ban-do-{campaign.pk}",
        "features": features,
        "label": _("Map of the campaign: segments and households"),
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_active and user.has_perm(VIEW_PERMISSION)):
        raise PermissionDenied
    campaign, campaigns = pick_campaign(request)
    context: dict[str, Any] = {
        "page_title": _("Mobilisation campaigns"),
        "header_title": _("Mobilisation campaigns"),
        "header_icon": "flag",
        "campaign": campaign,
        "campaigns": campaigns if len(campaigns) > 1 else [],
        "campaign_param": CAMPAIGN_PARAM,
        "days_param": DAYS_PARAM,
    }
    if campaign is None:
        return render(request, "campaigns/dashboard.html", context)
    days = pick_days(request)
    # Households by name only for those who work on them: an official sees their own.
    named = selectors.households_for(user).filter(campaign=campaign)
    stuck = selectors.stuck(named, days=days)
    segments = selectors.segment_progress(campaign)
    context.update(
        {
            "page_subtitle": campaign.name,
            "days": days,
            "total": selectors.campaign_progress(campaign),
            "segments": segments,
            "map": map_context(user, campaign, segments, named),
            **public.map_settings(),
            "hamlets": selectors.hamlet_progress(campaign),
            "stuck": list(stuck.select_related("hamlet", "segment", "official")[:STUCK_SHOWN]),
            "stuck_count": stuck.count(),
            "workload": selectors.workload(campaign, days=days),
            "may_see_households": user.has_perm(PERSONAL_PERMISSION),
            "links": links(user, campaign),
        }
    )
    return render(request, "campaigns/dashboard.html", context)
