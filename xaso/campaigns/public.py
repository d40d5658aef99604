"""What the public sees of a campaign: aggregates by segment and hamlet, the segments on a map,
the honour board of households that consented, and the contributions disclosed.

Everything here is built from `selectors` aggregates and the segments' own records. No field of
a household (its head, address, phone, parcel, location, status) is read except through
`selectors.honour_board`, which gives the consented names alone; refusals and disputes are never
counted apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from xaso.core.text import slugify_vi

from . import selectors
from .models import Campaign, Household
from .pages import CampaignPage
from .selectors import Progress, SegmentProgress

# Segments are coloured by the share of their frontage cleared; each band starts at its percent.
# Every colour has at least 3:1 contrast on a light map and on the blank background; the lowest
# band is also dashed, and the legend and the table say the same in words.
SCALE = [
    (0, "#b2182b"),
    (25, "#b35806"),
    (50, "#7b3294"),
    (75, "#2166ac"),
    (100, "#1b7837"),
]
DASHED_BELOW = 25


def segment_colour(percent: int) -> str:
    colour = SCALE[0][1]
    for start, band in SCALE:
        if percent >= start:
            colour = band
    return colour


def map_legend() -> list[dict[str, Any]]:
    """The colour bands in words, for the legend beside the map."""
    bands = []
    for index, (start, colour) in enumerate(SCALE):
        if index + 1 < len(SCALE):
            end = SCALE[index + 1][0] - 1
            label = _("%(start)d–%(end)d%% cleared") % {"start": start, "end": end}
        else:
            label = _("%(start)d%% cleared") % {"start": start}
        bands.append({"colour": colour, "label": label, "dashed": start < DASHED_BELOW})
    return bands


def map_settings() -> dict[str, Any]:
    """The map include's tile source and legend, for any view that includes it."""
    return {
        "map_tiles": getattr(settings, "XASO_MAP_TILES_URL", ""),
        "map_attribution": getattr(settings, "XASO_MAP_ATTRIBUTION", ""),
        "map_legend": map_legend(),
    }


def _number(value: Decimal | int) -> float | int:
    return value if isinstance(value, int) else float(value)


def segment_label(line: SegmentProgress) -> str:
    progress = line.progress
    return _(
        "%(code)s – %(name)s: %(percent)d%% cleared, %(taking_part)d of %(households)d "
        "households taking part"
    ) % {
        "code": line.segment.code,
        "name": line.segment.name,
        "percent": progress.cleared_percent,
        "taking_part": progress.taking_part,
        "households": progress.households,
    }


def segments_geojson(campaign: Campaign, lines: Iterable[SegmentProgress]) -> dict[str, Any]:
    """The campaign's segments that have a route, as a GeoJSON FeatureCollection of lines with
    their aggregates (never a household's point)."""
    features = []
    for line in lines:
        segment, progress = line.segment, line.progress
        geometry = segment.geometry
        if not isinstance(geometry, dict) or geometry.get("type") != "LineString":
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": geometry["coordinates"]},
                "properties": {
                    "code": segment.code,
                    "name": segment.name,
                    "label": segment_label(line),
                    "percent": progress.cleared_percent,
                    "colour": segment_colour(progress.cleared_percent),
                    "households": progress.households,
                    "taking_part": progress.taking_part,
                    "area_donated": _number(progress.area_donated),
                    "area_needed": _number(progress.area_needed),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def progress_context(campaign: Campaign) -> dict[str, Any]:
    """Everything the public page shows of a campaign; only the note and no figure when its
    progress is not published."""
    if not campaign.is_public:
        return {"campaign": campaign, "published": False}
    segments = selectors.segment_progress(campaign)
    features = segments_geojson(campaign, segments)
    return {
        "campaign": campaign,
        "published": True,
        "totals": selectors.campaign_progress(campaign),
        "segments": segments,
        "hamlets": selectors.hamlet_progress(campaign),
        "honour": selectors.honour_board(campaign),
        "contributions": selectors.contributions(campaign),
        "features": features,
        "map_id": f"ban-do-{campaign.pk}",
        "map_label": _("Map of the segments of %(name)s") % {"name": campaign.name},
        **map_settings(),
    }


def page_context(page: CampaignPage) -> dict[str, Any]:
    """The page's campaign, if it belongs to the commune whose site holds the page."""
    from xaso.communes.selectors import commune_for_page

    campaign = page.campaign
    commune = commune_for_page(page)
    if commune is None or campaign.commune_id != commune.pk:
        return {"campaign": None, "published": False}
    return progress_context(campaign)


def search_text(page: CampaignPage) -> str:
    campaign = page.campaign
    if not campaign.is_public:
        return ""
    names = campaign.segments.order_by("sort_order", "code").values_list("name", flat=True)
    return "\n".join([campaign.name, campaign.description, *names])


# The public API's figures --------------------------------------------------------------------


def public_campaigns(commune: Any) -> QuerySet[Campaign]:
    return Campaign.objects.filter(commune=commune, is_public=True).order_by("-started_on", "name")


def campaigns_progress(campaigns: Iterable[Campaign]) -> dict[int, Progress]:
    """The totals of several campaigns in one grouped query."""
    ids = [campaign.pk for campaign in campaigns]
    rows = (
        Household.objects.filter(campaign__in=ids)
        .order_by()
        .values("campaign_id", "status")
        .annotate(
            count=Count("pk"),
            needed=Sum("area_needed"),
            donated=Sum("area_donated"),
            length=Sum("strip_length"),
        )
    )
    result: dict[int, Progress] = defaultdict(Progress)
    for row in rows:
        result[row["campaign_id"]].add(
            row["status"], row["count"], row["needed"], row["donated"], row["length"]
        )
    return {pk: result.get(pk, Progress()) for pk in ids}


def totals_data(progress: Progress) -> dict[str, Any]:
    """A breakdown's aggregates: never a count by status (refusals stay internal)."""
    return {
        "households": progress.households,
        "taking_part": progress.taking_part,
        "area_needed_m2": _number(progress.area_needed),
        "area_donated_m2": _number(progress.area_donated),
        "area_percent": progress.area_percent,
        "frontage_m": _number(progress.frontage),
        "cleared_m": _number(progress.cleared),
        "cleared_percent": progress.cleared_percent,
    }


def campaign_data(campaign: Campaign) -> dict[str, Any]:
    """A public campaign in full, for the API."""
    context = progress_context(campaign)
    contributions = context["contributions"]
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "description": campaign.description,
        "started_on": campaign.started_on.isoformat(),
        "target_on": campaign.target_on.isoformat() if campaign.target_on else None,
        "totals": totals_data(context["totals"]),
        "segments": [
            {
                "code": line.segment.code,
                "name": line.segment.name,
                "length_m": line.segment.length_m,
                "current_width_m": _number(line.segment.current_width),
                "target_width_m": _number(line.segment.target_width),
                "road_class": line.segment.road_class,
                "hamlets": [hamlet.name for hamlet in line.segment.hamlets.all()],
                **totals_data(line.progress),
            }
            for line in context["segments"]
        ],
        "hamlets": [
            {"name": line.hamlet.name, **totals_data(line.progress)} for line in context["hamlets"]
        ],
        "honour_board": [
            {"name": line.name, "hamlet": line.hamlet, "area_m2": _number(line.area)}
            for line in context["honour"]
        ],
        "contributions": {
            "households": contributions.households,
            "area_m2": _number(contributions.area),
            "walls_m": _number(contributions.walls),
            "gates": contributions.gates,
            "trees": contributions.trees,
            "cash_support_dong": contributions.cash_support,
            "in_kind_support_households": contributions.in_kind_support,
            "rebuilt_households": contributions.rebuilt,
            "note": campaign.contribution_note,
        },
        "geojson": context["features"],
    }


# The page, created once per campaign ---------------------------------------------------------


def _free_slug(home: Any, base: str) -> str:
    taken = set(home.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def campaign_page_ensure(*, user: Any | None = None, campaign: Campaign) -> CampaignPage | None:
    """The campaign's public page, created and published once under its commune's home page
    (idempotent); None when the commune has no site."""
    from xaso.portal.services import page_add_and_publish

    existing = CampaignPage.objects.filter(campaign=campaign).order_by("pk").first()
    if existing is not None:
        return existing
    site = campaign.commune.site
    if site is None:
        return None
    home = site.root_page.specific
    page = CampaignPage(
        title=campaign.name,
        slug=_free_slug(home, slugify_vi(campaign.name) or "van-dong"),
        show_in_menus=True,
        campaign=campaign,
    )
    page_add_and_publish(user=user, parent=home, page=page)
    return page
