"""Reads of disclosures, scoped by commune."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from xaso.communes.models import Commune
from xaso.core.calendar import quarter_bounds, quarter_of

from .models import Disclosure, DisclosureFile, DisclosureIndexPage, Holiday


def holiday_dates(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """The public holidays kept here, after `start` up to and including `end`: core's calendar
    reads them through this source (registered in `apps.py`)."""
    return set(Holiday.objects.filter(date__gt=start, date__lte=end).values_list("date", flat=True))


def public_disclosures(*, commune: Commune) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(commune=commune, is_public=True)
        .select_related("kind")
        .order_by("-published_on", "-id")
    )


def quarterly_disclosures(*, commune: Commune, year: int, quarter: int) -> QuerySet[Disclosure]:
    """Everything published in that quarter, in the order it was published."""
    first, last = quarter_bounds(year, quarter)
    return (
        public_disclosures(commune=commune)
        .filter(published_on__gte=first, published_on__lte=last)
        .order_by("published_on", "id")
    )


def disclosure_quarters(*, commune: Commune) -> list[tuple[int, int]]:
    """(year, quarter) of every quarter with a disclosure, newest first."""
    months = public_disclosures(commune=commune).dates("published_on", "month", order="DESC")
    seen: list[tuple[int, int]] = []
    for month in months:
        key = (month.year, quarter_of(month))
        if key not in seen:
            seen.append(key)
    return seen


def index_page(*, commune: Commune) -> DisclosureIndexPage | None:
    if commune.site is None:
        return None
    return (
        DisclosureIndexPage.objects.live()
        .descendant_of(commune.site.root_page)
        .order_by("path")
        .first()
    )


def document_file_is_public(document_id: int) -> bool:
    """The media library's document is a file of a disclosure shown on the portal."""
    return DisclosureFile.objects.filter(
        document_id=document_id, disclosure__is_public=True
    ).exists()
