"""The campaign's public page and API: created once per campaign; totals, segments, hamlets and
the map's segments as aggregates only; the honour board of consented names; the contributions
disclosed; a campaign not published shows no figure; each commune sees only its own; hostile
ids answer 404; queries do not grow with the number of households; cached pages follow."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune

from .. import public, services
from ..choices import PIPELINE, Status
from ..models import Campaign, Household
from ..pages import CampaignPage
from .factories import LINE, make_campaign, make_household, make_public_world, walk

pytestmark = pytest.mark.django_db
API = "/api/v1/campaigns/"
# Figures personal to a household: none may reach a public page or the API.
PERSONAL_FIELDS = ("address", "phone", "parcel_ref")


def _build_world() -> dict[str, Any]:
    return make_public_world()


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world: Any) -> dict[str, Any]:
    return shared_world


def _soup(client: Any, url: str, host: str | None = None) -> BeautifulSoup:
    extra = {"HTTP_HOST": host} if host else {}
    response = client.get(url, **extra)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _page_url(world: dict[str, Any]) -> str:
    return world["page"].get_url(None)


def _figure(soup: BeautifulSoup, scope: str, name: str) -> dict[str, Decimal]:
    """A figure's numbers, as data (the text around them is translated)."""
    tag = soup.select_one(f"{scope} [data-figure='{name}']")
    assert tag is not None
    keys = ("data-value", "data-of", "data-percent")
    return {key[5:]: Decimal(tag[key]) for key in keys if tag.has_attr(key)}


def _features(soup: BeautifulSoup, campaign: Campaign) -> dict[str, Any]:
    script = soup.find("script", id=f"ban-do-{campaign.pk}-data")
    assert script is not None
    return json.loads(script.get_text())


# The page, once per campaign ------------------------------------------------------------------


def test_each_campaign_gets_one_live_page_under_its_communes_home(world):
    page = world["page"]
    home = world["commune"].site.root_page
    assert page.live and page.get_parent().pk == home.pk
    assert page.title == "Hiến đất mở rộng đường trục xã"
    assert page.slug == "hien-dat-mo-rong-duong-truc-xa"  # đ kept as d
    assert public.campaign_page_ensure(campaign=world["campaign"]).pk == page.pk
    assert CampaignPage.objects.filter(campaign=world["campaign"]).count() == 1


def test_a_second_campaign_folding_to_the_same_slug_gets_its_own(world):
    twin = make_campaign(commune=world["commune"], name="Hiến đất mở rộng đường trục xa")
    page = public.campaign_page_ensure(campaign=twin)
    assert page.slug == "hien-dat-mo-rong-duong-truc-xa-2"
    assert page.get_parent().pk == world["page"].get_parent().pk


def test_creating_the_page_is_checked_against_the_users_permissions(world):
    campaign = make_campaign(commune=world["commune"])
    auditor = make_staff(commune=world["commune"], role=Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        public.campaign_page_ensure(user=auditor, campaign=campaign)
    assert not CampaignPage.objects.filter(campaign=campaign).exists()


def test_the_admin_form_offers_only_the_communes_campaigns(world, django_user_model):
    other = make_public_world(make_commune(name="Lưu Kiếm"), with_page=False)
    form_class = CampaignPage.get_edit_handler().get_form_class()
    home = world["commune"].site.root_page
    admin = django_user_model.objects.create_superuser("tinh", "t@example.com", "x")
    new = form_class(instance=CampaignPage(), parent_page=home, for_user=admin)
    assert list(new.fields["campaign"].queryset) == [world["campaign"]]
    existing = form_class(instance=world["page"], parent_page=home, for_user=admin)
    assert list(existing.fields["campaign"].queryset) == [world["campaign"]]
    assert other["campaign"] not in existing.fields["campaign"].queryset


# What the page shows --------------------------------------------------------------------------


def test_the_page_shows_the_totals(client, world):
    soup = _soup(client, _page_url(world))
    assert soup.h1.get_text(strip=True) == "Hiến đất mở rộng đường trục xã"
    totals = ".campaign-totals"
    # Six households; four agreed or further; 40 m² of 120 handed over; 20 m of 60 cleared.
    assert _figure(soup, totals, "taking-part") == {"value": 4, "of": 6}
    assert _figure(soup, totals, "area") == {
        "value": 40,
        "of": 120,
        "percent": 33,
    }
    assert _figure(soup, totals, "cleared") == {
        "value": 20,
        "of": 60,
        "percent": 33,
    }
    bars = soup.select(".campaign-totals progress")
    assert [bar["value"] for bar in bars] == ["33", "33"]
    assert all(bar.get("aria-labelledby") for bar in bars)
    text = soup.select_one(".campaign-totals").get_text(" ", strip=True)
    assert "40 " in text and "120 m²" in text
    assert "31/12/2026" in soup.select_one(".facts").get_text()


def test_the_segment_table_is_the_maps_text_alternative(client, world):
    soup = _soup(client, _page_url(world))
    rows = {row["data-segment"]: row for row in soup.select(".campaign-segments tbody tr")}
    assert list(rows) == ["D1", "D2", "D3"]

    def cell(code: str, name: str) -> str:
        return rows[code].select_one(f".campaign-{name}").get_text(" ", strip=True)

    assert rows["D1"].th.get_text(strip=True) == "D1 – Cổng làng – cầu Đá"
    assert cell("D1", "length") == "1000" and cell("D2", "length") == "800"
    assert cell("D1", "width") == "3,5 → 6,5"
    assert cell("D1", "taking-part") == "3 / 3"
    assert cell("D1", "area") == "40 / 60"
    assert cell("D1", "cleared") == "20 / 30"
    assert cell("D1", "percent") == "66%"
    assert cell("D2", "taking-part") == "1 / 2" and cell("D2", "percent") == "0%"
    assert cell("D3", "taking-part") == "0 / 1"
    # Every column header of the table is what a screen reader announces for each cell.
    headers = [th.get_text(strip=True) for th in soup.select(".campaign-segments thead th")]
    labels = [td["data-label"] for td in rows["D1"].select("td")]
    assert labels == headers[1:]


def test_the_map_holds_the_segments_with_a_route_and_nothing_else(client, world):
    soup = _soup(client, _page_url(world))
    campaign = world["campaign"]
    element = soup.select_one("[data-campaign-map]")
    assert element is not None
    assert element["data-features"] == f"ban-do-{campaign.pk}-data"
    assert element["data-tiles"] == ""  # the test settings: no background, no network
    assert element.select_one("[data-map-fallback]") is not None  # said without JavaScript
    data = _features(soup, campaign)
    assert data["type"] == "FeatureCollection"
    features = {feature["properties"]["code"]: feature for feature in data["features"]}
    assert list(features) == ["D1", "D2"]  # D3 has no route
    assert {feature["geometry"]["type"] for feature in data["features"]} == {"LineString"}
    assert features["D1"]["geometry"]["coordinates"] == LINE["coordinates"]
    properties = features["D1"]["properties"]
    assert set(properties) == {
        "code",
        "name",
        "label",
        "percent",
        "colour",
        "households",
        "taking_part",
        "area_donated",
        "area_needed",
    }
    assert (properties["percent"], properties["taking_part"], properties["households"]) == (
        66,
        3,
        3,
    )
    assert properties["area_donated"] == 40 and properties["colour"] == public.segment_colour(66)
    assert "D1" in properties["label"] and "66%" in properties["label"]
    # The legend says each colour in words.
    legend = soup.select("[data-map-legend] li")
    assert [item["data-colour"] for item in legend] == [colour for _start, colour in public.SCALE]
    assert all(item.get_text(strip=True) for item in legend)
    assert len(soup.select("script[src$='leaflet.js']")) == 1
    assert len(soup.select("script[src$='campaigns/map.js']")) == 1


def test_colours_follow_the_bands():
    assert public.segment_colour(0) == public.SCALE[0][1]
    assert public.segment_colour(24) == public.SCALE[0][1]
    assert public.segment_colour(25) == public.SCALE[1][1]
    assert public.segment_colour(99) == public.SCALE[3][1]
    assert public.segment_colour(100) == public.SCALE[4][1]
    assert [band["dashed"] for band in public.map_legend()] == [True, False, False, False, False]


def test_without_any_route_the_page_says_so_and_draws_no_map(client, world):
    for segment in world["segments"]:
        segment.geometry = None
        services.segment_save(segment=segment)
    soup = _soup(client, _page_url(world))
    assert soup.select("[data-campaign-map]") == []
    assert soup.select("script[src$='leaflet.js']") == []
    assert len(soup.select(".campaign-segments tbody tr")) == 3


def test_the_hamlet_table(client, world):
    soup = _soup(client, _page_url(world))
    rows = soup.select(".campaign-hamlets tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == ["Thôn Đông", "Thôn Tây"]
    east, west = rows
    assert east.select_one(".campaign-taking-part").get_text(strip=True) == "2 / 3"
    assert east.select_one(".campaign-area").get_text(" ", strip=True) == "40 / 60"
    assert west.select_one(".campaign-taking-part").get_text(strip=True) == "2 / 3"
    assert west.select_one(".campaign-percent").get_text(strip=True) == "0%"


def test_the_honour_board_names_only_households_that_consented_and_signed(client, world):
    soup = _soup(client, _page_url(world))
    lines = [line.get_text(" ", strip=True) for line in soup.select(".campaign-honour__line")]
    assert len(lines) == 2
    assert lines[0].startswith("Trần Văn Vinh") and "Thôn Đông" in lines[0] and "20" in lines[0]
    assert lines[1].startswith("Đỗ Văn Hứa") and "Thôn Tây" in lines[1]
    html = str(soup)
    # Not consented (cleared, refused, waiting) or consented but not yet signed (agreed).
    for name in ("Lê Thị Kín", "Hoàng Văn Từ", "Phan Thị Chờ", "Vũ Thị Sớm"):
        assert name not in html


def test_withdrawn_consent_takes_the_name_off(client, world):
    household = world["households"]["recorded"]
    household.honour_consent = False
    services.household_save(household=household)
    soup = _soup(client, _page_url(world))
    assert "Trần Văn Vinh" not in str(soup)
    assert len(soup.select(".campaign-honour__line")) == 1


def test_the_contributions_are_disclosed(client, world):
    household = world["households"]["recorded"]
    household.support_kind = "cash"
    household.support_amount = 2_500_000
    services.household_save(household=household)
    soup = _soup(client, _page_url(world))
    scope = ".campaign-contributions"
    assert _figure(soup, scope, "households")["value"] == 2
    assert _figure(soup, scope, "area")["value"] == 40
    assert _figure(soup, scope, "walls")["value"] == 20
    assert _figure(soup, scope, "gates")["value"] == 2
    assert _figure(soup, scope, "cash")["value"] == 2500000
    cash = soup.select_one(f"{scope} [data-figure='cash'] dd").get_text(strip=True)
    assert cash.startswith("2.500.000")
    note = soup.select_one(".campaign-contribution-note").get_text(strip=True)
    assert note == world["campaign"].contribution_note


def test_only_aggregates_reach_the_page(client, world):
    html = _soup(client, _page_url(world)).decode()
    for household in Household.objects.filter(campaign=world["campaign"]):
        for name in PERSONAL_FIELDS:
            assert getattr(household, name) not in html, name
        assert household.code not in html
    for status in (Status.REFUSED, Status.DISPUTED):
        assert str(status.label) not in html
    assert "refused" not in html and "disputed" not in html


def test_a_campaign_not_published_shows_no_figure(client, world):
    campaign = world["campaign"]
    campaign.is_public = False
    services.campaign_save(campaign=campaign)
    soup = _soup(client, _page_url(world))
    assert soup.select_one("[data-published='false']") is not None
    assert soup.select("table, [data-campaign-map], .campaign-honour, [data-figure]") == []
    assert "Trần Văn Vinh" not in str(soup)
    assert client.get(API).json() == {"count": 0, "results": []}
    response = client.get(f"{API}{campaign.pk}/")
    assert response.status_code == 404 and response.json()["error"]


def _print_rules(soup: BeautifulSoup, name: str) -> str:
    """The print rules of the page's own stylesheet `css/<name>`, which the page must link (no
    inline style: the Content-Security-Policy refuses it)."""
    from django.contrib.staticfiles import finders

    assert soup.select_one(f'link[rel="stylesheet"][href*="css/{name}"]'), name
    css = Path(str(finders.find(f"css/{name}"))).read_text()
    return css[css.index("@media print") :]


def test_the_page_structure_for_assistive_technology(client, world):
    soup = _soup(client, _page_url(world))
    assert len(soup.find_all("h1")) == 1
    levels = [int(h.name[1]) for h in soup.find("main").find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for table in soup.select("main table"):
        assert table.caption is not None
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
    # The print stylesheet hides the site's chrome and keeps table headers on every page.
    prints = _print_rules(soup, "campaigns.css")
    assert ".site-header" in prints and "table-header-group" in prints


# Each commune its own -------------------------------------------------------------------------


def test_each_commune_sees_only_its_own_campaigns(client, world):
    other = make_public_world(make_commune(name="Lưu Kiếm"), name="Làm đường liên thôn")
    other_host = other["commune"].site.hostname
    own_host = world["commune"].site.hostname
    listed = client.get(API, HTTP_HOST=other_host).json()
    assert [item["id"] for item in listed["results"]] == [other["campaign"].pk]
    assert listed["results"][0]["url"].startswith(f"http://{other_host}/")
    # Another commune's campaign by its number: not found, on either side.
    response = client.get(f"{API}{world['campaign'].pk}/", HTTP_HOST=other_host)
    assert response.status_code == 404 and "error" in response.json()
    assert client.get(f"{API}{other['campaign'].pk}/", HTTP_HOST=own_host).status_code == 404
    # The page is served on its own commune's site only.
    other_path = f"/{other['page'].slug}/"
    assert other_path == "/lam-duong-lien-thon/"
    assert client.get(other_path, HTTP_HOST=own_host).status_code == 404
    soup = _soup(client, other_path, host=other_host)
    assert [row["data-segment"] for row in soup.select(".campaign-segments tbody tr")] == [
        "D1",
        "D2",
        "D3",
    ]
    assert _figure(soup, ".campaign-totals", "taking-part") == {"value": 4, "of": 6}


def test_a_page_pointing_at_another_communes_campaign_shows_nothing(client, world):
    other = make_public_world(make_commune(name="Lưu Kiếm"), with_page=False)
    # Written past the admin form, which would not offer it.
    CampaignPage.objects.filter(pk=world["page"].pk).update(campaign=other["campaign"])
    soup = _soup(client, _page_url(world))
    assert soup.select_one("[data-published='false']") is not None
    assert soup.select("table, [data-figure]") == []


# The API --------------------------------------------------------------------------------------


def test_the_list_api(client, world):
    hidden = make_campaign(commune=world["commune"], is_public=False)
    payload = client.get(API).json()
    assert payload["count"] == 1
    (item,) = payload["results"]
    assert item["id"] == world["campaign"].pk and item["name"] == world["campaign"].name
    assert item["url"] == "http://testserver" + _page_url(world)
    assert item["api_url"] == f"http://testserver{API}{world['campaign'].pk}/"
    assert item["totals"] == {
        "households": 6,
        "taking_part": 4,
        "area_needed_m2": 120.0,
        "area_donated_m2": 40.0,
        "area_percent": 33,
        "frontage_m": 60.0,
        "cleared_m": 20.0,
        "cleared_percent": 33,
    }
    assert hidden.pk not in [result["id"] for result in payload["results"]]


def test_the_detail_api(client, world):
    campaign = world["campaign"]
    response = client.get(f"{API}{campaign.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "Hiến đất" in response.content.decode()  # Vietnamese as is, not \u escapes
    payload = response.json()
    assert set(payload) == {
        "id",
        "name",
        "description",
        "started_on",
        "target_on",
        "url",
        "totals",
        "segments",
        "hamlets",
        "honour_board",
        "contributions",
        "geojson",
    }
    assert payload["target_on"] == "2026-12-31"
    assert payload["url"] == "http://testserver" + _page_url(world)
    assert [segment["code"] for segment in payload["segments"]] == ["D1", "D2", "D3"]
    first = payload["segments"][0]
    assert first["length_m"] == 1000 and first["hamlets"] == ["Thôn Đông"]
    assert (first["current_width_m"], first["target_width_m"]) == (3.5, 6.5)
    assert (first["taking_part"], first["households"], first["cleared_percent"]) == (3, 3, 66)
    assert [hamlet["name"] for hamlet in payload["hamlets"]] == ["Thôn Đông", "Thôn Tây"]
    assert payload["honour_board"] == [
        {"name": "Trần Văn Vinh", "hamlet": "Thôn Đông", "area_m2": 20.0},
        {"name": "Đỗ Văn Hứa", "hamlet": "Thôn Tây", "area_m2": 20.0},
    ]
    assert payload["contributions"]["households"] == 2
    assert payload["contributions"]["note"] == campaign.contribution_note
    codes = [feature["properties"]["code"] for feature in payload["geojson"]["features"]]
    assert codes == ["D1", "D2"]
    flat = json.dumps(payload, ensure_ascii=False)
    for household in Household.objects.filter(campaign=campaign):
        for name in PERSONAL_FIELDS:
            assert getattr(household, name) not in flat
    assert "refused" not in flat and "disputed" not in flat and "by_status" not in flat


@pytest.mark.parametrize(
    "raw",
    ["abc", "99999999999", "9" * 40, "-1", "0", "1.0", "%C2%B2", "%D9%A1", "1%20OR%201=1"],
)
def test_hostile_ids_answer_404_in_json(client, world, raw):
    response = client.get(f"{API}{raw}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_the_api_reads_only(client, world):
    assert client.post(API).status_code == 405
    assert client.delete(f"{API}{world['campaign'].pk}/").status_code == 405


def test_a_host_that_is_no_communes_site_gets_json_404(client, world):
    world["commune"].site.is_default_site = False
    world["commune"].site.save()
    response = client.get(API, HTTP_HOST="example.org")
    assert response.status_code == 404 and response.json()["error"]


# Speed and freshness --------------------------------------------------------------------------


def _more_households(world: dict[str, Any], count: int) -> None:
    for number in range(count):
        segment = world["segments"][number % 3]
        hamlet = world["hamlets"][number % 2]
        household = make_household(
            segment=segment,
            hamlet=hamlet,
            honour_consent=number % 2 == 0,
            honour_consent_on=datetime.date(2026, 4, 2),
        )
        walk(household, PIPELINE[number % len(PIPELINE)])


def _queries(client: Any, url: str) -> int:
    client.get(url)  # the site's chrome is remembered after the first rendering
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ["page", "detail", "list"])
def test_queries_do_not_grow_with_the_number_of_households(client, world, kind):
    url = {
        "page": _page_url(world),
        "detail": f"{API}{world['campaign'].pk}/",
        "list": API,
    }[kind]
    before = _queries(client, url)
    _more_households(world, 14)
    assert Household.objects.filter(campaign=world["campaign"]).count() == 20
    assert _queries(client, url) == before


def test_the_cached_page_follows_a_households_move(client, world, settings):
    settings.XASO_PAGE_CACHE_SECONDS = 60
    url = _page_url(world)
    soup = _soup(client, url)
    assert _figure(soup, ".campaign-totals", "taking-part")["value"] == 4
    assert client.get(url)["X-Cache"] == "HIT"
    walk(world["households"]["waiting"], Status.AGREED)
    soup = _soup(client, url)
    assert _figure(soup, ".campaign-totals", "taking-part")["value"] == 5
    world["campaign"].name = "Hiến đất mở rộng đường trục xã (đợt 1)"
    services.campaign_save(campaign=world["campaign"])
    assert client.get(API).json()["results"][0]["name"].endswith("(đợt 1)")


def test_the_search_text_holds_no_household(world):
    text = world["page"].search_text()
    assert "Hiến đất mở rộng đường trục xã" in text and "Cầu Đá – chợ" in text
    for household in Household.objects.filter(campaign=world["campaign"]):
        assert household.head_name not in text and household.address not in text
