"""Reads of the ratings: the section a path belongs to, and the admin's aggregates, scoped to
the communes a user works for."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Page

from xaso.accounts.scoping import user_commune_ids
from xaso.communes.models import Commune

from .models import MAX_SCORE, MIN_SCORE, Rating

GOOD_SCORE = 4


def _view_labels() -> dict[str, str]:
    """Sections of the Django views that are not Wagtail pages, by their first path segment."""
    return {
        "phan-anh": _("Feedback and petitions"),
        "tim-kiem": _("Search"),
        "so-do-trang": _("Site map"),
        "danh-gia": _("Satisfaction ratings"),
    }


def commune_home(commune: Commune) -> Page | None:
    site = commune.site
    return site.root_page if site is not None else None


def commune_page(commune: Commune, page_id: Any) -> Page | None:
    """The live page of that id on the commune's site, or None."""
    home = commune_home(commune)
    try:
        pk = int(page_id)
    except (TypeError, ValueError):
        return None
    if home is None or pk <= 0:
        return None
    return Page.objects.live().filter(pk=pk, path__startswith=home.path).first()


def section_for(*, commune: Commune, page: Page | None, path: str) -> str:
    """The title of the top-level section under the commune's home the page (or path) sits in:
    "" for the home page; for a Django view (feedback, search) the label of its first segment."""
    home = commune_home(commune)
    if page is not None and home is not None and page.path.startswith(home.path):
        if page.depth <= home.depth:
            return ""
        top = page if page.depth == home.depth + 1 else None
        if top is None:
            top = Page.objects.filter(path=page.path[: (home.depth + 1) * Page.steplen]).first()
        return top.title[:255] if top is not None else ""
    segment = path.strip("/").split("/", 1)[0]
    if not segment:
        return ""
    if home is not None:
        child = home.get_children().filter(slug=segment).values_list("title", flat=True).first()
        if child:
            return str(child)[:255]
    return _view_labels().get(segment, segment)[:255]


def ratings_for(user: Any, *, commune: Any = None) -> QuerySet[Rating]:
    """The ratings of the communes the user works for (all of them for a superuser); of
    `commune` alone when it is given (and one of them: another commune's give none)."""
    ratings = Rating.objects.all()
    ids = user_commune_ids(user)
    if ids is not None:
        ratings = ratings.filter(commune_id__in=ids)
    return ratings if commune is None else ratings.filter(commune=commune)


def in_period(
    ratings: QuerySet[Rating], start: datetime.date, end: datetime.date
) -> QuerySet[Rating]:
    return ratings.filter(day__gte=start, day__lte=end)


def _score_counts() -> dict[str, Any]:
    return {
        f"score_{score}": Count("pk", filter=Q(score=score))
        for score in range(MIN_SCORE, MAX_SCORE + 1)
    }


def by_section(ratings: QuerySet[Rating]) -> list[dict[str, Any]]:
    """Per section: count, average, share of 4–5 (0–100) and the count of each score."""
    rows = list(
        ratings.values("section")
        .annotate(
            count=Count("pk"),
            average=Avg("score"),
            good=Count("pk", filter=Q(score__gte=GOOD_SCORE)),
            **_score_counts(),
        )
        .order_by("-count", "section")
    )
    for row in rows:
        row["good_share"] = 100 * row["good"] / row["count"] if row["count"] else 0
        row["scores"] = [row[f"score_{s}"] for s in range(MIN_SCORE, MAX_SCORE + 1)]
    return rows


def by_page(ratings: QuerySet[Rating]) -> list[dict[str, Any]]:
    """Per rated path: its page's title (if the page still exists), count and average."""
    return list(
        ratings.values("commune_id", "path", "page_id", "page__title")
        .annotate(count=Count("pk"), average=Avg("score"))
        .order_by("-count", "path")
    )


def totals(ratings: QuerySet[Rating]) -> dict[str, Any]:
    return ratings.aggregate(
        count=Count("pk"),
        average=Avg("score"),
        good=Count("pk", filter=Q(score__gte=GOOD_SCORE)),
    )


def latest_comments(ratings: QuerySet[Rating]) -> QuerySet[Rating]:
    return ratings.exclude(comment="").select_related("page").order_by("-day", "-pk")


def site_roots(commune_ids: set[int]) -> dict[int, str]:
    """The public address of each commune's site, to link a rated path to it."""
    roots: dict[int, str] = {}
    for commune in Commune.objects.filter(pk__in=commune_ids).select_related("site"):
        if commune.site is not None:
            roots[commune.pk] = commune.site.root_url
    return roots
