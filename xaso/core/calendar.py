"""The calendar the law counts in: quarters, and Vietnamese working days (Monday to Friday,
except public holidays).

The holidays are kept by an app above core (disclosures' list, which the province keeps): it
registers a source in its `apps.py` `ready()` (`register_holiday_source`), and every app asks
core (`holidays_between`, `working_days_between`, `working_days_later`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection

ONE_DAY = datetime.timedelta(days=1)

HolidaySource = Callable[[datetime.date, datetime.date], Collection[datetime.date]]
_holiday_sources: list[HolidaySource] = []


# Quarters ------------------------------------------------------------------------------------


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return quarter_start(year, quarter + 1) - ONE_DAY


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a quarter (1–4)."""
    return quarter_start(year, quarter), quarter_end(year, quarter)


# Public holidays -----------------------------------------------------------------------------


def register_holiday_source(source: HolidaySource) -> None:
    """`source(start, end)` gives the public holidays after `start`, up to and including `end`."""
    if source not in _holiday_sources:
        _holiday_sources.append(source)


def holidays_between(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """The public holidays after `start`, up to and including `end`."""
    days: set[datetime.date] = set()
    for source in _holiday_sources:
        days.update(source(start, end))
    return days


# Working days --------------------------------------------------------------------------------


def is_working_day(day: datetime.date, holidays: Collection[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def working_days_after(
    start: datetime.date, end: datetime.date, holidays: Collection[datetime.date]
) -> int:
    """How many working days fall after `start`, up to and including `end` (0 if `end` is not
    after `start`): published on the next working day after a decision is 1 day."""
    if end <= start:
        return 0
    days = 0
    day = start + ONE_DAY
    while day <= end:
        days += is_working_day(day, holidays)
        day += ONE_DAY
    return days


def add_working_days(
    start: datetime.date, count: int, holidays: Collection[datetime.date]
) -> datetime.date:
    """The `count`-th working day after `start` (the last day a deadline of that many working
    days allows)."""
    day = start
    while count > 0:
        day += ONE_DAY
        count -= is_working_day(day, holidays)
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """`working_days_after` with the registered public holidays."""
    return working_days_after(start, end, holidays_between(start, end))


def working_days_later(start: datetime.date, days: int) -> datetime.date:
    """`add_working_days` with the registered public holidays: the last day of a deadline of
    `days` working days from `start`."""
    # Weekends and holidays never make a deadline more than three times as long, plus Tết.
    end = start + datetime.timedelta(days=days * 3 + 30)
    return add_working_days(start, days, holidays_between(start, end))
