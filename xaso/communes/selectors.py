from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from wagtail.models import Page, Site

from .models import Commune, Hamlet, Official


def commune_for_site(site: Site | None) -> Commune | None:
    if site is None:
        return None
    return Commune.objects.filter(site=site).first()


def commune_for_page(page: Page) -> Commune | None:
    """The commune whose site's tree holds the page (its home is the page's depth-2 ancestor)."""
    return (
        Commune.objects.filter(site__root_page__path=page.path[: Page.steplen * 2])
        .select_related("site")
        .first()
    )


def commune_for_request(request: HttpRequest) -> Commune:
    """The commune whose site serves the request; 404 for a host that is no commune's."""
    commune = commune_for_site(Site.find_for_request(request))
    if commune is None:
        raise Http404
    return commune


def commune_hamlets(*, commune: Commune) -> QuerySet[Hamlet]:
    return Hamlet.objects.filter(commune=commune)


def commune_officials(*, commune: Commune, active_only: bool = True) -> QuerySet[Official]:
    officials = Official.objects.filter(commune=commune).select_related("photo")
    return officials.filter(is_active=True) if active_only else officials
