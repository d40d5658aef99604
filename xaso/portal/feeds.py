from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import selectors
from .models import ArticlePage

FEED_SIZE = 30


class ArticleFeed(Feed):
    """RSS 2.0 of the newest articles of a commune or of one category."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self.request = request
        return {"home": kwargs.get("home"), "category": kwargs.get("category")}

    def _root(self, obj: dict[str, Any]) -> Page:
        return obj["category"] or obj["home"]

    def title(self, obj: dict[str, Any]) -> str:
        if obj["category"] is not None:
            return _("%(category)s – %(site)s") % {
                "category": obj["category"].title,
                "site": obj["category"].get_site().site_name,
            }
        return _("News – %(site)s") % {"site": obj["home"].title}

    def link(self, obj: dict[str, Any]) -> str:
        return self._root(obj).get_full_url(self.request) or "/"

    def description(self, obj: dict[str, Any]) -> str:
        return _("The newest articles of %(name)s") % {"name": self._root(obj).title}

    def items(self, obj: dict[str, Any]) -> list[ArticlePage]:
        return list(selectors.live_articles(root=self._root(obj))[:FEED_SIZE])

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.lead

    def item_link(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request) or "/"

    def item_pubdate(self, item: ArticlePage) -> Any:
        return item.published_at

    def item_author_name(self, item: ArticlePage) -> str:
        return item.author
