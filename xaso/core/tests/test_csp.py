"""The Content-Security-Policy and Permissions-Policy headers, and the page cache's nonce rule
(docs/decisions/0009-http-hardening.md)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from xaso.core.csp import ContentSecurityPolicyMiddleware, source_origin
from xaso.portal.cache import AnonymousPageCacheMiddleware

XASO = Path(__file__).resolve().parents[2]
CSP = "Content-Security-Policy"


def _serve(view, request: HttpRequest) -> HttpResponse:
    """The view behind the policy and the page cache, as in MIDDLEWARE."""
    response = ContentSecurityPolicyMiddleware(AnonymousPageCacheMiddleware(view))(request)
    assert isinstance(response, HttpResponse)
    return response


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.django_db
def test_a_public_page_gets_the_strict_policy(client, article):
    response = client.get(article.url)
    policy = _directives(response[CSP])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no inline script on public pages: no nonce
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["img-src"][:2] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and response["X-Frame-Options"] == "DENY"
    assert "upgrade-insecure-requests" not in policy  # production only


@pytest.mark.django_db
def test_every_response_says_which_browser_features_are_off(client, article):
    header = client.get(article.url)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in header


@pytest.mark.django_db
def test_the_admin_allows_wagtails_inline_code_but_not_eval_nor_handlers(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("tinh", "t@x.vn", "m-k-dai"))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = _directives(response[CSP])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src-attr"] == ["'none'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]  # no hash: it would void it
    assert not any("eval" in source for sources in policy.values() for source in sources)
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_sign_in_page_keeps_the_strict_policy(client):
    policy = _directives(client.get("/admin/login/")[CSP])
    assert policy["script-src"] == ["'self'"]
    assert "script-src-attr" not in policy and "style-src-attr" not in policy


def test_a_preview_gets_the_policy_of_the_admin_request_that_frames_it(rf):
    """Wagtail renders a preview by running a request for the page's URL through the middleware
    (which writes the portal's policy, frame-ancestors 'none'), then answers SAMEORIGIN: the
    admin request's policy replaces it, frame-ancestors 'self' as X-Frame-Options says."""

    def article(request: HttpRequest) -> HttpResponse:
        return HttpResponse("<h1>Bài viết</h1>")

    def preview(request: HttpRequest) -> HttpResponse:
        response = ContentSecurityPolicyMiddleware(article)(rf.get("/tin-tuc/bai-viet/"))
        assert isinstance(response, HttpResponse)
        assert _directives(response[CSP])["frame-ancestors"] == ["'none'"]
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    policy = _directives(_serve(preview, rf.get("/admin/pages/3/edit/preview/"))[CSP])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]


def test_sources_come_from_the_configured_urls():
    assert source_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == (
        "https://tile.openstreetmap.org"
    )
    assert source_origin("https://{s}.tile.example.vn/{z}/{x}/{y}.png") == (
        "https://*.tile.example.vn"
    )
    assert source_origin("https://media.tinh.gov.vn/xaso/") == "https://media.tinh.gov.vn"
    assert source_origin("/media/") is None and source_origin("") is None
    sources = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    assert "https://tile.openstreetmap.org" in sources  # the default tiles of the campaign maps


def test_the_500_pages_style_is_allowed_by_its_hash():
    html = (XASO / "templates" / "500.html").read_text()
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    sources = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert f"'sha256-{digest}'" in sources, "update the hash in xaso/settings/base.py"


# Templates that may hold inline code: the 500 page's style (allowed by its hash above) and the
# saved article, a file the reader downloads and opens from their disk, outside the site.
INLINE_ALLOWED = {"templates/500.html", "portal/templates/portal/article_save.html"}
INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"),
    "event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "style element": re.compile(r"<style\b"),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
}


def test_templates_carry_no_inline_code():
    """Code in static files, data in application/json script elements: what the strict policy
    (and the page cache, which never stores a page that used a nonce) needs."""
    found = []
    for path in sorted(XASO.rglob("templates/**/*.html")):
        name = str(path.relative_to(XASO))
        if name in INLINE_ALLOWED or "/tests/" in name:
            continue
        text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", "", path.read_text())  # the HTML only
        found += [f"{name}: {kind}" for kind, pattern in INLINE.items() if pattern.search(text)]
    assert not found


@pytest.mark.django_db
def test_a_cached_page_gets_a_policy_at_every_answer(settings, rf):
    settings.XASO_PAGE_CACHE_SECONDS = 60
    cache.clear()
    rendered = []

    def page(request: HttpRequest) -> HttpResponse:
        rendered.append(1)
        return HttpResponse('<script src="/static/js/site.js"></script>')

    first, second = _serve(page, rf.get("/tin-tuc/")), _serve(page, rf.get("/tin-tuc/"))
    assert (first["X-Cache"], second["X-Cache"], len(rendered)) == ("MISS", "HIT", 1)
    assert first[CSP] == second[CSP] and "nonce-" not in second[CSP]


@pytest.mark.django_db
def test_a_page_that_used_a_nonce_is_never_stored(settings, rf):
    """Served again from the cache, its nonce would not be the new response's."""
    settings.XASO_PAGE_CACHE_SECONDS = 60
    cache.clear()

    def page(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    nonces = []
    for _ in range(2):
        response = _serve(page, rf.get("/tin-tuc/"))
        assert "X-Cache" not in response and "X-Accel-Expires" not in response
        (in_page,) = re.findall(r'nonce="([^"]+)"', response.content.decode())
        assert f"'nonce-{in_page}'" in _directives(response[CSP])["script-src"]
        nonces.append(in_page)
    assert nonces[0] != nonces[1]
