"""Disclosure rules: working days, the 5-day warning, the posting period, the quarterly list."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from xaso.core.calendar import add_working_days, working_days_after
from xaso.disclosures import selectors, services
from xaso.disclosures.choices import Channel
from xaso.disclosures.models import DisclosureIndexPage, DisclosureKind, Holiday

from .factories import make_disclosure

D = datetime.date


def test_working_days_skip_weekends_and_holidays():
    friday = D(2026, 11, 27)
    assert working_days_after(friday, D(2026, 11, 28), set()) == 0  # Saturday
    assert working_days_after(friday, D(2026, 11, 30), set()) == 1  # Monday
    assert working_days_after(friday, D(2026, 12, 4), set()) == 5
    assert working_days_after(friday, D(2026, 12, 4), {D(2026, 12, 1)}) == 4
    assert working_days_after(friday, friday, set()) == 0
    assert add_working_days(friday, 5, set()) == D(2026, 12, 4)
    assert add_working_days(friday, 5, {D(2026, 12, 1)}) == D(2026, 12, 7)


pytestmark = pytest.mark.django_db


def test_the_five_working_day_warning_counts_weekends_and_a_configured_holiday(commune):
    decided = D(2026, 8, 27)  # Thursday; 2/9 (Wednesday) is a holiday loaded by migration
    on_time = make_disclosure(commune=commune, decided=decided, published=D(2026, 9, 3))
    # Fri 28, Mon 31, Tue 1, (Wed 2 holiday), Thu 3: four working days
    assert (on_time.working_days, on_time.late) == (4, False) and on_time.warning() is None
    edge = make_disclosure(commune=commune, decided=decided, published=D(2026, 9, 4))
    assert (edge.working_days, edge.late) == (5, False)
    late = make_disclosure(commune=commune, decided=decided, published=D(2026, 9, 7))
    assert (late.working_days, late.late) == (6, True)
    assert "6 ngày làm việc" in late.warning()
    Holiday.objects.create(date=D(2026, 9, 1), name="Nghỉ bù")  # the Government moves a day
    again = make_disclosure(commune=commune, decided=decided, published=D(2026, 9, 7))
    assert (again.working_days, again.late) == (5, False)


def test_the_posting_period_is_at_least_the_kinds_minimum(commune):
    saved = make_disclosure(commune=commune, decided=D(2026, 10, 1), published=D(2026, 10, 2))
    assert saved.disclosure.posted_until == D(2026, 10, 31)  # 30 days, the day itself included
    with pytest.raises(ValidationError) as error:
        make_disclosure(
            commune=commune,
            decided=D(2026, 10, 1),
            published=D(2026, 10, 2),
            posted_until=D(2026, 10, 20),
        )
    assert "30" in str(error.value.message_dict["posted_until"])
    permanent = make_disclosure(
        commune=commune, kind=13, decided=D(2026, 10, 1), published=D(2026, 10, 2)
    )
    assert permanent.disclosure.posted_until is None


def test_a_disclosure_cannot_come_before_its_decision(commune):
    with pytest.raises(ValidationError):
        make_disclosure(commune=commune, decided=D(2026, 10, 5), published=D(2026, 10, 1))


def test_the_portal_is_always_a_channel_and_unknown_channels_are_refused(commune):
    saved = make_disclosure(
        commune=commune,
        decided=D(2026, 10, 1),
        published=D(2026, 10, 2),
        channels=[Channel.LOUDSPEAKER, Channel.LOUDSPEAKER],
    )
    assert saved.disclosure.channels == [Channel.PORTAL, Channel.LOUDSPEAKER]
    with pytest.raises(ValidationError):
        make_disclosure(
            commune=commune, decided=D(2026, 10, 1), published=D(2026, 10, 2), channels=["fax"]
        )


def test_the_quarterly_list_holds_exactly_that_quarters_disclosures(commune):
    from xaso.communes.tests.factories import make_commune

    dates = [D(2026, 6, 30), D(2026, 7, 1), D(2026, 8, 15), D(2026, 9, 30), D(2026, 10, 1)]
    for day in dates:
        make_disclosure(commune=commune, title=f"Công khai {day:%d/%m}", decided=day, published=day)
    hidden = make_disclosure(
        commune=commune, title="Bản nháp", decided=D(2026, 8, 1), published=D(2026, 8, 1)
    ).disclosure
    hidden.is_public = False
    hidden.save()
    make_disclosure(
        commune=make_commune(), title="Xã khác", decided=D(2026, 8, 2), published=D(2026, 8, 2)
    )
    third = selectors.quarterly_disclosures(commune=commune, year=2026, quarter=3)
    assert [item.title for item in third] == [
        "Công khai 01/07",
        "Công khai 15/08",
        "Công khai 30/09",
    ]
    assert selectors.quarter_bounds(2026, 4) == (D(2026, 10, 1), D(2026, 12, 31))
    assert selectors.disclosure_quarters(commune=commune) == [(2026, 4), (2026, 3), (2026, 2)]


def test_every_commune_gets_its_disclosures_page_and_the_fourteen_kinds_exist(commune):
    page = selectors.index_page(commune=commune)
    assert isinstance(page, DisclosureIndexPage) and page.slug == "cong-khai"
    assert DisclosureKind.objects.count() == 14
    assert set(DisclosureKind.objects.filter(permanent=True).values_list("number", flat=True)) == {
        4,
        13,
    }
    services.required_pages_ensure(commune=commune)
    assert DisclosureIndexPage.objects.count() == 1


def test_the_holidays_kept_here_are_those_core_counts_working_days_with():
    from xaso.core import calendar

    Holiday.objects.get_or_create(date=D(2026, 9, 2), defaults={"name": "Quốc khánh"})
    assert D(2026, 9, 2) in calendar.holidays_between(D(2026, 9, 1), D(2026, 9, 3))
    assert calendar.working_days_later(D(2026, 9, 1), 1) == D(2026, 9, 3)
