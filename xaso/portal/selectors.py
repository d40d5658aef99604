"""Reads for the public portal; each returns a bounded, prefetched query."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page, Site

from xaso.communes.models import Commune

from .models import (
    ArticlePage,
    HomePage,
    LinkBanner,
    NewsCategoryPage,
    Slogan,
)

P = TypeVar("P", bound=Page)


def _with_images(articles: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    return articles.select_related("image").prefetch_related(Prefetch("image__renditions"))


def public(pages: QuerySet[P]) -> QuerySet[P]:
    """Wagtail's `.public()` without its query on every call: restricted paths are remembered."""
    from .cache import restricted_paths

    restricted, _aliases = restricted_paths()
    for path in restricted:
        pages = pages.exclude(path__startswith=path)
    return pages


def live_articles(*, root: Page) -> QuerySet[ArticlePage]:
    """Live articles under `root` (a commune's home or a category), newest first."""
    return public(
        ArticlePage.objects.live().descendant_of(root).order_by("-first_published_at", "-pk")
    )


def article_for_route(*, url_path: str) -> ArticlePage | None:
    """The live article at `url_path` with its image and renditions, remembered per change
    (a copy per request: unpickled from the process's cache, never shared between threads)."""
    from .cache import remember

    def build() -> ArticlePage | bool:
        slug = url_path.rstrip("/").rsplit("/", 1)[-1]
        found = _with_images(ArticlePage.objects.filter(slug=slug, url_path=url_path, live=True))
        return found.first() or False  # False: remembered as "no article here"

    article = remember(f"route:{url_path}", build)
    return article if isinstance(article, ArticlePage) else None


def trail(*, page: Page, request: HttpRequest) -> list[dict[str, Any]]:
    """The page's ancestors below the tree root (home first) as title/url/depth/pk, for the
    breadcrumb and the article's category; remembered per change and per site."""
    from .cache import remember

    step = Page.steplen
    parent = page.path[:-step]
    if len(parent) < 2 * step:
        return []
    site = Site.find_for_request(request)

    def build() -> list[dict[str, Any]]:
        paths = [parent[:end] for end in range(2 * step, len(parent) + 1, step)]
        return [
            {"title": a.title, "url": a.get_url(request), "depth": a.depth, "pk": a.pk}
            for a in Page.objects.filter(path__in=paths).order_by("path")
        ]

    return remember(f"trail:{site.pk if site else 0}:{parent}", build)


def featured_articles(*, home: HomePage, limit: int = 4) -> list[ArticlePage]:
    return list(_with_images(live_articles(root=home).filter(featured=True))[:limit])


def latest_articles(*, home: Page, limit: int = 8, exclude: Any = None) -> list[ArticlePage]:
    articles = live_articles(root=home)
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return list(_with_images(articles)[:limit])


def category_articles(*, category: NewsCategoryPage) -> QuerySet[ArticlePage]:
    return _with_images(live_articles(root=category))


def subcategories(*, category: Page) -> QuerySet[NewsCategoryPage]:
    return public(NewsCategoryPage.objects.live().child_of(category).order_by("path"))


def top_categories(*, home: Page) -> list[Page]:
    """The main menu: the home page's children shown in menus (news categories, the
    introduction, the register, disclosures, procedures), in the editors' order."""
    return list(public(Page.objects.live().child_of(home).filter(show_in_menus=True)))


def home_sections(*, home: HomePage, per_section: int = 4) -> list[dict[str, Any]]:
    """The latest articles of each top-level category, for the home page."""
    sections = []
    for category in public(NewsCategoryPage.objects.live().child_of(home).order_by("path")):
        articles = list(_with_images(live_articles(root=category))[:per_section])
        if articles:
            sections.append({"category": category, "articles": articles})
    return sections


def related_articles(*, article: ArticlePage, limit: int = 5) -> list[ArticlePage]:
    """The newest other articles of the same category (titles and dates only)."""
    siblings = ArticlePage.objects.live().filter(
        path__startswith=article.path[: -Page.steplen], depth=article.depth
    )
    siblings = public(siblings.exclude(pk=article.pk).order_by("-first_published_at", "-pk"))
    return list(siblings.only("title", "url_path", "path", "depth", "first_published_at",
                              "latest_revision_created_at")[:limit])  # fmt: skip


def article_view_count(*, article: Page) -> int:
    """Stored visits plus those waiting in the buffer (see counter.py), as shown on the page:
    read at most once every XASO_VIEW_COUNT_SHOWN_SECONDS by each process."""
    from django.conf import settings

    from .cache import local_cache
    from .counter import current_count

    seconds = settings.XASO_VIEW_COUNT_SHOWN_SECONDS
    if not seconds:
        return current_count(article.pk)
    key = f"xaso:views:shown:{article.pk}"
    count = local_cache().get(key)
    if count is None:
        count = current_count(article.pk)
        local_cache().set(key, count, seconds)
    return int(count)


def active_slogans(*, commune: Commune, on: datetime.date | None = None) -> list[Slogan]:
    today = on or timezone.localdate()
    return list(
        Slogan.objects.filter(commune=commune, starts_on__lte=today).exclude(ends_on__lt=today)
    )


def link_banners(
    *, home: Page | None = None, commune: Commune | None = None, slot: str
) -> list[LinkBanner]:
    if commune is None and home is not None:
        commune = Commune.objects.filter(site__root_page=home).first()
    if commune is None:
        return []
    banners = LinkBanner.objects.filter(commune=commune, slot=slot, is_active=True)
    return list(
        banners.select_related("image").prefetch_related(
            Prefetch("image__renditions", queryset=Image.get_rendition_model().objects.all())
        )
    )
