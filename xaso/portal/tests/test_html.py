"""Every public page is valid HTML and carries no inline style.

The demo commune's site is walked from its home page, following every link to a page of the site
(the admin, downloads, feeds and the JSON API aside), and then what no link reaches is added: a
search with and without results, the residents' form sent empty (its errors shown) and sent well
(its thank-you page, then its tracking page), a personal-data erasure, a rating sent without
JavaScript, a standard page, the 404 and 500 pages. The Nu HTML checker (`vnu.jar`, the W3C's)
then reads every page, and the site's own stylesheets, in one run: the Java machine starts once.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error
from wagtail.rich_text import RichText

from xaso.core import challenge
from xaso.feedback import forms as feedback_forms
from xaso.feedback.models import Submission
from xaso.portal.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.html]

# Not pages: the admin, downloads (documents, pictures), feeds, the JSON API, machine files.
NOT_PAGES = (
    "/admin/",
    "/tai-lieu/",
    "/api/",
    "/static/",
    "/media/",
    "/sitemap.xml",
    "/robots.txt",
    "/.well-known/",
)
# Pages whose inline style is their point: the saved article is a file opened from the reader's
# disk, the 500 page is shown when nothing else may work (docs/decisions/0009-http-hardening.md).
INLINE_STYLE_ALLOWED = re.compile(r"/luu/$|^500$")
INLINE_STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.I)
# The site's own stylesheets (not the shipped libraries' in static/vendor/), checked too.
STYLESHEETS = Path(__file__).resolve().parents[2] / "static" / "css"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def _local(href: str) -> str | None:
    """The address of a page of the site the link leads to, or None."""
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(NOT_PAGES):
        return None
    if parts.path.endswith("/rss/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _crawl(client: Client, start: list[str]) -> dict[str, str]:
    """Every page reached by links from the given ones. Of the links that differ only in their
    query (pages of a list, filters), one for each set of parameter names is followed."""
    pages: dict[str, str] = {}
    queue, queued, shapes = list(start), set(start), set()
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code in (301, 302):
            target = _local(response["Location"])
            if target and target not in queued:
                queued.add(target)
                queue.append(target)
            continue
        assert response.status_code == 200, f"{url}: {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        pages[url] = html
        links = _Links()
        links.feed(html)
        for href in links.hrefs:
            target = _local(href)
            if target is None or target in queued:
                continue
            path, _, query = target.partition("?")
            shape = (path, frozenset(name for name, _ in parse_qsl(query, True)))
            if query and shape in shapes:
                continue
            shapes.add(shape)
            queued.add(target)
            queue.append(target)
    return pages


def _page(response: Any, status: int = 200, template: str | None = None) -> str:
    assert response.status_code == status, response.status_code
    assert response["Content-Type"].startswith("text/html")
    if template is not None:  # the page meant, not the form again
        assert template in [t.name for t in response.templates], response.templates
    return str(response.content.decode())


def _unlinked(client: Client, home: Any, settings: Any) -> dict[str, str]:
    """The pages no link reaches: answers to forms, errors, a page type the demo has none of."""
    settings.XASO_FORM_MIN_SECONDS = 0
    pages = {
        "/tim-kiem/?q=nông thôn mới": _page(client.get("/tim-kiem/", {"q": "nông thôn mới"})),
        "/tim-kiem/?q=zqxjv": _page(client.get("/tim-kiem/", {"q": "zqxjv"})),
        "/khong-co-trang-nay/": _page(client.get("/khong-co-trang-nay/"), 404),
        "/van-ban/999999/": _page(client.get("/van-ban/999999/"), 404),
    }
    standard = StandardPage(
        title="Quy chế phối hợp",
        slug="quy-che-phoi-hop",
        lead="Quy chế phối hợp giữa các ban, ngành.",
        body=[
            ("heading", "Phạm vi"),
            ("paragraph", RichText("<p>Quy chế áp dụng cho <b>mọi</b> ban, ngành.</p>")),
            ("quote", {"text": "Dân biết, dân bàn.", "attribution": "Phương châm"}),
        ],
    )
    home.add_child(instance=standard)
    standard.save_revision().publish()
    pages[standard.url] = _page(client.get(standard.url), template="portal/standard_page.html")

    issued = challenge.issue(feedback_forms.CHALLENGE_SCOPE, issued=time.time() - 10)
    sent = {
        "kind": "petition",
        "field": "building",
        "content": "Đề nghị sửa đoạn đường trục xã qua thôn 9 bị sụt lún sau mưa.",
        "sender_name": "Trần Văn Hùng",
        "sender_address": "Thôn 9, xã Liên Khê",
        "sender_phone": "0912 345 678",
        "sender_email": "",
        "consent_handling": "on",
        "website": "",
        "challenge": issued.token,
        "answer": str(sum(issued.numbers)),
    }
    empty = {name: "" for name in sent} | {"challenge": issued.token}
    errors = _page(client.post("/phan-anh/", empty, REMOTE_ADDR="203.0.113.7"))
    assert "feedback-field--error" in errors
    pages["/phan-anh/ (errors)"] = errors
    response = client.post("/phan-anh/", sent, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 302, response.status_code
    thanks = client.get(response["Location"])
    pages[response["Location"]] = _page(thanks, template="feedback/submission_thanks.html")
    code = Submission.objects.get(content=sent["content"]).tracking_code
    pages["/phan-anh/tra-cuu/?ma=…"] = _page(client.get("/phan-anh/tra-cuu/", {"ma": code}))
    pages["/phan-anh/tra-cuu/?ma=(wrong)"] = _page(client.get("/phan-anh/tra-cuu/", {"ma": "X"}))
    privacy = {"code": code, "phone": sent["sender_phone"], "action": "erase"}
    pages["/phan-anh/du-lieu-ca-nhan/ (errors)"] = _page(
        client.post("/phan-anh/du-lieu-ca-nhan/", privacy, REMOTE_ADDR="203.0.113.9")
    )
    erased = client.post(
        "/phan-anh/du-lieu-ca-nhan/", privacy | {"confirm": "on"}, REMOTE_ADDR="203.0.113.9"
    )
    pages["/phan-anh/du-lieu-ca-nhan/ (erased)"] = _page(
        erased, template="feedback/privacy_erased.html"
    )
    rating = {"page": str(home.pk), "path": "/", "score": "4", "comment": "", "website": ""}
    rated = client.post(
        "/danh-gia/", rating, REMOTE_ADDR="203.0.113.10", HTTP_ORIGIN="http://testserver"
    )
    pages["/danh-gia/ (thanks)"] = _page(rated, template="ratings/rating_result.html")
    pages["500"] = _page(server_error(RequestFactory().get("/")), 500)
    return pages


def _nu_errors(command: list[str], pages: dict[str, str], folder: Path) -> list[str]:
    """The checker's errors in the pages and in the site's own stylesheets, each as
    "page (line n): message"."""
    names = {}
    for number, (url, html) in enumerate(sorted(pages.items())):
        path = folder / f"{number:04}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = url
    for stylesheet in sorted(STYLESHEETS.glob("*.css")):
        path = folder / stylesheet.name
        path.write_bytes(stylesheet.read_bytes())
        names[path.name] = f"static/css/{stylesheet.name}"
    result = subprocess.run(  # noqa: S603 - the command is ours, the files our own pages
        [
            *command,
            "--errors-only",
            "--also-check-css",
            "--format",
            "json",
            "--stdout",
            *sorted(str(folder / name) for name in names),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.stdout.strip(), result.stderr
    messages = json.loads(result.stdout)["messages"]
    return sorted(
        f"{names.get(Path(urlsplit(m.get('url', '')).path).name, m.get('url'))}"
        f" (line {m.get('lastLine', '?')}): {m['message']}"
        for m in messages
    )


def _province(client: Client) -> dict[str, str]:
    """The demo's province portal (its own site): every route, filtered and not."""
    from xaso.communes.models import Commune
    from xaso.demo.province import PROVINCE_HOST

    an_lu = Commune.objects.get(slug="an-lu")
    paths = ["/", "/?loai=phuong&q=thuy", "/?loai=sai", "/tin-moi/", "/tin-moi/?trang=2",
             "/tra-cuu/?q=đường", f"/tra-cuu/?q=duong&xa={an_lu.pk}", "/tra-cuu/?q=zqxjv",
             "/tra-cuu/", "/nong-thon-moi/"]  # fmt: skip
    return {
        f"{PROVINCE_HOST}{path}": _page(client.get(path, HTTP_HOST=PROVINCE_HOST)) for path in paths
    }


def test_every_public_page_is_valid_html_without_inline_style(
    demo_commune, client, nu_checker, settings, tmp_path
):
    home = demo_commune.site.root_page.specific
    # From the home page and every live page of the site, linked from somewhere or not.
    start = ["/", *(page.url for page in home.get_descendants().live().public().specific())]
    pages = _crawl(client, start)
    assert len(pages) > 100  # the walk went through the whole site
    pages |= _unlinked(client, home, settings)
    pages |= _province(client)

    inline = sorted(
        url
        for url, html in pages.items()
        if not INLINE_STYLE_ALLOWED.search(url) and INLINE_STYLE.search(html)
    )
    assert not inline, "Inline style (put it in a stylesheet):\n" + "\n".join(inline)

    errors = _nu_errors(nu_checker, pages, tmp_path)
    assert not errors, f"The Nu HTML checker found {len(errors)} errors:\n" + "\n".join(errors)
