"""Adapters for the portal's non-page URLs: search, site map, robots.txt, saving an article."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Page, Site

from xaso.core.origin import same_origin

from .. import services
from ..models import ArticlePage


def _home(request: HttpRequest) -> Page:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site.root_page


@require_GET
def sitemap_html(request: HttpRequest) -> HttpResponse:
    home = _home(request)
    pages = list(
        Page.objects.live()
        .public()
        .descendant_of(home)
        .not_type(ArticlePage)
        .filter(depth__lte=home.depth + 3)
        .order_by("path")
    )
    children: dict[str, list[Page]] = {}
    for page in pages:
        children.setdefault(page.path[: -Page.steplen], []).append(page)

    def branch(parent: Page) -> list[dict[str, Any]]:
        return [{"page": p, "children": branch(p)} for p in children.get(parent.path, [])]

    return render(request, "portal/sitemap.html", {"home": home, "tree": branch(home)})


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /admin/\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def article_save(request: HttpRequest, article: ArticlePage) -> HttpResponse:
    """The article as one self-contained HTML file: styles inline, images embedded."""
    images: dict[int, str] = {}

    def embed(image: Any, spec: str) -> str:
        rendition = image.get_rendition(spec)
        # Read through the storage: the file may be in object storage, not on this machine.
        with rendition.file.open("rb") as handle:
            data = handle.read()
        mime = "image/webp" if rendition.file.name.endswith(".webp") else "image/jpeg"
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"

    if article.image is not None:
        images[article.image.pk] = embed(article.image, "max-800x600|format-jpeg")
    for block in article.body:
        if block.block_type == "image" and block.value["image"] is not None:
            image = block.value["image"]
            images[image.pk] = embed(image, "max-800x600|format-jpeg")
    css_path = finders.find("css/article-save.css")
    css = Path(css_path).read_text(encoding="utf-8") if isinstance(css_path, str) else ""
    html = render_to_string(
        "portal/article_save.html",
        {
            "page": article,
            "images": images,
            "css": css,
            "url": article.get_full_url(request),
        },
        request=request,
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{article.slug}.html"'
    return response


# A transparent 1×1 GIF, for the counting pixel of readers without JavaScript.
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


# Page ids are the database's integers: a larger number in the address is no page (and would
# overflow the query).
MAX_PAGE_ID = 2**31 - 1


@csrf_exempt  # an anonymous beacon that only ever adds one visit; see xaso.core.origin
@require_http_methods(["GET", "POST"])
def article_visit(request: HttpRequest, page_id: int) -> HttpResponse:
    """Count a visit of a live article: POST from JavaScript (JSON), GET from the pixel.

    Only a page of this site counts: a POST sent from another site is refused, and the pixel
    loaded by another site is answered but not counted.
    """
    if not 0 < page_id <= MAX_PAGE_ID or not (
        ArticlePage.objects.live().public().filter(pk=page_id).exists()
    ):
        return JsonResponse({"error": _("There is no such article.")}, status=404)
    own = same_origin(request)
    if request.method == "POST" and not own:
        return JsonResponse(
            {"error": _("This visit was sent from another site and was not counted.")},
            status=403,
            json_dumps_params={"ensure_ascii": False},
        )
    counted = services.article_visit_record(page_id=page_id, request=request, count=own)
    if request.method == "POST":
        response: HttpResponse = JsonResponse({"count": counted.count})
    else:
        response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    counted.apply_cookie(response)
    return response
