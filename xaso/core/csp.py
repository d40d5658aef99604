"""The Content-Security-Policy of every page (docs/decisions/0009-http-hardening.md).

django-csp writes the header from `CONTENT_SECURITY_POLICY`. This middleware changes two things:
under `/admin/` (but its sign-in pages) the directives in `XASO_ADMIN_CSP` replace the strict
ones, because Wagtail's own widgets write inline scripts; and a response that may be framed by
the site itself (`X-Frame-Options: SAMEORIGIN`, Wagtail's previews) gets `frame-ancestors 'self'`
instead of 'none', so that the two headers always say the same.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from csp.constants import HEADER, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def source_origin(url: str) -> str | None:
    """The origin a configured URL (or a map tile URL template) loads from, as a CSP source;
    None for a URL on this site (covered by 'self') or an empty one. Leaflet's subdomain
    placeholder `{s}` becomes a wildcard."""
    parts = urlsplit(url.replace("{s}", "*"))
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def is_strict_admin_path(path: str) -> bool:
    """Admin routes a stranger reaches (signing in, resetting a password): no Wagtail widget
    there, so they keep the strict policy."""
    return path.startswith(tuple(settings.XASO_CSP_STRICT_ADMIN_PATHS))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(response, "_xaso_policy_request", request) is not request:
            # Wagtail renders a preview by running a request for the page's own URL through the
            # middleware; the admin request whose frame shows it decides the policy, not that one.
            response.headers.pop(HEADER, None)
        response = super().process_response(request, response)
        response._xaso_policy_request = request  # type: ignore[attr-defined]
        return response

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.replace is not None:
            return parts  # a view's own @csp_replace decides
        replace: dict[str, Any] = {}
        path = request.path_info
        if path.startswith("/admin/") and not is_strict_admin_path(path):
            replace.update(settings.XASO_ADMIN_CSP)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            replace["frame-ancestors"] = [SELF]
        if replace:
            parts.replace = replace
        return parts
