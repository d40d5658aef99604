"""An indicator can take its value from another module's registered source."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .. import sources
from ..models import Assessment, Indicator, Programme, Threshold
from ..services import programme_save

pytestmark = pytest.mark.django_db


def test_a_registered_source_supplies_the_value(commune):
    indicator = Indicator.objects.get(
        criterion__criteria_set__code="qd318-2022", source="campaigns.roads_hardened"
    )
    Threshold.objects.create(indicator=indicator, applies_to="*", value=Decimal("100"))
    programme = programme_save(
        programme=Programme(
            commune=commune,
            criteria_set=indicator.criterion.criteria_set,
            applies_to="red_river_delta",
            target_level="standard",
            target_year=2025,
            started_on="2021-01-01",
        )
    )
    # Not installed: nothing is made up.
    assert (
        sources.assessment_from_source(programme=programme, indicator=indicator, year=2025) is None
    )
    sources.register(
        "campaigns.roads_hardened",
        "Tính từ tiến độ mở rộng đường",
        lambda programme, year: Decimal("96.5") if year == 2025 else None,
    )
    try:
        made = sources.assessment_from_source(programme=programme, indicator=indicator, year=2025)
        assert made is not None and made.number == Decimal("96.5") and made.met is False
        assert (
            sources.assessment_from_source(programme=programme, indicator=indicator, year=2024)
            is None
        )
        assert Assessment.objects.filter(indicator=indicator).count() == 1
    finally:
        sources._sources.pop("campaigns.roads_hardened", None)
