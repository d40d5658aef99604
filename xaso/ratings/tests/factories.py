"""Ratings for the tests, recorded through the service."""

from __future__ import annotations

import datetime
from typing import Any

from .. import services
from ..models import Rating

DAY = datetime.date(2026, 11, 28)


def make_rating(commune: Any, **fields: Any) -> Rating:
    """Five stars for the news page from one browser on `DAY`, unless `fields` say otherwise."""
    data = {
        "commune": commune,
        "path": "/tin-tuc/",
        "page": None,
        "score": 5,
        "comment": "",
        "token": "browser-one",
        "day": DAY,
        **fields,
    }
    return services.rating_record(**data)
