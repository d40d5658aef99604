"""Do bulk-built articles (bench/_province_build.py) show as articles made by the service do?

On a province built by bench/province.py (small: `--communes 3 --articles 50 --check`), and in
a transaction rolled back at the end: publishes an article through `article_create` in the
first commune's first category, newer than the bulk ones, then compares it with the newest bulk
article there: the page tree's consistency (treebeard's `find_problems`), both listed on the
home page and the category, both article pages answering with the same markup, the search index
holding for the bulk article what `page_document` gives, both found by the commune's search and
the province's, and the bulk article opening in the admin's editor. Returns lines to print.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict
from typing import Any


def _shape(html: str) -> list[str]:
    """The page's markup without its text: each tag and class attribute in order."""
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    return re.findall(r"<([a-z0-9]+)(?:[^>]*?class=\"([^\"]*)\")?", main)


def check(province_host: str) -> list[str]:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment
    from wagtail.models import Page

    from xaso.communes.models import Commune
    from xaso.core.text import fold
    from xaso.portal.models import ArticlePage, NewsCategoryPage
    from xaso.portal.services import article_create
    from xaso.search.adapters import page_document
    from xaso.search.models import SearchDocument

    setup_test_environment()
    lines = []

    def verdict(label: str, ok: bool, detail: Any = "") -> None:
        lines.append(f"  {'ok ' if ok else 'NO '} {label}{f': {detail}' if detail else ''}")

    problems = Page.find_problems()
    verdict("page tree consistent (treebeard find_problems)", not any(problems), problems)
    commune = Commune.objects.select_related("site__root_page").order_by("pk").first()
    home = commune.site.root_page
    category = NewsCategoryPage.objects.child_of(home).order_by("path").first()
    bulk = ArticlePage.objects.child_of(category).order_by("-first_published_at").first()
    host = commune.site.hostname
    client = Client()
    with transaction.atomic():
        made = article_create(
            category=category,
            title="Khánh thành cầu dân sinh thôn Đông",
            slug="khanh-thanh-cau-dan-sinh-thon-dong",
            lead="Cây cầu mới nối hai bờ kênh, người dân đi lại thuận tiện hơn.",
            body=[("paragraph", "<p>Sáng nay, xã khánh thành cây cầu dân sinh.</p>")],
            published_at=bulk.first_published_at + datetime.timedelta(minutes=1),
        )
        pages = {"home": "/", "category": category.url}
        for name, url in pages.items():
            html = client.get(url, HTTP_HOST=host).content.decode()
            both = made.title in html and bulk.title in html
            verdict(f"{name} lists both articles", both)
        answers = [client.get(page.url, HTTP_HOST=host) for page in (bulk, made)]
        verdict(
            "both article pages answer 200 with their lead",
            all(a.status_code == 200 for a in answers)
            and bulk.lead[:40] in answers[0].content.decode()
            and made.lead in answers[1].content.decode(),
        )
        shapes = [_shape(answer.content.decode()) for answer in answers]
        same = [tag for tag in shapes[0] if tag[0] not in ("p",)] == [
            tag for tag in shapes[1] if tag[0] not in ("p",)
        ]
        verdict("article pages have the same markup (paragraphs aside)", same)
        stored = SearchDocument.objects.get(kind="article", object_id=bulk.pk)
        expected = asdict(page_document(bulk))
        differing = [name for name, value in expected.items() if getattr(stored, name) != value]
        verdict("the bulk article's search document is what page_document gives", not differing,
                differing)  # fmt: skip
        for page in (bulk, made):
            query = " ".join(fold(page.title).split()[:4])
            commune_html = client.get("/tim-kiem/", {"q": query}, HTTP_HOST=host).content.decode()
            province_html = client.get(
                "/tra-cuu/", {"q": query}, HTTP_HOST=province_host
            ).content.decode()
            verdict(
                f"search finds the {'bulk' if page is bulk else 'service'} article ({query!r}), "
                "commune and province",
                page.url in commune_html and page.url in province_html,
            )
        admin = get_user_model().objects.filter(is_superuser=True).first()
        admin = admin or get_user_model().objects.create_superuser("kiemtra", "", "x")
        staff = Client()
        staff.force_login(admin)
        editor = staff.get(f"/admin/pages/{bulk.pk}/edit/", HTTP_HOST=host)
        verdict("the bulk article opens in the admin's editor", editor.status_code == 200)
        transaction.set_rollback(True)
    return lines
