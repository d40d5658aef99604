"""Site chrome for every public page, computed only when a template asks for it.

The chrome (header, menu, slogans, side boxes, footer) is the same on every page of a site, so
`base.html` keeps it as cached fragments whose key holds the site and the content generation
(`fragment_key`): rebuilt once after each change, never stale, even when the page itself is
rendered for an editor or a preview.
"""

from __future__ import annotations

import uuid
from functools import cached_property
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
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
    def fragment_key(self) -> str:
        from .cache import generation

        if self.preview:  # a draft: its fragments are never shared (and expire at once)
            return f"preview:{uuid.uuid4().hex}"
        return f"{generation()}:{self.site.pk if self.site else 0}"

    @cached_property
    def preview(self) -> bool:
        return bool(getattr(self.request, "is_preview", False))

    @property
    def fragment_seconds(self) -> int:
        return 0 if self.preview else 3600

    @cached_property
    def today(self) -> str:
        return timezone.localdate().isoformat()

    @cached_property
    def commune(self) -> Any:
        from .cache import remember

        site = self.site
        return remember(f"commune:{site.pk}", lambda: commune_for_site(site)) if site else None

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
