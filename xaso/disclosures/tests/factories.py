"""Disclosure test data, created through the services."""

from __future__ import annotations

import datetime
from typing import Any

from xaso.disclosures import services
from xaso.disclosures.models import Disclosure, DisclosureKind


def make_disclosure(
    *,
    commune: Any,
    title: str = "Công khai dự toán ngân sách xã năm 2026",
    kind: int = 2,
    decided: datetime.date,
    published: datetime.date,
    **fields: Any,
) -> services.SavedDisclosure:
    disclosure = Disclosure(
        commune=commune,
        kind=DisclosureKind.objects.get(number=kind),
        title=title,
        decision_date=decided,
        published_on=published,
        **fields,
    )
    return services.disclosure_save(user=None, disclosure=disclosure)
