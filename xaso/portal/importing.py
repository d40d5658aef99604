"""Import articles from JSON Lines: one object a line, validated line by line.

`{"id", "title", "lead", "body", "category", "published_at", "source"}`; `body` paragraphs are
separated by newlines. The `id` is kept as the article's `source_id`, so importing the same file
again updates instead of duplicating. A bad line is reported with its number and reason and
nothing of it is written.
"""

from __future__ import annotations

import datetime
import json
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.rich_text import RichText

from xaso.core.text import fold, nfc

from . import services
from .models import ArticlePage, NewsCategoryPage

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MAX_TITLE = 255


@dataclass
class ImportRecord:
    source_id: str
    title: str
    lead: str
    paragraphs: list[str]
    category: str
    published_at: datetime.datetime | None
    source: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] | None = None

    def __post_init__(self) -> None:
        self.errors = self.errors or []


def _text(data: dict[str, Any], name: str, *, required: bool = False, limit: int = 0) -> str:
    value = data.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(_("“%(field)s” must be text.") % {"field": name})
    value = nfc(value).strip()
    if required and not value:
        raise ValueError(_("“%(field)s” is missing or empty.") % {"field": name})
    if limit and len(value) > limit:
        raise ValueError(
            _("“%(field)s” is longer than %(limit)d characters.") % {"field": name, "limit": limit}
        )
    return value


def _date(raw: str) -> datetime.datetime | None:
    if not raw:
        return None
    message = _("“published_at” is not an ISO date: %(value)s") % {"value": raw[:40]}
    try:
        day = parse_date(raw) if len(raw) <= 10 else None
        moment = None if day else parse_datetime(raw)
    except ValueError as error:  # well formed but impossible, e.g. month 13
        raise ValueError(message) from error
    if moment is None:
        if day is None:
            raise ValueError(message)
        moment = datetime.datetime.combine(day, datetime.time(8, 0))
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=TZ)
    return moment


def parse_line(line: str) -> ImportRecord:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(_("not valid JSON (%(error)s)") % {"error": error.msg}) from error
    if not isinstance(data, dict):
        raise ValueError(_("a line must be a JSON object"))
    body = _text(data, "body")
    try:
        published = _date(_text(data, "published_at"))
    except (ValueError, OverflowError) as error:
        raise ValueError(str(error)) from error
    return ImportRecord(
        source_id=_text(data, "id", required=True, limit=100),
        title=_text(data, "title", required=True, limit=MAX_TITLE),
        lead=_text(data, "lead"),
        paragraphs=[p.strip() for p in body.split("\n") if p.strip()],
        category=_text(data, "category", limit=MAX_TITLE) or _("Other news"),
        published_at=published,
        source=_text(data, "source", limit=200),
    )


def _category(home: Page, title: str, cache: dict[str, NewsCategoryPage]) -> NewsCategoryPage:
    if title in cache:
        return cache[title]
    category = NewsCategoryPage.objects.child_of(home).filter(title=title).first()
    if category is None:
        slug = slugify(fold(title))[:80] or "chuyen-muc"
        if NewsCategoryPage.objects.child_of(home).filter(slug=slug).exists():
            slug = f"{slug[:70]}-{NewsCategoryPage.objects.child_of(home).count() + 1}"
        category = services.category_create(parent=home, title=title, slug=slug)
    cache[title] = category
    return category


def _body(paragraphs: list[str]) -> list[tuple[str, Any]]:
    return [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in paragraphs]


def _slug(record: ImportRecord) -> str:
    base = slugify(fold(record.title))[:60].strip("-") or "bai-viet"
    return f"{base}-{slugify(record.source_id)[:30]}".strip("-")


def _same(article: ArticlePage, record: ImportRecord, category: NewsCategoryPage) -> bool:
    return (
        article.title == record.title
        and article.lead == record.lead
        and article.source_name == record.source
        and article.path.startswith(category.path)
        and [block.value.source for block in article.body if block.block_type == "paragraph"]
        == [f"<p>{escape(text)}</p>" for text in record.paragraphs]
    )


@transaction.atomic
def import_record(
    *, user: Any | None, home: Page, record: ImportRecord, cache: dict[str, NewsCategoryPage]
) -> str:
    """Create or update one article; returns "created", "updated" or "unchanged"."""
    category = _category(home, record.category, cache)
    existing = ArticlePage.objects.descendant_of(home).filter(source_id=record.source_id).first()
    if existing is None:
        services.article_create(
            user=user,
            category=category,
            title=record.title,
            slug=_slug(record),
            lead=record.lead,
            body=_body(record.paragraphs),
            source_name=record.source,
            published_at=record.published_at,
            source_id=record.source_id,
        )
        return "created"
    if _same(existing, record, category):
        return "unchanged"
    if not existing.path.startswith(category.path):
        existing.move(category, pos="last-child", user=user)
        existing = ArticlePage.objects.get(pk=existing.pk)
    existing.title = record.title
    existing.lead = record.lead
    existing.body = _body(record.paragraphs)
    existing.source_name = record.source
    existing.full_clean()
    existing.save_revision(user=user).publish(user=user)
    return "updated"


def import_lines(
    lines: Iterable[str], *, user: Any | None, home: Page
) -> Iterator[tuple[int, str, str]]:
    """Yield (line number, outcome, message) for each non-empty line."""
    cache: dict[str, NewsCategoryPage] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = parse_line(line)
            outcome = import_record(user=user, home=home, record=record, cache=cache)
        except ValueError as error:
            cache.clear()  # a category made for this line was rolled back with it
            yield number, "error", str(error)
            continue
        except ValidationError as error:
            cache.clear()
            yield number, "error", "; ".join(error.messages)
            continue
        yield number, outcome, ""
