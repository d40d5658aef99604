import datetime
import zoneinfo

from django.template import Context, Template
from django.utils import timezone

from xaso.core.templatetags.xaso_tags import html_datetime

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_html_datetime_is_to_the_second_in_the_sites_time_zone():
    moment = datetime.datetime(2026, 3, 5, 1, 2, 3, 456789, tzinfo=datetime.UTC)
    with timezone.override(HANOI):
        assert html_datetime(moment) == "2026-03-05T08:02:03+07:00"
        assert (
            Template("{% load xaso_tags %}{{ moment|html_datetime }}").render(
                Context({"moment": moment})
            )
            == "2026-03-05T08:02:03+07:00"
        )


def test_html_datetime_of_a_date_and_of_nothing():
    assert html_datetime(datetime.date(2026, 3, 5)) == "2026-03-05"
    assert html_datetime(None) == "" and html_datetime("") == ""
