"""RSS 2.0 of the newest articles of every commune of the province (`/rss/` on its site)."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .selectors import NewsItem, latest_news

FEED_SIZE = 30


class ProvinceNewsFeed(Feed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.request = request
        return kwargs["home"]

    def title(self, obj: Any) -> str:
        return _("News – %(site)s") % {"site": obj.title}

    def link(self, obj: Any) -> str:
        return "/"

    def description(self, obj: Any) -> str:
        return _("The newest articles of %(name)s") % {"name": obj.title}

    def items(self, obj: Any) -> list[NewsItem]:
        return latest_news(province=obj.province, request=self.request)[:FEED_SIZE]

    def item_title(self, item: NewsItem) -> str:
        return f"{item.article.title} ({item.commune.full_name})"

    def item_description(self, item: NewsItem) -> str:
        return str(item.article.lead)

    def item_link(self, item: NewsItem) -> str:
        return item.url

    def item_pubdate(self, item: NewsItem) -> Any:
        return item.article.first_published_at
