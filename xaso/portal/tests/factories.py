"""Portal test data, created through the portal services."""

from __future__ import annotations

import datetime
import io
import itertools
from typing import Any

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from xaso.demo import images as drawings
from xaso.portal import services
from xaso.portal.models import ArticlePage, NewsCategoryPage

_numbers = itertools.count(1)


def make_category(
    *, parent: Any, title: str | None = None, slug: str | None = None
) -> NewsCategoryPage:
    number = next(_numbers)
    return services.category_create(
        parent=parent, title=title or f"Chuyên mục {number}", slug=slug or f"chuyen-muc-{number}"
    )


def make_image(*, title: str = "Ảnh thử", collection: Any = None, seed: int = 1) -> Image:
    image = Image(title=title)
    if collection is not None:
        image.collection = collection
    image.file = ImageFile(io.BytesIO(drawings.tile(seed, 320, 200)), name=f"thu-{seed}.png")
    image.save()
    return image


def make_article(
    *,
    category: NewsCategoryPage,
    title: str | None = None,
    slug: str | None = None,
    days_ago: int = 0,
    **fields: Any,
) -> ArticlePage:
    number = next(_numbers)
    defaults: dict[str, Any] = {
        "lead": "Sapo của bài viết thử.",
        "body": [("paragraph", RichText("<p>Nội dung chi tiết.</p>"))],
        "author": "Ban biên tập",
    }
    defaults.update(fields)
    return services.article_create(
        category=category,
        title=title or f"Bài viết số {number}",
        slug=slug or f"bai-viet-{number}",
        # Local noon of the day, a few seconds apart: never across midnight, always ordered.
        published_at=timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
        - datetime.timedelta(days=days_ago, seconds=number % 3600),
        **defaults,
    )
