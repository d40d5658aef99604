"""Full-page caching of public pages for anonymous readers.

Anonymous GET requests for portal pages are answered from the cache (Redis or the process's
local cache). Every change that can show on a page — publishing, unpublishing, moving or deleting
a page, a slogan, a banner, the portal settings — bumps one generation number that is part of every
key, so all cached pages are refreshed at once (a commune publishes a few times a day; simple and
never stale). Readers with a session (editors), previews, the admin, the API, search and anything
that sets a cookie are never cached. In the deployment profile nginx also keeps each page for a
few seconds (`X-Accel-Expires`), which bounds how stale it can be there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

GENERATION_KEY = "xaso:pages:generation"
NEVER_CACHED = ("/admin/", "/django-admin/", "/api/", "/tim-kiem/", "/tai-lieu/", "/media/",
                "/static/")  # fmt: skip


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def invalidate() -> None:
    """Every cached page is stale from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, generation() + 1, timeout=None)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(NEVER_CACHED)
        and not getattr(request, "is_preview", False)
    )


def _cacheable_response(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies  # e.g. a CSRF token for a form: personal, never shared
        and "private" not in control
        and "no-store" not in control
    )


def _key(request: HttpRequest) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return f"xaso:page:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.XASO_PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
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
