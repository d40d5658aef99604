"""Test data built through the services, so tests exercise the same rules as users."""

from __future__ import annotations

import itertools
from typing import Any

from xaso.communes.models import Commune
from xaso.communes.services import commune_create

_numbers = itertools.count(1)


def make_commune(**overrides: Any) -> Commune:
    number = next(_numbers)
    first = not Commune.objects.exists()
    fields: dict[str, Any] = {
        "name": "Liên Khê" if first else f"Thử Nghiệm {number}",
        "province": "Hải Phòng",
        "district": "Thủy Nguyên",
        "slug": f"lien-khe-{number}",
        "hostname": f"xa{number}.haiphong.gov.vn",
        "is_default_site": first,
    }
    fields.update(overrides)
    return commune_create(**fields)
