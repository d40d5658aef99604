"""Adapters for search: the page (works without JavaScript) and the JSON API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from xaso.communes.selectors import commune_for_request
from xaso.core.clientip import client_address
from xaso.portal.models import NewsCategoryPage

from . import query as query_module
from . import selectors, services
from .forms import SearchForm

MAX_API_LIMIT = 50
MAX_OFFSET = 1000


def _categories(commune: Any) -> dict[int, NewsCategoryPage]:
    home = commune.site.root_page
    return {
        category.pk: category
        for category in NewsCategoryPage.objects.live()
        .public()
        .descendant_of(home)
        .order_by("path")
    }


def _category_choices(categories: dict[int, NewsCategoryPage], depth: int) -> list[tuple[int, str]]:
    return [(pk, "— " * (c.depth - depth - 1) + c.title) for pk, c in categories.items()]


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    commune = commune_for_request(request)
    categories = _categories(commune)
    assert commune.site is not None  # a commune found by its site
    home_depth = commune.site.root_page.depth
    form = SearchForm(request.GET or None, categories=_category_choices(categories, home_depth))
    form.is_valid()
    cleaned = form.cleaned_data if form.is_bound else {}
    text = cleaned.get("q", "") if form.is_bound else ""
    per_page = settings.XASO_ARTICLES_PER_PAGE
    page_number = _page_number(request.GET.get("trang"))
    results = None
    pages: Any = None
    if text.strip():
        category = categories.get(form.value("category")) if form.is_bound else None

        def run(number: int) -> selectors.SearchResults:
            return selectors.search(
                commune_id=commune.pk,
                text=text,
                kind=form.value("kind") or None,
                category_path=category.path if category else None,
                date_from=form.value("date_from"),
                date_to=form.value("date_to"),
                offset=(number - 1) * per_page,
                limit=per_page,
            )

        results = run(page_number)
        if results.count and not results.hits and page_number > 1:
            page_number = max(1, -(-results.count // per_page))  # past the end: the last page
            results = run(page_number)
        pages = Paginator(range(results.count), per_page).get_page(page_number)
        if results.count and page_number == 1:
            services.popular_query_record(
                commune_id=commune.pk, text=results.query, client=client_address(request)
            )
    query_without_page = urlencode(
        [(key, value) for key, value in request.GET.items() if key != "trang"]
    )
    shown = query_module.clean(text).strip()
    context = {
        "form": form,
        # The count names the words actually searched (a long query is cut).
        "query": results.plan.searched_text() if results and results.plan.shortened else shown,
        "raw_query": shown,  # what the header's search box shows, on every page
        "notice": _shortened_notice() if results is not None and results.plan.shortened else "",
        "results": results,
        "pages": pages,
        "base_query": query_without_page,
        "popular": selectors.popular_queries(commune_id=commune.pk) if results is None else [],
    }
    return render(request, "search/search.html", context)


def _shortened_notice() -> str:
    return _(
        "Your search was too long: only its first %(words)d words and %(chars)d characters "
        "were used."
    ) % {"words": query_module.MAX_WORDS, "chars": query_module.MAX_QUERY_CHARS}


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), 10_000))
    except ValueError:
        return 1


def _error(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})


def _int_param(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    value = int(raw)  # ValueError is turned into a 400 by the caller
    if not low <= value <= high:
        raise ValueError(name)
    return value


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    commune = commune_for_request(request)
    try:
        limit = _int_param(request, "limit", 10, 1, MAX_API_LIMIT)
        offset = _int_param(request, "offset", 0, 0, MAX_OFFSET)
        category_id = _int_param(request, "category", 0, 0, 2**62)
    except ValueError:
        return _error(
            _("limit must be 1–%(limit)d, offset 0–%(offset)d and category a category number.")
            % {"limit": MAX_API_LIMIT, "offset": MAX_OFFSET}
        )
    category = None
    if category_id:
        category = _categories(commune).get(category_id)
        if category is None:
            return _error(_("There is no such category."))
    results = selectors.search(
        commune_id=commune.pk,
        text=request.GET.get("q", ""),
        category_path=category.path if category else None,
        offset=offset,
        limit=limit,
    )
    payload = {
        "count": results.count,
        "results": [
            {
                "title": hit.document.title,
                "url": request.build_absolute_uri(hit.document.url),
                "lead": hit.document.lead,
                "published_at": hit.document.published_at.isoformat()
                if hit.document.published_at
                else None,
                "category": hit.document.category_title,
                "source_id": hit.document.source_id,
                "score": hit.score,
            }
            for hit in results.hits
        ],
    }
    if results.suggestion:
        payload["suggestion"] = results.suggestion
    if results.plan.shortened:
        payload["notice"] = _shortened_notice()
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_api(request: HttpRequest) -> JsonResponse:
    """Titles for what is being typed: the last word counts as a prefix."""
    commune = commune_for_request(request)
    text = request.GET.get("q", "")
    results = selectors.search(commune_id=commune.pk, text=text, limit=8, prefix=True)
    return JsonResponse(
        {"suggestions": [{"title": h.document.title, "url": h.document.url} for h in results.hits]},
        json_dumps_params={"ensure_ascii": False},
    )
