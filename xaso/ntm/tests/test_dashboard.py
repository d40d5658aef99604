"""The New Rural dashboard: each commune's officer sees their own programme only; the criteria ×
status grid with its counts and unconfirmed thresholds; what remains for the target; progress per
year as accessible SVG charts; indicators without evidence or not updated for months; links to
the reports; bad parameters fall back to the defaults."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune
from xaso.testing.clients import log_in_as

from .. import reports
from ..models import Indicator
from ..views import dashboard as views
from .factories import TODAY, dashboard_urls, make_programme, make_set, make_world

D = datetime.date
SVG = "{http://www.w3.org/2000/svg}"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _routes(settings):
    try:
        reverse("ntm_dashboard")
        reverse("ntm_report", args=[1, 2026, "xlsx"])
    except NoReverseMatch:
        settings.ROOT_URLCONF = dashboard_urls.__name__


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(views.timezone, "localdate", lambda *args, **kwargs: TODAY)


def _build_world():
    return make_world()


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


# Reading the page ------------------------------------------------------------------------------


def _page(client, query=""):
    response = client.get(reverse("ntm_dashboard") + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _grid(soup):
    table = soup.find("caption", id="ntm-grid").find_parent("table")
    rows = {}
    for row in table.tbody.find_all("tr"):
        cells = {
            td["data-state"]: int(td.get_text(strip=True))
            for td in row("td", **{"data-state": True})
        }
        rows[int(row["data-criterion"])] = {
            "state": row.select_one(".ntm-status")["data-state"],
            "counts": cells,
            "unconfirmed": [span["data-indicator"] for span in row.select("[data-indicator]")],
        }
    return rows


def _codes(soup, selector):
    return [row["data-indicator"] for row in soup.select(f"{selector} tbody tr")]


def _year_shown(soup):
    return soup.find("select", id="ntm-year").find("option", selected=True)["value"]


# Tests -----------------------------------------------------------------------------------------


def test_the_grid_shows_each_criterions_status_and_its_indicators_by_status(client, world):
    log_in_as(client, world["lien_khe"], Role.NTM_OFFICER)
    soup = _page(client)
    assert _year_shown(soup) == "2027"
    assert _grid(soup) == {
        1: {"state": "met", "counts": {"met": 2, "not_met": 0, "unknown": 0}, "unconfirmed": []},
        2: {
            "state": "not_met",
            "counts": {"met": 1, "not_met": 1, "unknown": 0},
            "unconfirmed": ["2.2"],
        },
        3: {
            "state": "unknown",
            "counts": {"met": 0, "not_met": 0, "unknown": 1},
            "unconfirmed": [],
        },
    }
    totals = {
        row["data-count"]: {td["data-state"]: int(td.get_text(strip=True)) for td in row("td")}
        for row in soup.select(".ntm-counts tbody tr")
    }
    assert totals == {
        "criteria": {"met": 1, "not_met": 1, "unknown": 1},
        "indicators": {"met": 3, "not_met": 1, "unknown": 1},
    }
    # The programme as set up, and the report links for the year shown.
    facts = soup.select_one(".ntm-facts").get_text(" ", strip=True)
    assert "Bộ tiêu chí thử nghiệm 2026 – 2030" in facts and "2028" in facts
    links = {a["href"] for a in soup.select(".ntm-reports a")}
    programme = world["programme"]
    assert links == {
        reverse("ntm_report", args=[programme.pk, 2027, "xlsx"]),
        reverse("ntm_report", args=[programme.pk, 2027, "pdf"]),
    }


def test_an_earlier_year_shows_that_years_state(client, world):
    log_in_as(client, world["lien_khe"], Role.NTM_OFFICER)
    soup = _page(client, "?nam=2026")
    assert _year_shown(soup) == "2026"
    grid = _grid(soup)
    assert grid[1]["state"] == "not_met"  # 85% then
    assert grid[2]["state"] == "unknown"  # the hall met, income not yet entered
    assert grid[2]["counts"] == {"met": 1, "not_met": 0, "unknown": 1}


def test_what_remains_lists_the_criteria_not_met_and_their_open_indicators(client, world):
    log_in_as(client, world["lien_khe"], Role.NTM_OFFICER)
    soup = _page(client)
    remaining = soup.select(".ntm-remaining__criterion")
    assert [int(item["data-criterion"]) for item in remaining] == [2, 3]
    culture, environment = remaining
    assert [row["data-indicator"] for row in culture.select("tbody tr")] == ["2.1"]
    (hall,) = culture.select("tbody tr")
    assert hall.select_one(".ntm-status")["data-state"] == "not_met"
    assert [row["data-indicator"] for row in environment.select("tbody tr")] == ["3.1"]
    assert environment.select_one("tbody .ntm-status")["data-state"] == "unknown"


def test_each_open_indicator_links_to_where_its_value_is_entered(client, world):
    log_in_as(client, world["lien_khe"], Role.NTM_OFFICER)
    soup = _page(client)
    links = {
        row["data-indicator"]: row.select_one("a.ntm-update")
        for row in soup.select(".ntm-remaining tbody tr")
    }
    hall = world["assessments"]["hall"]
    # 2.1 has a 2027 value: corrected on its own screen.
    assert links["2.1"]["href"] == reverse("ntm_assessments:edit", args=[hall.pk])
    # 3.1 has none: a new value, the programme, indicator and year chosen.
    indicator = Indicator.objects.get(criterion__criteria_set=world["set"], code="3.1")
    query = f"?programme={world['programme'].pk}&indicator={indicator.pk}&year=2027"
    assert links["3.1"]["href"] == reverse("ntm_assessments:add") + query
    response = client.get(links["3.1"]["href"])
    assert response.status_code == 200
    form = response.context["form"]
    assert {name: str(form[name].value()) for name in ("programme", "indicator", "year")} == {
        "programme": str(world["programme"].pk),
        "indicator": str(indicator.pk),
        "year": "2027",
    }
    # 1.2's value of 2026 is stale and has no evidence: a 2027 value is entered; evidence is
    # added to the value it lacks it on.
    stale = soup.select_one(".ntm-stale tr[data-indicator='1.2'] a.ntm-update")
    assert stale["href"].startswith(reverse("ntm_assessments:add") + "?")
    evidence = soup.select_one(".ntm-evidence tr[data-indicator='1.2'] a")
    poverty = world["assessments"]["poverty"]
    assert evidence["href"] == reverse("ntm_assessments:edit", args=[poverty.pk])


def test_who_may_only_read_gets_no_links_to_enter_values(client, world):
    user = make_staff(commune=world["lien_khe"], role=Role.AUDITOR)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="ntm", codename__startswith="view_")
    )
    client.force_login(user)
    soup = _page(client)
    assert soup.select(".ntm-remaining tbody tr")  # the open indicators are listed
    assert soup.select("a.ntm-update") == []
    assert soup.select(".ntm-evidence a") == []


def test_indicators_without_evidence_and_not_updated_for_months(client, world, settings):
    log_in_as(client, world["lien_khe"], Role.NTM_OFFICER)
    soup = _page(client)
    # 2027's 1.1 has a record, 2.1 a photo, 2.2 a document (unpublished evidence is evidence
    # still); only 1.2 has none. 1.1's bare value of 2026 is not its latest.
    assert _codes(soup, ".ntm-evidence") == ["1.2"]
    assert _codes(soup, ".ntm-stale") == ["1.2"]
    stale_title = soup.find(id="ntm-stale-title").get_text(strip=True)
    assert "6" in stale_title
    settings.XASO_NTM_STALE_MONTHS = 24
    assert _codes(_page(client), ".ntm-stale") == []


def test_the_progress_charts_count_criteria_and_indicators_met_per_year(client, world):
    log_in_as(client, world["lien_khe"], Role.NTM_OFFICER)
    soup = _page(client)
    figures = soup.select(".ntm-charts figure")
    assert len(figures) == 2
    tables = []
    for figure in figures:
        svg = ET.fromstring(str(figure.find("svg")))  # noqa: S314 — our own output
        assert svg.get("role") == "img"
        assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
        assert svg.get("aria-labelledby") == svg.find(f"{SVG}title").get("id")
        table = figure.find("table")
        assert [th.get_text(strip=True) for th in table.thead("th")] == ["2026", "2027"]
        tables.append([td.get_text(strip=True) for td in table.tbody("td")])
    criteria_met, indicators_met = tables
    assert criteria_met == ["0", "1"]  # 2026: none; 2027: transport
    assert indicators_met == ["2", "3"]  # 2026: 1.2, 2.1; 2027: 1.1, 1.2, 2.2


def test_each_commune_sees_only_its_own_programme(client, world):
    log_in_as(client, world["luu_kiem"], Role.NTM_OFFICER)
    soup = _page(client)
    grid = _grid(soup)
    assert grid[1] == {
        "state": "not_met",
        "counts": {"met": 0, "not_met": 1, "unknown": 1},
        "unconfirmed": ["1.1"],  # no threshold is set for group 3
    }
    assert grid[2]["state"] == "unknown"
    assert soup.find("select", id="ntm-programme") is None  # one programme: no choice
    assert "Liên Khê" not in soup.select_one(".ntm-facts").get_text()
    links = {a["href"] for a in soup.select(".ntm-reports a")}
    assert reverse("ntm_report", args=[world["other"].pk, 2027, "pdf"]) in links

    # Asking for the other commune's programme shows one's own.
    log_in_as(client, world["lien_khe"], Role.NTM_OFFICER)
    soup = _page(client, f"?ct={world['other'].pk}")
    assert "Liên Khê" in soup.select_one(".ntm-facts").get_text()
    assert _grid(soup)[1]["state"] == "met"


def test_a_superuser_picks_among_the_programmes(client, world, django_user_model):
    admin = django_user_model.objects.create_superuser("tinh", "t@example.com", "mat-khau-123")
    client.force_login(admin)
    later = make_programme(world["luu_kiem"], make_set("ntm-bang-moi"), started_on="2026-06-01")
    soup = _page(client)
    options = soup.find("select", id="ntm-programme").find_all("option")
    assert len(options) == 3
    assert soup.find("select", id="ntm-programme").find("option", selected=True)["value"] == str(
        later.pk
    )  # the latest started
    soup = _page(client, f"?ct={world['programme'].pk}&nam=2027")
    assert _grid(soup)[2]["unconfirmed"] == ["2.2"]


def test_a_commune_without_a_programme_is_told_so(client, db):
    log_in_as(client, make_commune(name="Kiền Bái"), Role.NTM_OFFICER)
    soup = _page(client)
    assert soup.select(".ntm-grid") == [] and soup.select_one(".ntm-note")


@pytest.mark.parametrize(
    "query", ["?nam=abc", "?nam=1999", "?nam=3000", "?nam=-1", "?nam=", "?ct=x&nam=20261", "?ct=-5"]
)
def test_bad_parameters_show_the_defaults(client, world, query):
    log_in_as(client, world["lien_khe"], Role.NTM_OFFICER)
    soup = _page(client, query)
    assert _year_shown(soup) == "2027"
    assert _grid(soup)[1]["state"] == "met"


def test_without_the_permission_the_dashboard_is_refused(client, rf, world):
    editor = log_in_as(client, world["lien_khe"], Role.EDITOR)
    response = client.get(reverse("ntm_dashboard"))
    assert response.status_code in (302, 403)  # the admin turns a refusal into a redirect
    request = rf.get("/admin/ntm/")
    request.user = editor
    with pytest.raises(PermissionDenied):
        views.dashboard(request)
    client.logout()
    assert client.get(reverse("ntm_dashboard")).status_code in (302, 403)


def test_the_year_range_and_months_arithmetic():
    moment = datetime.datetime(2027, 8, 31, 12, tzinfo=datetime.UTC)
    assert views.months_before(moment, 6) == datetime.datetime(2027, 2, 28, 12, tzinfo=datetime.UTC)
    assert views.months_before(moment, 8).date() == D(2026, 12, 31)
    assert views.months_before(moment, 0) == moment
    assert reports.default_year(range(2021, 2026), TODAY) == 2025
    assert reports.default_year(range(2026, 2031), D(2024, 1, 1)) == 2026
