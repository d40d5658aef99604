"""Quarters, and working days counted with the public holidays a higher app registers."""

from __future__ import annotations

import datetime

import pytest

from xaso.core import calendar

D = datetime.date


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [(1, D(2024, 1, 1), D(2024, 3, 31)), (2, D(2024, 4, 1), D(2024, 6, 30)),
     (3, D(2024, 7, 1), D(2024, 9, 30)), (4, D(2024, 10, 1), D(2024, 12, 31))],
)  # fmt: skip
def test_quarters(quarter, first, last):
    assert calendar.quarter_bounds(2024, quarter) == (first, last)
    assert calendar.quarter_start(2024, quarter) == first
    assert calendar.quarter_end(2024, quarter) == last
    assert calendar.quarter_of(first) == calendar.quarter_of(last) == quarter


def test_working_days_skip_weekends_and_the_registered_holidays(monkeypatch):
    monkeypatch.setattr(calendar, "_holiday_sources", [])
    friday = D(2026, 8, 28)
    assert calendar.working_days_later(friday, 1) == D(2026, 8, 31)
    assert calendar.working_days_between(friday, D(2026, 9, 4)) == 5
    calendar.register_holiday_source(lambda start, end: {D(2026, 9, 1), D(2026, 9, 2)})
    calendar.register_holiday_source(lambda start, end: [D(2026, 8, 31)] if start < end else [])
    assert calendar.holidays_between(friday, D(2026, 9, 4)) == {
        D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)
    }  # fmt: skip
    assert calendar.working_days_later(friday, 1) == D(2026, 9, 3)
    assert calendar.working_days_between(friday, D(2026, 9, 4)) == 2
