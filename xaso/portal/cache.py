"""Full-page caching of public pages for anonymous readers.

Anonymous GET requests for portal pages are answered from the cache (Redis or the process's
local cache), marked `X-Cache: HIT` (or `MISS` when rendered and stored). Every key — pages,
remembered values (`remember`: menus, latest news, settings, the site of a host) and template
fragments — holds two generation numbers: the global one and that of the request's commune (its
site found from the host; a site that is no commune's, the admin and work outside a request use
ANYWHERE, bumped by every change). A change in one commune — publishing, unpublishing, moving or
deleting one of its pages (found by its tree path under the commune's home page), its slogans,
banners, portal settings, a record of a registered model whose commune is it — bumps that
commune's generation only: the ~100 other communes of a province keep their cached pages. Shared
national data (records without a commune), sites and hosts, and anything whose commune cannot be
told bump the global generation: everything is refreshed, never stale. The middleware reads both
numbers in one round trip per request (`_route`). Each app registers, in its `apps.py` `ready()`,
the models whose records its public pages show (`register_public_model`, with `commune=` for a
model that reaches its commune through another field); the portal names no model of the apps
above it. Readers with a session (editors), previews, the admin, the API, search and anything
that sets a cookie are never cached. In the deployment profile nginx also keeps each page for a
few seconds (`X-Accel-Expires`), which bounds how stale it can be there.

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

# The scope of what is not one commune's: pages of a site that is no commune's (the province's),
# requests outside the public pages (the admin) and values remembered outside a request. Every
# change anywhere bumps it, so what is kept under it is never stale.
ANYWHERE = "*"
# Paths served without a commune's scope (the admin lists every commune's pages).
UNSCOPED = ("/admin/", "/django-admin/", "/static/", "/media/")


def commune_scope(commune_id: int | None) -> str | None:
    """The scope of one commune's pages; None (everything) when the commune is not known."""
    return f"c{commune_id}" if commune_id else None


def _scope_key(scope: str) -> str:
    return f"{GENERATION_KEY}:{scope}"


@dataclass
class _Request:
    """What the middleware found for the request: its scope, its site, the generation token."""

    scope: str = ANYWHERE
    site_id: int | None = None
    token: str | None = None


# Read once per request (see AnonymousPageCacheMiddleware), not once per fragment.
_current: ContextVar[_Request | None] = ContextVar("xaso_generation", default=None)


_redis_clients: dict[str, Any] = {}


def _redis() -> Any:
    """With Redis, the generations are read through one client kept per process (Django's cache
    builds a new client for every call, which costs more than the read on a busy page)."""
    url = getattr(settings, "REDIS_URL", None)
    if not url:
        return None
    client = _redis_clients.get(url)
    if client is None:
        import redis

        client = _redis_clients.setdefault(url, redis.Redis.from_url(url))
    return client


def _read(*scopes: str) -> tuple[int, ...]:
    """The global generation and those of `scopes`, in one round trip. A scope never bumped is
    at 0; the global generation starts at 1."""
    keys = [GENERATION_KEY, *(_scope_key(scope) for scope in scopes)]
    client = _redis()
    if client is not None:
        values = client.mget(keys)
        if values[0] is None:
            client.set(GENERATION_KEY, 1, nx=True)
            values[0] = client.get(GENERATION_KEY)
        return tuple(int(value or 0) for value in values)
    found = cache.get_many(keys)
    if found.get(GENERATION_KEY) is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        found[GENERATION_KEY] = cache.get(GENERATION_KEY, 1)
    return tuple(int(found.get(key) or 0) for key in keys)


def _token(everything: int, scope: str, own: int) -> str:
    return f"{everything}.{scope}.{own}"


@dataclass(frozen=True)
class PublicModel:
    """A model whose records show on public pages: saving or deleting one (or changing one of
    its `relations`, many-to-many fields saved after the record) refreshes the pages of the
    record's commune (`commune`: the record's commune id, its `commune_id` unless told; no
    commune — national data — or a commune that cannot be told refreshes every page). Without
    `on_create`, only an edit or a deletion does (a record made with its defaults the first time
    a page is rendered changes nothing shown)."""

    model: type[models.Model]
    relations: tuple[str, ...] = ()
    on_create: bool = True
    commune: Callable[[Any], int | None] | None = None

    def scope_of(self, record: Any) -> str | None:
        """The scope to refresh for a change of `record`; None: everything."""
        from django.core.exceptions import ObjectDoesNotExist

        if not isinstance(record, self.model):
            return None  # the other side of a many-to-many relation
        try:
            commune_id = (
                self.commune(record) if self.commune else getattr(record, "commune_id", None)
            )
        except ObjectDoesNotExist:  # a record deleted with what names its commune
            return None
        return commune_scope(commune_id)


_public_models: dict[str, PublicModel] = {}


def register_public_model(
    model: type[models.Model],
    *,
    commune: Callable[[Any], int | None] | None = None,
    relations: tuple[str, ...] = (),
    on_create: bool = True,
) -> None:
    """Pages show this model's records: refresh them when one changes. Called from the owning
    app's `apps.py` `ready()` (the portal's own and its lower apps' from the portal's). A model
    that reaches its commune through another field names it: `commune=lambda r: ...` (the
    record's commune id, or None when it is no commune's)."""
    from . import signal_handlers

    entry = PublicModel(model=model, relations=relations, on_create=on_create, commune=commune)
    _public_models[model._meta.label] = entry
    signal_handlers.watch(entry)


def public_models() -> list[PublicModel]:
    """What is registered, in the order of registration."""
    return list(_public_models.values())


def generation() -> str:
    """The token of the current generations (global, and the request's scope), part of every
    key: read once per request, at every call outside one."""
    state = _current.get()
    if state is not None and state.token is not None:
        return state.token
    scope = state.scope if state is not None else ANYWHERE
    everything, own = _read(scope)
    token = _token(everything, scope, own)
    if state is not None:
        state.token = token
    return token


def invalidate(scope: str | None = None) -> None:
    """What is kept for `scope` (a commune's, `commune_scope()`; ANYWHERE; None: everything) is
    stale from now on.

    Bumped at once and again when the transaction commits: a page rendered in between (from
    the data before the commit) is kept under a generation that the commit retires.
    """
    _bump(scope)
    transaction.on_commit(lambda: _bump(scope))


def _bump(scope: str | None) -> None:
    state = _current.get()
    if state is not None:
        state.token = None
    keys = [GENERATION_KEY] if scope is None else [_scope_key(scope)]
    if scope not in (None, ANYWHERE):
        keys.append(_scope_key(ANYWHERE))  # what shows every commune's pages follows them
    client = _redis()
    if client is not None:
        with client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.incr(key)
            pipe.execute()
        return
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, (1 if key == GENERATION_KEY else 0) + 1, timeout=None)


def remember(name: str, build: Callable[[], T]) -> T:
    """A value derived from published content, kept until the next change of the request's
    commune (or of anything shared).

    For what every public page shows (menu, latest news, settings, breadcrumbs): built once per
    change instead of once per request, even when the page itself is not cached. What is
    remembered on a commune's site must come from that commune's data or from shared data.
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


def _site_roots() -> list[tuple[str, str]]:
    """Each site's home page path and its scope (its commune's, else ANYWHERE), longest first;
    kept per global generation (a site or a commune's site changes only with it)."""
    key = f"xaso:site-roots:{_read()[0]}"
    roots = local_cache().get(key)
    if roots is None:
        from xaso.communes.models import Commune

        communes = dict(Commune.objects.values_list("site_id", "pk"))
        roots = sorted(
            (
                (path, commune_scope(communes.get(pk)) or ANYWHERE)
                for pk, path in Site.objects.values_list("pk", "root_page__path")
            ),
            key=lambda root: -len(root[0]),
        )
        local_cache().set(key, roots, DATA_SECONDS)
    return roots


def scope_for_path(path: str) -> str:
    """The scope of the page at this tree path: that of the site whose home page it is under (a
    page under no site shows nowhere but in what refreshes with everything)."""
    for root, scope in _site_roots():
        if path.startswith(root):
            return scope
    return ANYWHERE


def _route(request: HttpRequest) -> _Request:
    """The request's scope and site, and the generation token, in one round trip to Redis for
    a host seen before by this process (the host's scope is kept with the global generation it
    was found under, and holds until that changes)."""
    if request.path.startswith(UNSCOPED):
        return _Request()
    try:
        request.get_host()  # only hosts in ALLOWED_HOSTS are remembered
    except DisallowedHost:
        return _Request()  # Django answers 400 further on
    memo_key = f"xaso:host:{request._get_raw_host()}:{request.get_port()}"  # type: ignore[attr-defined]
    memo = local_cache().get(memo_key)
    if memo is not None:
        found_under, scope, site_id = memo
        everything, own = _read(scope)
        if everything == found_under:
            return _Request(scope, site_id, _token(everything, scope, own))
    else:
        (everything,) = _read()
    from xaso.communes.models import Commune

    site = Site._find_for_request(request)
    site_id = site.pk if site is not None else None
    commune_id = (
        Commune.objects.filter(site_id=site_id).values_list("pk", flat=True).first()
        if site_id is not None
        else None
    )
    scope = commune_scope(commune_id) or ANYWHERE
    local_cache().set(memo_key, (everything, scope, site_id), DATA_SECONDS)
    return _Request(scope, site_id)


def restricted_paths() -> tuple[list[str], bool]:
    """Tree paths of pages with a view restriction, and whether any page is an alias (whose
    restrictions Wagtail takes from its source): checked in memory on every page served."""
    from wagtail.models import Page, PageViewRestriction

    def build() -> tuple[list[str], bool]:
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
        return paths, Page.objects.filter(alias_of__isnull=False).exists()

    return remember("view-restrictions", build)


# The site of the public request being answered: a page's `url` read without the request (in a
# model method, a view's context) is then relative when the page is on that site, as
# `pageurl` makes it, instead of a full URL on the site's own host and port 80 whenever the
# instance has several sites (see PortalPage.get_url).
_answering_site: ContextVar[Site | None] = ContextVar("xaso_answering_site", default=None)


def answering_site() -> Site | None:
    return _answering_site.get()


def site_for_request(request: HttpRequest) -> Site | None:
    """Wagtail's site for the request, its home page (specific) loaded, remembered per change."""

    def build(find: Callable[[], Site | None]) -> Callable[[], Site | None]:
        def load() -> Site | None:
            site = find()
            if site is not None:
                site.root_page = site.root_page.specific
            return site

        return load

    state = _current.get()
    if state is not None and state.site_id is not None:
        site_id = state.site_id
        return remember(
            f"site:{site_id}",
            build(lambda: Site.objects.select_related("root_page").filter(pk=site_id).first()),
        )
    host = request._get_raw_host()  # type: ignore[attr-defined]  # as Wagtail does
    return remember(
        f"site:{host}:{request.get_port()}", build(lambda: Site._find_for_request(request))
    )


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
        token = _current.set(None)
        _current.set(_route(request))
        generation()
        try:
            return self._respond(request)
        finally:
            _current.reset(token)

    def _render(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(UNSCOPED):
            try:
                request.get_host()  # only hosts in ALLOWED_HOSTS are remembered
            except DisallowedHost:
                pass  # Django answers 400 further on
            else:
                # Wagtail looks for this attribute before it queries the sites.
                site = site_for_request(request)
                request._wagtail_site = site  # type: ignore[attr-defined]
                token = _answering_site.set(site)
                try:
                    return self.get_response(request)
                finally:
                    _answering_site.reset(token)
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
            response["X-Cache"] = "HIT"
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
            response["X-Cache"] = "MISS"
        return response
