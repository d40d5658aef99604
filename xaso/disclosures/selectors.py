"""Reads of disclosures, scoped by commune."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from xaso.communes.models import Commune

from .models import Disclosure, DisclosureFile, DisclosureIndexPage


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a quarter (1–4)."""
    first = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    following = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


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
