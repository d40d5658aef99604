"""The demo's New Rural programme: Liên Khê's road to the model title and the new set."""

from __future__ import annotations

import pytest

from xaso.communes.models import Commune

from .. import selectors
from ..models import Programme

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_the_demo_programme(demo_commune):
    commune = Commune.objects.get(slug="lien-khe")
    programmes = {p.criteria_set.code: p for p in Programme.objects.filter(commune=commune)}
    assert set(programmes) == {"qd318-2022", "qd319-2022", "qd51-2025"}
    old = programmes["qd318-2022"]
    counts = [selectors.programme_summary(old, year).met_count for year in (2022, 2023, 2025)]
    assert counts[0] < counts[1] < counts[2] == 19  # every criterion met by 2025
    early = selectors.programme_summary(old, 2022)
    assert "Giao thông" in [status.criterion.name for status in early.remaining]
    model = selectors.programme_summary(programmes["qd319-2022"], 2025)
    assert model.met_count == 3 and [s.criterion.number for s in model.remaining] == [4]
