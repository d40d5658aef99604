"""Full-page caching of public pages for anonymous readers.

Anonymous GET requests for portal pages are answered from the cache (Redis or the process's
local cache). Every change that can show on a page — publishing, unpublishing, moving or deleting
a page, a slogan, a banner, the portal settings, a record of a registered model — bumps one
generation number that is part of every key, so all cached pages are refreshed at once (a commune
publishes a few times a day; simple and never stale). Each app registers, in its `apps.py`
`ready()`, the models whose records its public pages show (`register_public_model`); the portal
names no model of the apps above it. Readers with a session (editors), previews, the admin, the
API, search and anything that sets a cookie are never cached. In the deployment profile nginx also
keeps each page for a few seconds (`X-Accel-Expires`), which bounds how stale it can be there.

The Content-Security-Policy header is written outside this middleware (xaso.core.csp), for each
response, a cached one too. A page that used the response's nonce (`request.csp_nonce`, for an
inline script) is never stored: served again, its nonce would not be the new header's, and the
script would be refused — or, were the header stored with it, every reader would get the same
nonce, which is then no secret. Public pages therefore carry no inline script (their code is in
static files, their data in `application/json` script elements, which do not run), and are stored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import BaseCache, cache, caches
from django.core.exceptions import DisallowedHost
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from wagtail.models import Site

GENERATION_KEY = "xaso:pages:generation"
NEVER_CACHED = ("/admin/", "/django-admin/", "/api/", "/tim-kiem/", "/tai-lieu/", "/media/",
                "/static/")  # fmt: skip
# The query parameters that public pages read (grep `request.GET`). Only these reach a cached
# page and make its key: any other — added to shared links by Facebook or Zalo (fbclid,
# utm_source…), or made up to miss the cache — is dropped before the page is rendered, so it
# neither makes a new cache entry nor shows in the page's links. A page that reads a new
# parameter must add it here.
PAGE_PARAMETER = "trang"  # paginate(): a small page number, else page 1
MAX_PAGE_NUMBER = 9999
# Filters that choose among listed values (register, disclosures, questions, New Rural results,
# the province portal's commune in its search).
FILTER_PARAMETERS = frozenset(
    {"loai", "nam", "co_quan", "linh_vuc", "hieu_luc", "ct", "da_gui", "xa"}
)
# Free text (the register's and the questions' search, a feedback code): such a page is rendered
# for the reader and never stored, or every new text would make a new entry.
TEXT_PARAMETERS = frozenset({"q", "ma"})
_FILTER_VALUE = re.compile(r"[0-9A-Za-z_-]{0,32}")
DATA_SECONDS = 3600

T = TypeVar("T")

# The generation read once per request (see AnonymousPageCacheMiddleware), not once per fragment.
_request_generation: ContextVar[int | None] = ContextVar("xaso_generation", default=None)


_redis_clients: dict[str, Any] = {}


def _redis() -> Any:
    """With Redis, the generation is read through one client kept per process (Django's cache
    builds a new client for every call, which costs more than the read on a busy page)."""
    url = getattr(settings, "REDIS_URL", None)
    if not url:
        return None
    client = _redis_clients.get(url)
    if client is None:
        import redis

        client = _redis_clients.setdefault(url, redis.Redis.from_url(url))
    return client


@dataclass(frozen=True)
class PublicModel:
    """A model whose records show on public pages: saving or deleting one (or changing one of
    its `relations`, many-to-many fields saved after the record) refreshes every cached page.
    Without `on_create`, only an edit or a deletion does (a record made with its defaults the
    first time a page is rendered changes nothing shown)."""

    model: type[models.Model]
    relations: tuple[str, ...] = ()
    on_create: bool = True


_public_models: dict[str, PublicModel] = {}


def register_public_model(
    model: type[models.Model], *, relations: tuple[str, ...] = (), on_create: bool = True
) -> None:
    """Pages show this model's records: refresh them when one changes. Called from the owning
    app's `apps.py` `ready()` (the portal's own and its lower apps' from the portal's)."""
    from . import signal_handlers

    entry = PublicModel(model=model, relations=relations, on_create=on_create)
    _public_models[model._meta.label] = entry
    signal_handlers.watch(entry)


def public_models() -> list[PublicModel]:
    """What is registered, in the order of registration."""
    return list(_public_models.values())


def generation() -> int:
    remembered = _request_generation.get()
    if remembered is not None:
        return remembered
    client = _redis()
    if client is not None:
        value = client.get(GENERATION_KEY)
        if value is None:
            client.set(GENERATION_KEY, 1, nx=True)
            value = client.get(GENERATION_KEY)
        return int(value)
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def invalidate() -> None:
    """Every cached page, fragment and remembered value is stale from now on.

    Bumped at once and again when the transaction commits: a page rendered in between (from
    the data before the commit) is kept under a generation that the commit retires.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    _request_generation.set(None)
    client = _redis()
    if client is not None:
        client.incr(GENERATION_KEY)
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, generation() + 1, timeout=None)


def remember(name: str, build: Callable[[], T]) -> T:
    """A value derived from published content, kept until the next change (generation).

    For what every public page shows (menu, latest news, settings, breadcrumbs): built once per
    change instead of once per request, even when the page itself is not cached.
    """
    key = f"xaso:data:{generation()}:{name}"
    value = local_cache().get(key)
    if value is None:
        value = build()
        local_cache().set(key, value, DATA_SECONDS)
    return value


def local_cache() -> BaseCache:
    """The process's own cache: for values whose key holds the generation (never stale)."""
    return caches["local"]


def restricted_paths() -> tuple[list[str], bool]:
    """Tree paths of pages with a view restriction, and whether any page is an alias (whose
    restrictions Wagtail takes from its source): checked in memory on every page served."""
    from wagtail.models import Page, PageViewRestriction

    def build() -> tuple[list[str], bool]:
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
        return paths, Page.objects.filter(alias_of__isnull=False).exists()

    return remember("view-restrictions", build)


def site_for_request(request: HttpRequest) -> Site | None:
    """Wagtail's site for the request, its home page (specific) loaded, remembered per change."""

    def build() -> Site | None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    host = request._get_raw_host()  # type: ignore[attr-defined]  # as Wagtail does
    return remember(f"site:{host}:{request.get_port()}", build)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(NEVER_CACHED)
        and not getattr(request, "is_preview", False)
    )


def _used_nonce(request: HttpRequest) -> bool:
    """Whether the page asked for the response's CSP nonce (django-csp makes it when read)."""
    return isinstance(getattr(request, "_csp_nonce", None), str)


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        not _used_nonce(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies  # e.g. a CSRF token for a form: personal, never shared
        and "private" not in control
        and "no-store" not in control
    )


def _public_query(request: HttpRequest) -> tuple[list[tuple[str, str]], bool]:
    """The query parameters a public page may see, in a canonical order, and whether the page
    may be stored under them (not with free text, nor a filter value no list could hold)."""
    chosen: dict[str, str] = {}
    for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True):
        if name in FILTER_PARAMETERS or name in TEXT_PARAMETERS or name == PAGE_PARAMETER:
            chosen[name] = value  # the last one, as request.GET.get() reads it
    storable = True
    page = chosen.pop(PAGE_PARAMETER, "")
    if page.isascii() and page.isdigit() and 1 < int(page[:5]) <= MAX_PAGE_NUMBER:
        chosen[PAGE_PARAMETER] = str(int(page))
    for name, value in chosen.items():
        if name in TEXT_PARAMETERS and value.strip():
            storable = False
        elif name in FILTER_PARAMETERS and not _FILTER_VALUE.fullmatch(value):
            storable = False  # shown with the page's own message, not kept
    return sorted(chosen.items()), storable


def _keep_only(request: HttpRequest, query: list[tuple[str, str]]) -> None:
    """The page is rendered as if only `query` had been asked for."""
    encoded = urlencode(query)
    if encoded != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = encoded
        request.GET = QueryDict(encoded)


def _key(request: HttpRequest, query: list[tuple[str, str]]) -> str:
    path = request.path + ("?" + urlencode(query) if query else "")
    raw = f"{request.get_host()}|{path}"
    return f"xaso:page:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_generation.set(None)
        _request_generation.set(generation())
        try:
            return self._respond(request)
        finally:
            _request_generation.reset(token)

    def _render(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(("/admin/", "/django-admin/", "/static/", "/media/")):
            try:
                request.get_host()  # only hosts in ALLOWED_HOSTS are remembered
            except DisallowedHost:
                pass  # Django answers 400 further on
            else:
                # Wagtail looks for this attribute before it queries the sites.
                request._wagtail_site = site_for_request(request)  # type: ignore[attr-defined]
        return self.get_response(request)

    def _respond(self, request: HttpRequest) -> HttpResponse:
        if not settings.XASO_PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self._render(request)
        query, storable = _public_query(request)
        _keep_only(request, query)
        if not storable:
            return self._render(request)
        key = _key(request, query)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Cache"] = "hit"
            return response
        response = self._render(request)
        if _cacheable_response(request, response):
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
            response["X-Accel-Expires"] = str(settings.XASO_PROXY_CACHE_SECONDS)
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() in {"content-type", "cache-control", "x-accel-expires",
                                    "content-language", "x-frame-options",
                                    "x-content-type-options", "referrer-policy"}
            }  # fmt: skip
            cache.set(key, (response.content, headers), settings.XASO_PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response
