"""Campaigns and their road segments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaso.core.permissions import require_perm

from ..models import Campaign, Segment
from .common import (
    audit_log,
    clean_text,
)


@transaction.atomic
def campaign_save(*, user: Any | None = None, campaign: Campaign) -> Campaign:
    creating = campaign.pk is None
    require_perm(user, "campaigns.add_campaign" if creating else "campaigns.change_campaign")
    clean_text(campaign, "name", "description", "contribution_note")
    campaign.full_clean()
    campaign.save()
    audit_log(campaign, "wagtail.create" if creating else "wagtail.edit", user)
    return campaign


def check_line(geometry: Any) -> None:
    """A GeoJSON LineString of at least two [longitude, latitude] points, or nothing."""
    if geometry in (None, "", {}):
        return
    message = _("The route must be a GeoJSON LineString of [longitude, latitude] points.")
    if not isinstance(geometry, dict) or geometry.get("type") != "LineString":
        raise ValidationError({"geometry": message})
    points = geometry.get("coordinates")
    if not isinstance(points, list) or len(points) < 2 or len(points) > 5000:
        raise ValidationError({"geometry": message})
    for point in points:
        if (
            not isinstance(point, list | tuple)
            or len(point) not in (2, 3)
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
            or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90)
        ):
            raise ValidationError({"geometry": message})


@transaction.atomic
def segment_save(*, user: Any | None = None, segment: Segment) -> Segment:
    creating = segment.pk is None
    require_perm(user, "campaigns.add_segment" if creating else "campaigns.change_segment")
    segment.commune_id = segment.campaign.commune_id
    clean_text(segment, "code", "name")
    check_line(segment.geometry)
    if segment.geometry in ("", {}):
        segment.geometry = None
    segment.full_clean()
    segment.save()
    audit_log(segment, "wagtail.create" if creating else "wagtail.edit", user)
    return segment
