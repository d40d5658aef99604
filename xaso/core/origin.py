"""Whether a request was sent by a page of this site, for endpoints that take no CSRF token.

Public pages are cached whole and shared by every visitor, so the small calls they make (a
rating, a counted visit) carry no CSRF token. They check instead that the browser did not send
them from another site: `Sec-Fetch-Site` when the browser sends it, then `Origin`, or else
`Referer`, against the request's host. A request naming none of them (not a browser, or a very
old one) is let through: such a client can forge any header, so the endpoints limit it by other
means (per client address).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest

# What a browser's Sec-Fetch-Site says of a request from this very site (or typed by the user).
_OWN = frozenset({"same-origin", "none"})


def same_origin(request: HttpRequest) -> bool:
    """False when the browser says the request comes from another site (or another commune's
    site on the same server: another host is another origin)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site.strip().lower() not in _OWN:
        return False
    source = request.headers.get("Origin")
    if source is None:
        source = request.headers.get("Referer")
        if not source:
            return True
    parts = urlsplit(source)
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: Django refuses the request further on
        return False
    return bool(parts.netloc) and parts.netloc.lower() == host.lower()
