"""What the introduction pages show, read from the commune's records."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Max, Prefetch
from wagtail.models import Page

from xaso.communes.models import Commune, Official, Unit
from xaso.communes.selectors import commune_for_page


def _active_officials() -> Any:
    return Official.objects.filter(is_active=True).order_by("sort_order", "full_name")


def _latest(*values: datetime.datetime | None) -> datetime.datetime | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def unit_tree(commune: Commune) -> list[dict[str, Any]]:
    """Units as nested dicts (unit, officials, children), roots first, in their order."""
    units = list(
        Unit.objects.filter(commune=commune)
        .prefetch_related(Prefetch("officials", queryset=_active_officials()))
        .order_by("sort_order", "name")
    )
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)

    def branch(parent: int | None, seen: frozenset[int]) -> list[dict[str, Any]]:
        return [
            {
                "unit": unit,
                "officials": list(unit.officials.all()),
                "children": branch(unit.pk, seen | {unit.pk}) if unit.pk not in seen else [],
            }
            for unit in children.get(parent, [])
        ]

    return branch(None, frozenset())


def records_updated(commune: Commune) -> datetime.datetime | None:
    return _latest(
        Unit.objects.filter(commune=commune).aggregate(at=Max("updated_at"))["at"],
        Official.objects.filter(commune=commune).aggregate(at=Max("updated_at"))["at"],
    )


def apparatus(*, page: Page) -> dict[str, Any]:
    commune = commune_for_page(page)
    if commune is None:
        return {"tree": [], "updated": page.last_published_at}
    return {
        "tree": unit_tree(commune),
        "updated": _latest(page.last_published_at, records_updated(commune)),
    }


def leaders(*, page: Page) -> dict[str, Any]:
    commune = commune_for_page(page)
    if commune is None:
        return {"leaders": [], "updated": page.last_published_at}
    people = list(
        _active_officials().filter(commune=commune, is_leader=True).select_related("photo", "unit")
    )
    return {
        "leaders": people,
        "updated": _latest(page.last_published_at, records_updated(commune)),
    }


def contacts(*, page: Page) -> dict[str, Any]:
    commune = commune_for_page(page)
    if commune is None:
        return {"units": [], "updated": page.last_published_at}
    units = list(
        Unit.objects.filter(commune=commune)
        .prefetch_related(
            Prefetch("officials", queryset=_active_officials().filter(is_contact=True))
        )
        .order_by("sort_order", "name")
    )
    return {
        "units": [(unit, list(unit.officials.all())) for unit in units],
        "updated": _latest(page.last_published_at, records_updated(commune)),
    }


def english_page(commune: Commune, page_type: type[Page]) -> Page | None:
    if commune.site is None:
        return None
    return page_type.objects.live().public().descendant_of(commune.site.root_page).first()
