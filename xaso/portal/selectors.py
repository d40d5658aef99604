"""Reads for the public portal; each returns a bounded, prefetched query."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page

from xaso.communes.models import Commune

from .models import (
    ArticlePage,
    HomePage,
    LinkBanner,
    NewsCategoryPage,
    Slogan,
)


def _with_images(articles: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    return articles.select_related("image").prefetch_related(Prefetch("image__renditions"))


def live_articles(*, root: Page) -> QuerySet[ArticlePage]:
    """Live articles under `root` (a commune's home or a category), newest first."""
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(root)
        .order_by("-first_published_at", "-pk")
    )


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
    return NewsCategoryPage.objects.live().public().child_of(category).order_by("path")


def top_categories(*, home: Page) -> list[NewsCategoryPage]:
    return list(NewsCategoryPage.objects.live().public().child_of(home).filter(show_in_menus=True))


def home_sections(*, home: HomePage, per_section: int = 4) -> list[dict[str, Any]]:
    """The latest articles of each top-level category, for the home page."""
    sections = []
    for category in NewsCategoryPage.objects.live().public().child_of(home).order_by("path"):
        articles = list(_with_images(live_articles(root=category))[:per_section])
        if articles:
            sections.append({"category": category, "articles": articles})
    return sections


def related_articles(*, article: ArticlePage, limit: int = 5) -> list[ArticlePage]:
    parent = article.get_parent()
    if parent is None:
        return []
    siblings = live_articles(root=parent).exclude(pk=article.pk)
    return list(_with_images(siblings)[:limit])


def article_view_count(*, article: Page) -> int:
    """Stored visits plus those waiting in the buffer (see counter.py)."""
    from .counter import current_count

    return current_count(article.pk)


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
