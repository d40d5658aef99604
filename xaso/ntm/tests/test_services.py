"""Met or not met for each indicator kind and direction, by group or region; a criterion met
only when all its indicators are; sets are versions, never rewritten."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from .. import selectors, services
from ..choices import Direction, IndicatorKind
from ..models import Assessment, CriteriaSet, Indicator, Programme, Threshold

pytestmark = pytest.mark.django_db


def _set(code="thu-nghiem", basis="group", criteria=None):
    return services.criteria_set_load(
        data={
            "code": code,
            "name": f"Bộ tiêu chí {code}",
            "level": "standard",
            "basis": basis,
            "first_year": 2026,
            "last_year": 2030,
            "criteria": criteria
            or [
                {
                    "name": "Giao thông",
                    "indicators": [
                        {
                            "name": "Tỷ lệ đường thôn được cứng hóa",
                            "kind": "percent",
                            "thresholds": {
                                "1": {"value": 100, "confirmed": True},
                                "2": {"value": 90, "confirmed": True},
                                "3": {"value": 70},
                            },
                        },
                        {
                            "name": "Tỷ lệ hộ nghèo đa chiều",
                            "kind": "percent",
                            "direction": "at_most",
                            "thresholds": {"*": {"value": 3, "confirmed": True}},
                        },
                    ],
                },
                {
                    "name": "Văn hóa",
                    "indicators": [
                        {"name": "Có nhà văn hóa xã", "kind": "pass_fail"},
                        {
                            "name": "Xếp loại thôn văn hóa",
                            "kind": "level",
                            "levels": "Chưa đạt|Đạt|Tiêu biểu",
                            "thresholds": {"*": {"level": "Đạt", "confirmed": True}},
                        },
                        {
                            "name": "Thu nhập bình quân đầu người",
                            "kind": "number",
                            "unit": "triệu đồng",
                            "thresholds": {"2": {"value": 75}},
                        },
                    ],
                },
            ],
        }
    )


def _programme(commune, criteria_set, applies_to="2"):
    return services.programme_save(
        programme=Programme(
            commune=commune,
            criteria_set=criteria_set,
            applies_to=applies_to,
            target_level="standard",
            target_year=2028,
            started_on="2026-01-01",
        )
    )


def _assess(programme, code, year=2026, **value):
    indicator = Indicator.objects.get(criterion__criteria_set=programme.criteria_set, code=code)
    return services.assessment_save(
        assessment=Assessment(programme=programme, indicator=indicator, year=year, **value)
    )


@pytest.mark.parametrize(
    ("group", "value", "met"),
    [("1", 95, False), ("1", 100, True), ("2", 90, True), ("2", 89.5, False), ("3", 70, True)],
)
def test_a_percentage_at_least_depends_on_the_group(commune, group, value, met):
    programme = _programme(commune, _set(), group)
    assert _assess(programme, "1.1", number=Decimal(str(value))).met is met


@pytest.mark.parametrize(("value", "met"), [(2, True), (3, True), (3.1, False)])
def test_a_percentage_at_most(commune, value, met):
    programme = _programme(commune, _set())
    assert _assess(programme, "1.2", number=Decimal(str(value))).met is met


def test_pass_fail_level_and_number(commune):
    programme = _programme(commune, _set())
    assert _assess(programme, "2.1", passed=True).met is True
    assert _assess(programme, "2.2", level="Tiêu biểu").met is True
    assert _assess(programme, "2.2", year=2027, level="Chưa đạt").met is False
    income = _assess(programme, "2.3", number=Decimal("80"))
    assert income.met is True and income.threshold_confirmed is False  # shown as unconfirmed


def test_regions_thresholds(commune):
    criteria_set = _set(
        code="vung",
        basis="region",
        criteria=[
            {
                "name": "Thu nhập",
                "indicators": [
                    {
                        "name": "Thu nhập bình quân",
                        "kind": "number",
                        "thresholds": {
                            "red_river_delta": {"value": 60, "confirmed": True},
                            "northern_mountains": {"value": 45, "confirmed": True},
                        },
                    }
                ],
            }
        ],
    )
    delta = _programme(commune, criteria_set, "red_river_delta")
    assert _assess(delta, "1.1", number=Decimal("50")).met is False
    from xaso.communes.tests.factories import make_commune

    mountain = _programme(make_commune(name="Bản Lầu"), criteria_set, "northern_mountains")
    assert _assess(mountain, "1.1", number=Decimal("50")).met is True
    with pytest.raises(ValidationError):
        _programme(make_commune(name="Nhóm sai"), criteria_set, "2")  # a group, not a region


def test_a_criterion_is_met_only_when_all_its_indicators_are(commune):
    programme = _programme(commune, _set())
    _assess(programme, "1.1", number=Decimal("95"))
    _assess(programme, "1.2", number=Decimal("5"))  # too many poor households
    summary = selectors.programme_summary(programme, 2026)
    transport = summary.criteria[0]
    assert transport.met is False and summary.met_count == 0
    _assess(programme, "1.2", year=2027, number=Decimal("2"))
    _assess(programme, "1.1", year=2027, number=Decimal("95"))
    assert selectors.programme_summary(programme, 2027).criteria[0].met is True
    # Culture has no values yet: neither met nor failed, and counted as remaining.
    later = selectors.programme_summary(programme, 2027)
    assert later.criteria[1].met is None and later.met_count == 1
    assert [c.criterion.name for c in later.remaining] == ["Văn hóa"]


def test_values_are_checked(commune):
    programme = _programme(commune, _set())
    with pytest.raises(ValidationError):
        _assess(programme, "1.1", number=Decimal("120"))
    with pytest.raises(ValidationError):
        _assess(programme, "2.2", level="Xuất sắc")
    with pytest.raises(ValidationError):
        _assess(programme, "2.1")  # met or not must be said


def test_a_new_set_does_not_change_old_assessments(commune):
    old_set = _set(code="cu")
    old = _programme(commune, old_set)
    kept = _assess(old, "1.1", number=Decimal("91"))
    new_set = _set(code="moi")
    Threshold.objects.filter(
        indicator__criterion__criteria_set=new_set, applies_to="2", indicator__code="1.1"
    ).update(value=95)
    new = _programme(commune, new_set)
    assert _assess(new, "1.1", number=Decimal("91")).met is False
    assert Assessment.objects.get(pk=kept.pk).met is True
    with pytest.raises(ValidationError):  # the same code again is refused, never overwritten
        _set(code="cu")
    with pytest.raises(ValidationError):  # an indicator of another set
        services.assessment_save(
            assessment=Assessment(
                programme=old,
                indicator=Indicator.objects.get(criterion__criteria_set=new_set, code="1.1"),
                year=2026,
                number=Decimal("99"),
            )
        )


def test_confirming_a_threshold_re_evaluates(commune):
    programme = _programme(commune, _set())
    income = _assess(programme, "2.3", number=Decimal("70"))
    assert income.met is False
    threshold = Threshold.objects.get(indicator=income.indicator, applies_to="2")
    threshold.value, threshold.confirmed = Decimal("65"), True
    services.threshold_save(threshold=threshold)
    income.refresh_from_db()
    assert income.met is True and income.threshold_confirmed is True


def test_the_shipped_sets_load(db):
    sets = {s.code: s for s in CriteriaSet.objects.all()}
    assert {"qd318-2022", "qd319-2022", "qd51-2025"} <= set(sets)
    assert sets["qd318-2022"].criteria.count() == 19
    assert sets["qd51-2025"].criteria.count() == 10
    assert Indicator.objects.filter(
        criterion__criteria_set=sets["qd318-2022"],
        kind=IndicatorKind.PERCENT,
        direction=Direction.AT_MOST,
    ).exists()
    # Nothing unconfirmed is passed off as confirmed.
    assert not Threshold.objects.filter(
        indicator__criterion__criteria_set=sets["qd318-2022"], confirmed=True
    ).exists()
