"""Site chrome for every public page, computed only when a template asks for it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest
from wagtail.models import Site

from xaso.communes.selectors import commune_for_site

from .choices import BannerSlot


class PortalChrome:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def site(self) -> Site | None:
        return Site.find_for_request(self.request)

    @cached_property
    def commune(self) -> Any:
        return commune_for_site(self.site)

    @cached_property
    def home(self) -> Any:
        return self.site.root_page if self.site else None

    @cached_property
    def menu(self) -> list[Any]:
        from .selectors import top_categories

        return top_categories(home=self.home) if self.home else []

    @cached_property
    def slogans(self) -> list[Any]:
        from .selectors import active_slogans

        return active_slogans(commune=self.commune) if self.commune else []

    @cached_property
    def scrolling(self) -> bool:
        return any(slogan.scrolling for slogan in self.slogans)

    @cached_property
    def sidebar_banners(self) -> list[Any]:
        from .selectors import link_banners

        return link_banners(commune=self.commune, slot=BannerSlot.SIDEBAR) if self.commune else []

    @cached_property
    def latest(self) -> list[Any]:
        from .selectors import latest_articles

        return latest_articles(home=self.home, limit=6) if self.home else []


def portal(request: HttpRequest) -> dict[str, Any]:
    return {"portal": PortalChrome(request)}
