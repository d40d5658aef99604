"""The portal's views: the public non-page URLs (`public`) and the admin of slogans and link
banners, one module per entity, saved through `services`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .link_banners import LinkBannerViewSet
from .public import article_save, article_visit, robots_txt, sitemap_html
from .slogans import SloganViewSet

__all__ = [
    "LinkBannerViewSet",
    "PortalViewSetGroup",
    "SloganViewSet",
    "article_save",
    "article_visit",
    "robots_txt",
    "sitemap_html",
]


class PortalViewSetGroup(SnippetViewSetGroup):
    items = (SloganViewSet, LinkBannerViewSet)
    menu_icon = "site"
    menu_label = _("Portal")
    menu_name = "portal"
