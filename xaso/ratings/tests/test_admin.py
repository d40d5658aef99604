"""The ratings report in the admin: the right figures per section and page with a decimal
comma, only the user's communes, refused to roles without the permission, a fixed number of
queries; hiding an abusive comment is audited."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from xaso.accounts.audit import COMMUNE_KEY
from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.portal.tests.factories import make_article

from .. import services
from ..models import Rating
from .factories import make_rating

pytestmark = pytest.mark.django_db
URL = "/admin/ratings/"
SCRIPT = '<script>alert("x")</script>'


def _path(page):
    return page.get_url_parts()[2]


def _rate(commune, path, score, token, page=None, comment="", days_ago=0):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return make_rating(
        commune, path=path, page=page, score=score, comment=comment, token=token, day=day
    )


@pytest.fixture
def world(commune, home, category, article, other_commune):
    # The article's section (the category): 5, 4, 4 → average 4,3, 3 of 3 satisfied.
    for number, score in enumerate([5, 4, 4]):
        _rate(commune, _path(article), score, f"t{number}", page=article)
    _rate(commune, _path(article), 1, "old", page=article, days_ago=200)  # outside the period
    # The home page: 2 and 5 → 3,5, 1 of 2 satisfied.
    _rate(commune, "/", 2, "t1", page=home, comment=SCRIPT)
    _rate(commune, "/", 5, "t2", page=home, comment="Trang rất dễ dùng")
    elsewhere = other_commune
    _rate(elsewhere, "/tin-tuc/", 1, "far", comment="Bình luận của xã khác")
    return {"commune": commune, "elsewhere": elsewhere, "article": article, "category": category}


def _soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def _sections(soup):
    rows = {}
    for row in soup.select("#ratings-by-section tbody tr"):
        cells = [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        rows[row["data-section"]] = cells[1:]
    return rows


def test_an_editor_sees_the_figures_of_their_commune(client, world):
    client.force_login(make_staff(commune=world["commune"], role=Role.EDITOR))
    response = client.get(URL)
    assert response.status_code == 200
    soup = _soup(response)
    sections = _sections(soup)
    assert sections == {
        world["category"].title: ["3", "4,3", "100%", "0", "0", "0", "2", "1"],
        "": ["2", "3,5", "50%", "0", "1", "0", "0", "1"],
    }
    pages = {
        row["data-path"]: [c.get_text(strip=True) for c in row.find_all("td")]
        for row in soup.select("#ratings-by-page tbody tr")
    }
    assert pages == {_path(world["article"]): ["3", "4,3"], "/": ["2", "3,5"]}
    link = soup.select_one(f'#ratings-by-page tr[data-path="{_path(world["article"])}"] a')
    assert link.get_text(strip=True) == world["article"].title
    assert link["href"].endswith(_path(world["article"]))
    comments = soup.select("#ratings-comments tbody tr")
    assert len(comments) == 2
    text = response.content.decode()
    assert SCRIPT not in text and "&lt;script&gt;" in text  # escaped
    assert "Bình luận của xã khác" not in text and "/tin-tuc/" not in text
    today = timezone.localdate()
    assert f"{today:%d/%m/%Y}" in comments[0].get_text()


def test_the_period_filter(client, world):
    client.force_login(make_staff(commune=world["commune"], role=Role.AUDITOR))
    start = timezone.localdate() - datetime.timedelta(days=365)
    response = client.get(URL, {"start": f"{start:%d/%m/%Y}", "end": ""})
    assert response.status_code == 200
    assert _sections(_soup(response))[world["category"].title][0] == "4"
    for bad in ({"start": "31/02/2026"}, {"start": "abc", "end": "xyz"},
                {"start": "28/11/2026", "end": "01/01/2026"}):  # fmt: skip
        refused = client.get(URL, bad)
        assert refused.status_code == 200
        assert _sections(_soup(refused))[world["category"].title][0] == "3"  # the default
        assert _soup(refused).select(".error-message")


def test_a_user_of_another_commune_sees_nothing_of_it(client, world):
    client.force_login(make_staff(commune=world["elsewhere"], role=Role.ADMINISTRATOR))
    response = client.get(URL)
    assert response.status_code == 200
    soup = _soup(response)
    assert soup.select_one("[data-total-count]").get_text(strip=True) == "1"
    assert world["category"].title not in _sections(soup)
    assert "Trang rất dễ dùng" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.FEEDBACK_OFFICER, Role.PARTY_OFFICIAL, Role.NTM_OFFICER])
def test_roles_without_the_permission_are_refused(client, world, role):
    client.force_login(make_staff(commune=world["commune"], role=role))
    response = client.get(URL)
    assert response.status_code in (302, 403)
    menu = client.get("/admin/")
    assert URL not in menu.content.decode()


def test_an_administrator_sees_the_menu_item(client, world):
    client.force_login(make_staff(commune=world["commune"], role=Role.ADMINISTRATOR))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert URL in response.content.decode()


def test_the_report_costs_the_same_queries_for_more_pages(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_staff(commune=world["commune"], role=Role.ADMINISTRATOR)
    client.force_login(user)
    client.get(URL)  # warm the caches (permissions, settings)
    with CaptureQueriesContext(connection) as before:
        assert client.get(URL).status_code == 200
    for number in range(8):
        page = make_article(category=world["category"], title=f"Bài {number}", slug=f"bai-{number}")
        _rate(world["commune"], _path(page), 3, f"x{number}", page=page, comment=f"Ý kiến {number}")
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL)
    assert response.status_code == 200
    assert len(_soup(response).select("#ratings-by-page tbody tr")) == 10
    assert len(after) <= len(before)


def test_an_approver_hides_an_abusive_comment_with_an_audit_entry(client, world):
    user = make_staff(commune=world["commune"], role=Role.APPROVER)
    client.force_login(user)
    rating = Rating.objects.get(comment=SCRIPT)
    response = client.post(reverse("ratings_comment_hide", args=[rating.pk]), {"hidden": "1"})
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.comment_hidden
    entry = ModelLogEntry.objects.get(action=services.HIDE_ACTION)
    assert entry.data[COMMUNE_KEY] == world["commune"].pk and entry.user_id == user.pk
    assert "&lt;script&gt;" not in client.get(URL).content.decode()
    far = Rating.objects.get(commune=world["elsewhere"])
    assert client.post(reverse("ratings_comment_hide", args=[far.pk])).status_code == 404


def test_an_editor_may_not_hide_a_comment(client, world):
    client.force_login(make_staff(commune=world["commune"], role=Role.EDITOR))
    rating = Rating.objects.get(comment=SCRIPT)
    response = client.post(reverse("ratings_comment_hide", args=[rating.pk]))
    assert response.status_code in (302, 403)
    rating.refresh_from_db()
    assert not rating.comment_hidden
    assert not ModelLogEntry.objects.filter(action=services.HIDE_ACTION).exists()
