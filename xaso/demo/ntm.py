"""The demo commune's New Rural programme: Liên Khê under the 2021–2025 set (Red River Delta) as
a candidate for the model-commune title, with its assessments for 2022–2025, and the switch to
the 2026–2030 set (group 1: next to the city, planned to urbanise).

The thresholds entered here for the 2021–2025 set are the demo's, unconfirmed: a province
enters and confirms its own. Figures are made up. Created through the services; a second run
changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from xaso.communes.models import Commune, Official
from xaso.ntm import services
from xaso.ntm.choices import Direction, IndicatorKind, Level
from xaso.ntm.models import Assessment, CriteriaSet, Indicator, Programme, Threshold

REGION = "red_river_delta"
YEARS = (2022, 2023, 2024, 2025)
# Demo thresholds (unconfirmed) for measured indicators of the 2021–2025 set, by indicator name.
THRESHOLDS = {
    "Tỷ lệ đường thôn, liên thôn được cứng hóa": 100,
    "Tỷ lệ hộ nghèo đa chiều": 2,
    "Thu nhập bình quân đầu người": 58,
    "Tỷ lệ người dân tham gia bảo hiểm y tế": 95,
    "Tỷ lệ hộ được sử dụng nước sạch": 60,
    "Tỷ lệ lao động qua đào tạo": 75,
}
# Where the commune was each year, for the measured indicators (the rest: met from 2023).
VALUES = {
    "Tỷ lệ đường thôn, liên thôn được cứng hóa": (82, 91, 97, 100),
    "Tỷ lệ hộ nghèo đa chiều": (2.9, 2.4, 1.8, 1.2),
    "Thu nhập bình quân đầu người": (52, 56, 61, 66),
    "Tỷ lệ người dân tham gia bảo hiểm y tế": (91.5, 93.2, 95.4, 96.1),
    "Tỷ lệ hộ được sử dụng nước sạch": (71, 74, 78, 82),
    "Tỷ lệ lao động qua đào tạo": (70, 73, 76, 79),
}
LATE = {"Xã có ứng dụng công nghệ thông tin trong công tác quản lý, điều hành": 2024}


def _value_for(indicator: Indicator) -> tuple[float, ...] | None:
    for prefix, values in VALUES.items():
        if indicator.name.startswith(prefix):
            return values
    if indicator.kind == IndicatorKind.PERCENT:  # other shares: rising to the threshold
        return (7, 5, 4, 3) if indicator.direction == Direction.AT_MOST else (86, 90, 94, 97)
    return None


def _threshold_for(indicator: Indicator) -> float | None:
    for prefix, value in THRESHOLDS.items():
        if indicator.name.startswith(prefix):
            return value
    if indicator.kind == IndicatorKind.PERCENT:
        return 5 if indicator.direction == Direction.AT_MOST else 90
    return None


def load_ntm_demo(commune: Commune) -> None:
    if Programme.objects.filter(commune=commune).exists():
        return
    sets = {s.code: s for s in services.shipped_sets_ensure()}
    old: CriteriaSet = sets["qd318-2022"]
    for indicator in Indicator.objects.filter(criterion__criteria_set=old):
        value = _threshold_for(indicator)
        if value is not None and not indicator.thresholds.exists():
            services.threshold_save(
                threshold=Threshold(
                    indicator=indicator,
                    applies_to=REGION,
                    value=Decimal(str(value)),
                    confirmed=False,
                    source="Số liệu minh họa của bản chạy thử",
                )
            )
    programme = services.programme_save(
        programme=Programme(
            commune=commune,
            criteria_set=old,
            applies_to=REGION,
            target_level=Level.MODEL,
            target_year=2025,
            started_on=datetime.date(2021, 1, 1),
        )
    )
    responsible = Official.objects.filter(commune=commune, full_name="Hoàng Văn Lợi").first()
    for indicator in Indicator.objects.filter(criterion__criteria_set=old).select_related(
        "criterion"
    ):
        values = _value_for(indicator)
        for index, year in enumerate(YEARS):
            assessment = Assessment(
                programme=programme,
                indicator=indicator,
                year=year,
                responsible=responsible,
                note="Theo báo cáo rà soát cuối năm của Ban quản lý nông thôn mới xã.",
            )
            if indicator.kind == IndicatorKind.PASS_FAIL:
                assessment.passed = year >= LATE.get(indicator.name, 2023)
            elif values is not None:
                assessment.number = Decimal(str(values[index]))
            else:
                continue
            services.assessment_save(assessment=assessment)
    model_set = sets["qd319-2022"]
    candidate = services.programme_save(
        programme=Programme(
            commune=commune,
            criteria_set=model_set,
            applies_to=REGION,
            target_level=Level.MODEL,
            target_year=2025,
            started_on=datetime.date(2023, 1, 1),
        )
    )
    for indicator in Indicator.objects.filter(criterion__criteria_set=model_set):
        assessment = Assessment(programme=candidate, indicator=indicator, year=2025)
        if indicator.kind == IndicatorKind.PASS_FAIL:
            assessment.passed = indicator.criterion.number != 4  # the standout field: not yet
        elif indicator.kind == IndicatorKind.PERCENT:
            assessment.number = Decimal("12.5")
        else:
            assessment.number = Decimal("1")
        services.assessment_save(assessment=assessment)
    services.programme_save(
        programme=Programme(
            commune=commune,
            criteria_set=sets["qd51-2025"],
            applies_to="1",
            target_level=Level.MODERN,
            target_year=2030,
            started_on=datetime.date(2026, 1, 1),
        )
    )
