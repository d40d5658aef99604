"""Vietnamese working days: Monday to Friday, except public holidays (given by the caller)."""

from __future__ import annotations

import datetime
from collections.abc import Collection


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
    day = start + datetime.timedelta(days=1)
    while day <= end:
        days += is_working_day(day, holidays)
        day += datetime.timedelta(days=1)
    return days


def add_working_days(
    start: datetime.date, count: int, holidays: Collection[datetime.date]
) -> datetime.date:
    """The `count`-th working day after `start` (the last day a deadline of that many working
    days allows)."""
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        count -= is_working_day(day, holidays)
    return day
