"""Wagtail's redirects (old addresses of a commune's pages, kept after a move or an import),
looked up only where a public page could have been."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware

# A "not found" under these is answered as it is: the admin's (every route the gate closes
# answers one), the static files' and the media's. Wagtail's middleware would look the address
# up in the redirects of the request's site on each of them: three queries a time.
NOT_REDIRECTED = ("/admin/", "/static/", "/media/")


class RedirectMiddleware(WagtailRedirectMiddleware):
    def process_response(self, request: HttpRequest, response: Any) -> Any:
        if response.status_code != 404 or request.path.startswith(NOT_REDIRECTED):
            return response
        return super().process_response(request, response)
