"""Building a province's communes with thousands of articles each, quickly (bench/province.py).

Each commune, its site, home page, required pages and role groups come from `commune_create`,
and its news categories from `category_create`: the real services. Its articles are written in
bulk, as the services would leave them: the Wagtail page rows (treebeard's materialised path,
`url_path`, `live`, publication dates, a `translation_key` each) and the article rows, then the
site search's documents (the fields `search.adapters.page_document` gives a page); once every
commune is built, `search.services.fulltext_rebuild` folds them into the full-text index as a
full re-index does. No revisions are written (neither the portal nor the page explorer needs
one: Wagtail edits a page without revision from the page itself) and no entry in Wagtail's own
search index (the admin's page search), which the portal does not read.
"""

from __future__ import annotations

import datetime
import html
import json
import random
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "corpus.jsonl"
CATEGORIES = [
    ("Tin tức", "tin-tuc"),
    ("Thông báo", "thong-bao"),
    ("Nông thôn mới", "nong-thon-moi"),
    ("Văn hóa - Xã hội", "van-hoa-xa-hoi"),
]
BATCH = 1000
HOURS_BETWEEN_ARTICLES = 17.5  # 2,500 articles over about five years

_WORDS = (
    "xã phường đường làng ngõ xóm thôn nhân dân cán bộ hội nghị triển khai kế hoạch năm nông "
    "thôn mới giao thông thủy lợi trường học trạm y tế văn hóa thể thao lễ hội phòng chống dịch "
    "bệnh an ninh trật tự hộ gia đình hiến đất mở rộng bê tông hóa vệ sinh môi trường cây xanh "
    "người cao tuổi thanh niên phụ nữ nông dân cựu chiến binh mặt trận tổ quốc ủy ban bầu cử "
    "đại biểu tiếp công dân cải cách hành chính một cửa chuyển đổi số sản xuất lúa rau màu "
    "chăn nuôi thủy sản hợp tác xã doanh nghiệp việc làm học sinh giáo viên khuyến học"
)


def records() -> list[dict[str, Any]]:
    """The shared news corpus when it is beside the project, otherwise generated articles."""
    if CORPUS.exists():
        lines = CORPUS.read_text(encoding="utf-8").split("\n")  # not splitlines(): U+2028
        return [json.loads(line) for line in lines if line.strip()]
    rng = random.Random(5)
    vocabulary = _WORDS.split()

    def sentence(low: int, high: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(low, high))).capitalize()

    return [
        {
            "id": f"sinh-{n}",
            "title": sentence(6, 14),
            "lead": sentence(20, 35) + ".",
            "body": "\n".join(
                ". ".join(sentence(8, 20) for _ in range(3)) + "." for _ in range(rng.randint(4, 9))
            ),
        }
        for n in range(3000)
    ]


def varied(record: dict[str, Any], copy: int, rng: random.Random) -> dict[str, Any]:
    """The record as commune number `copy` reuses it: paragraphs reordered, a few dropped, two
    title words swapped, so the province is not one commune written 114 times."""
    if copy == 0:
        return record
    paragraphs = [p for p in record["body"].split("\n") if p.strip()]
    rng.shuffle(paragraphs)
    words = record["title"].split()
    if len(words) > 4:
        i = rng.randrange(len(words))
        words[i], words[-1] = words[-1], words[i]
    return {
        **record,
        "title": " ".join(words),
        "body": "\n".join(paragraphs[: max(1, len(paragraphs) - rng.randrange(3))]),
    }


def commune_build(number: int, *, is_default_site: bool = False) -> tuple[Any, list[Any]]:
    """Commune `number` through the services, with its news categories."""
    from xaso.communes.choices import CommuneKind
    from xaso.communes.models import Commune
    from xaso.communes.services import commune_create
    from xaso.portal.models import NewsCategoryPage
    from xaso.portal.services import category_create

    slug = f"xa-{number:03d}"
    commune = Commune.objects.filter(slug=slug).first()
    if commune is None:
        kinds = [CommuneKind.COMMUNE] * 8 + [CommuneKind.WARD, CommuneKind.SPECIAL_ZONE]
        commune = commune_create(
            name=f"Thử nghiệm {number:03d}",
            kind=kinds[number % 10],
            province="Hải Phòng",
            slug=slug,
            hostname=f"{slug}.localhost",
            is_default_site=is_default_site,
        )
    home = commune.site.root_page
    categories = list(NewsCategoryPage.objects.child_of(home).order_by("path"))
    if not categories:
        categories = [
            category_create(parent=home, title=title, slug=category_slug)
            for title, category_slug in CATEGORIES
        ]
    return commune, categories


def _body(record: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    """The StreamField's stored value (a paragraph block per paragraph, as `article_create`
    stores `("paragraph", "<p>…</p>")`) and its plain text as `search.adapters.stream_text`
    reads it."""
    from django.utils.html import strip_tags

    blocks, parts = [], []
    for paragraph in record["body"].split("\n"):
        if not paragraph.strip():
            continue
        source = f"<p>{html.escape(paragraph, quote=False)}</p>"
        blocks.append({"type": "paragraph", "value": source, "id": str(uuid.uuid4())})
        parts.append(strip_tags(source))
    return blocks, "\n".join(part for part in parts if part)


def _rows(commune: Any, categories: list[Any], articles: int, corpus: list[dict[str, Any]],
          number: int) -> Iterator[tuple[Any, dict[str, Any], str, datetime.datetime]]:  # fmt: skip
    """(category, record, slug, publication time) of each article, newest first."""
    from xaso.core.text import nfc, slugify_vi

    rng = random.Random(number)
    offset = (number * 997) % len(corpus)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    used: set[tuple[int, str]] = set()
    for n in range(articles):
        record = varied(corpus[(offset + n) % len(corpus)], number + n // len(corpus), rng)
        record = {**record, "title": nfc(record["title"])[:255], "lead": nfc(record["lead"])}
        category = categories[n % len(categories)]
        base = slugify_vi(record["title"]) or "bai-viet"
        slug, k = base, 1
        while (category.pk, slug) in used:
            k += 1
            slug = f"{base}-{k}"
        used.add((category.pk, slug))
        hours = n * HOURS_BETWEEN_ARTICLES + rng.random() * 3
        yield category, record, slug, now - datetime.timedelta(hours=hours)


def articles_build(
    commune: Any, categories: list[Any], articles: int, corpus: list[dict[str, Any]], number: int
) -> int:
    """Write `articles` published articles spread over the commune's categories."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Page

    from xaso.portal.models import ArticlePage
    from xaso.search.models import DocumentKind, SearchDocument

    content_type = ContentType.objects.get_for_model(ArticlePage)
    home_url = commune.site.root_page.url_path
    children = {category.pk: category.numchild for category in categories}
    pending: list[tuple[Any, Page, ArticlePage, str]] = []

    def flush() -> None:
        with transaction.atomic():
            pages = Page.objects.bulk_create([page for _c, page, _a, _t in pending])
            for (_c, _p, article, _t), page in zip(pending, pages, strict=True):
                article.page_ptr_id = page.pk
                article.pk = page.pk
            ArticlePage._base_manager._insert(  # the article rows only: the page rows are in
                [article for _c, _p, article, _t in pending],
                fields=ArticlePage._meta.local_concrete_fields,
            )
            SearchDocument.objects.bulk_create(
                SearchDocument(
                    commune_id=commune.pk,
                    kind=DocumentKind.ARTICLE,
                    object_id=page.pk,
                    title=page.title,
                    lead=article.lead,
                    body=text,
                    url=page.url_path[len(home_url) - 1 :],
                    category_title=category.title,
                    category_path=category.path,
                    published_at=page.first_published_at,
                    source_id="",
                )
                for category, page, article, text in pending
            )
        pending.clear()

    for category, record, slug, published in _rows(commune, categories, articles, corpus, number):
        children[category.pk] += 1
        blocks, text = _body(record)
        page = Page(
            title=record["title"],
            draft_title=record["title"],
            slug=slug,
            path=Page._get_path(category.path, category.depth + 1, children[category.pk]),
            depth=category.depth + 1,
            numchild=0,
            url_path=f"{category.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            content_type_id=content_type.pk,
            locale_id=category.locale_id,
            translation_key=uuid.uuid4(),
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
        )
        article = ArticlePage(lead=record["lead"], body=json.dumps(blocks))
        pending.append((category, page, article, text))
        if len(pending) >= BATCH:
            flush()
    if pending:
        flush()
    with connection.cursor() as cursor:
        for category in categories:
            cursor.execute(
                "UPDATE wagtailcore_page SET numchild = %s WHERE id = %s",
                [children[category.pk], category.pk],
            )
    return articles


def province_build(communes: int, articles: int, log: Any = print) -> dict[str, float]:
    """Build (or complete) `communes` communes of `articles` articles each; seconds taken."""
    from django.db import connection
    from wagtail.models import Page

    from xaso.portal import cache
    from xaso.portal.models import ArticlePage
    from xaso.search.services import fulltext_rebuild

    corpus = records()
    started = time.perf_counter()
    services = bulk = 0.0
    for number in range(communes):
        begin = time.perf_counter()
        commune, categories = commune_build(number, is_default_site=number == 0)
        services += time.perf_counter() - begin
        home = commune.site.root_page
        if ArticlePage.objects.filter(path__startswith=home.path).exists():
            continue  # built by an earlier run
        categories = list(Page.objects.filter(pk__in=[c.pk for c in categories]).order_by("path"))
        begin = time.perf_counter()
        articles_build(commune, categories, articles, corpus, number)
        bulk += time.perf_counter() - begin
        if (number + 1) % 10 == 0 or number + 1 == communes:
            log(f"  {number + 1} communes, {time.perf_counter() - started:.0f} s")
    begin = time.perf_counter()
    indexed = fulltext_rebuild(batch=2000)
    index = time.perf_counter() - begin
    log(f"  {indexed:,} documents in the full-text index, {index:.0f} s")
    begin = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    vacuum = time.perf_counter() - begin
    cache.invalidate()  # the rows above were written without the signals that empty it
    return {
        "communes (services)": services,
        "articles (bulk)": bulk,
        "full-text index": index,
        "vacuum analyze": vacuum,
        "total": time.perf_counter() - started,
    }
