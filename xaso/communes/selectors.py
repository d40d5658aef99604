from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Site

from .models import Commune, Hamlet, Official


def commune_for_site(site: Site | None) -> Commune | None:
    if site is None:
        return None
    return Commune.objects.filter(site=site).first()


def commune_hamlets(*, commune: Commune) -> QuerySet[Hamlet]:
    return Hamlet.objects.filter(commune=commune)


def commune_officials(*, commune: Commune, active_only: bool = True) -> QuerySet[Official]:
    officials = Official.objects.filter(commune=commune).select_related("photo")
    return officials.filter(is_active=True) if active_only else officials
