"""The ratings report for the province's roles: every commune by default, one commune at a
time by choice; a commune's staff never get another commune's ratings, whatever they ask."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_province_viewer, make_staff
from xaso.testing.clients import commune_choices, log_in_province

from .factories import make_rating

pytestmark = pytest.mark.django_db
URL = "/admin/ratings/"
FAR_COMMENT = "Bình luận của xã bên cạnh"


@pytest.fixture
def two_communes(commune, other_commune):
    """Two ratings (5 and 3) in `commune`, one (1, with a comment) in `other_commune`."""
    today = timezone.localdate() - datetime.timedelta(days=1)
    make_rating(commune, score=5, token="a", day=today)
    make_rating(commune, score=3, token="b", day=today)
    make_rating(other_commune, score=1, token="c", day=today, comment=FAR_COMMENT)
    return commune, other_commune


def _total(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one("[data-total-count]").get_text(strip=True)


@pytest.mark.parametrize("who", ["viewer", "administrator"])
def test_the_province_picks_one_commune(client, two_communes, who):
    commune, other = two_communes
    log_in_province(client, who)
    every = client.get(URL)
    assert every.status_code == 200
    assert _total(every) == "3"  # all the communes by default
    assert set(commune_choices(every)) >= {"", str(commune.pk), str(other.pk)}
    mine = client.get(URL, {"xa": commune.pk})
    assert _total(mine) == "2" and FAR_COMMENT not in mine.content.decode()
    assert mine.context["totals"]["average"] == 4
    far = client.get(URL, {"xa": other.pk})
    assert _total(far) == "1" and FAR_COMMENT in far.content.decode()
    assert f'<option value="{other.pk}" selected>' in far.content.decode()
    # The choice is kept with the period.
    assert _total(client.get(URL, {"xa": other.pk, "start": "", "end": ""})) == "1"


def test_a_commune_user_never_gets_another_communes_ratings(client, two_communes):
    commune, other = two_communes
    client.force_login(make_staff(commune=commune, role=Role.EDITOR))
    own = client.get(URL)
    assert _total(own) == "2" and commune_choices(own) == []  # one commune: no choice
    for wanted in (other.pk, "999999", "x"):
        response = client.get(URL, {"xa": wanted})
        assert response.status_code == 200
        assert _total(response) == "2"
        assert FAR_COMMENT not in response.content.decode()
        shown = [str(m).strip() for m in response.context["messages"]]
        assert shown == [
            _("That commune is not one you may see; your communes' figures are shown.")
        ]


def test_the_rollups_link_to_each_communes_reports(client, two_communes, django_user_model):
    commune, _other = two_communes
    client.force_login(make_province_viewer())
    soup = BeautifulSoup(client.get("/admin/province/communes/").content.decode(), "html.parser")
    row = soup.select_one(f'tr[data-commune="{commune.slug}"]')
    links = [a["href"] for a in row.select("td:last-child a")]
    assert f"{reverse('ratings_report')}?xa={commune.pk}" in links
    assert f"{reverse('feedback_dashboard')}?xa={commune.pk}" in links
    assert _total(client.get(f"{reverse('ratings_report')}?xa={commune.pk}")) == "2"
