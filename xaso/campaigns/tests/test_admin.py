"""The campaigns' admin: the lead sees every household of the commune, an official only theirs,
another commune's nothing; a visit and a move recorded through the screens (and refused from a
stale screen, nothing written); the route pasted or uploaded as GeoJSON; the dashboard's
figures, stuck households and workloads, names only for those who work on households."""

from __future__ import annotations

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.communes.tests.factories import make_commune
from xaso.party.tests.factories import make_official

from .. import services
from ..choices import Status
from ..models import Household, Segment, StatusChange, Visit
from .factories import LINE, make_campaign, make_hamlet, make_household, make_segment

pytestmark = pytest.mark.django_db


def _build_world(commune):
    campaign = make_campaign(commune=commune)
    hamlet = make_hamlet(commune=commune, name="Thôn 9")
    segment = make_segment(campaign=campaign, code="T9", name="Đường đi thôn 9", hamlets=[hamlet])
    official = make_official(commune=commune, full_name="Vũ Đức Long")
    other_official = make_official(commune=commune, full_name="Ngô Văn Bình")
    mine = make_household(segment=segment, hamlet=hamlet, official=official, head_name="Lê Văn Mến")
    theirs = make_household(segment=segment, hamlet=hamlet, official=other_official)
    elsewhere = make_commune(name="Lưu Kiếm")
    far_campaign = make_campaign(commune=elsewhere)
    far = make_household(
        segment=make_segment(campaign=far_campaign), hamlet=make_hamlet(commune=elsewhere)
    )
    return {
        "commune": commune,
        "campaign": campaign,
        "segment": segment,
        "hamlet": hamlet,
        "official": official,
        "mine": mine,
        "theirs": theirs,
        "far": far,
    }


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


def _official_login(client, world):
    user = make_staff(commune=world["commune"], role=Role.CAMPAIGN_OFFICIAL)
    world["official"].user = user
    world["official"].save()
    client.force_login(user)
    return user


def _lead_login(client, world):
    user = make_staff(commune=world["commune"], role=Role.CAMPAIGN_LEAD)
    client.force_login(user)
    return user


def _codes(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {link.get_text(strip=True) for link in soup.select("table.listing tbody td a")}


def test_the_lead_sees_the_communes_households_and_an_official_only_theirs(client, world):
    url = reverse("campaigns_households:index")
    _lead_login(client, world)
    listed = _codes(client.get(url))
    assert {world["mine"].code, world["theirs"].code} <= listed
    assert world["far"].code not in listed
    assert (
        client.get(reverse("campaigns_households:inspect", args=[world["far"].pk])).status_code
        == 404
    )

    _official_login(client, world)
    listed = _codes(client.get(url))
    assert world["mine"].code in listed and world["theirs"].code not in listed
    for pk in (world["theirs"].pk, world["far"].pk):
        assert client.get(reverse("campaigns_households:inspect", args=[pk])).status_code == 404
        assert client.get(reverse("campaigns_visit", args=[pk])).status_code == 404
    # An official records and moves; only the lead edits the record itself.
    response = client.get(reverse("campaigns_households:edit", args=[world["mine"].pk]))
    assert response.status_code in (302, 403)


def test_an_official_records_a_visit_that_moves_the_household(client, world):
    user = _official_login(client, world)
    household = world["mine"]
    services.household_move(household=household, to_status=Status.MOBILISING, note="Lần đầu")
    url = reverse("campaigns_visit", args=[household.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert Status.AGREED.value in page.content.decode()
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "visited_on": today.strftime("%d/%m/%Y"),
            "kind": "visit",
            "people": "Vũ Đức Long, trưởng thôn 9",
            "outcome": "Gia đình đồng ý hiến 18 m² để mở rộng đường.",
            "move_to": Status.AGREED,
            "expected_status": Status.MOBILISING,
        },
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.status == Status.AGREED
    visit = Visit.objects.get(household=household)
    assert visit.recorded_by == user and visit.visited_on == today
    change = household.status_changes.order_by("-pk").first()
    assert (
        change.note == "Gia đình đồng ý hiến 18 m² để mở rộng đường." and change.changed_by == user
    )
    file = client.get(reverse("campaigns_households:inspect", args=[household.pk])).content.decode()
    assert "Gia đình đồng ý hiến 18 m²" in file and 'data-status="agreed"' in file


def test_a_visit_from_a_stale_screen_is_refused_and_nothing_is_written(client, world):
    _official_login(client, world)
    household = world["mine"]
    services.household_move(household=household, to_status=Status.MOBILISING, note="Lần đầu")
    services.household_move(household=household, to_status=Status.DISPUTED, note="Vướng ranh giới")
    response = client.post(
        reverse("campaigns_visit", args=[household.pk]),
        {
            "visited_on": timezone.localdate().strftime("%d/%m/%Y"),
            "kind": "visit",
            "people": "Vũ Đức Long",
            "outcome": "Đồng ý",
            "move_to": Status.AGREED,
            "expected_status": Status.MOBILISING,  # what the screen showed before the dispute
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    household.refresh_from_db()
    assert household.status == Status.DISPUTED
    assert not Visit.objects.filter(household=household).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"to_status": "recorded", "note": "Nhảy cóc"},  # not an allowed move
        {"to_status": "mobilising", "note": ""},  # no note
        {"to_status": "mobilising", "note": "x", "changed_on": "31/12/2999"},  # future
        {"to_status": "<script>", "note": "x"},
    ],
)
def test_bad_moves_get_messages_and_change_nothing(client, world, data):
    _official_login(client, world)
    household = world["mine"]
    form = {
        "changed_on": timezone.localdate().strftime("%d/%m/%Y"),
        "expected_status": household.status,
        **data,
    }
    response = client.post(reverse("campaigns_move", args=[household.pk]), form)
    assert response.status_code == 200 and response.context["form"].errors
    household.refresh_from_db()
    assert household.status == Status.NOT_CONTACTED
    assert not StatusChange.objects.exists()


def test_the_lead_moves_a_household_through_the_move_screen(client, world):
    _lead_login(client, world)
    household = world["theirs"]
    response = client.post(
        reverse("campaigns_move", args=[household.pk]),
        {
            "to_status": "mobilising",
            "note": "Ban chỉ đạo cử người đến vận động.",
            "changed_on": (timezone.localdate() - datetime.timedelta(days=3)).strftime("%d/%m/%Y"),
            "expected_status": "not_contacted",
        },
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.status == Status.MOBILISING
    assert household.status_changed_at.date() == timezone.localdate() - datetime.timedelta(days=3)


def _segment_form(world, **extra):
    return {
        "campaign": world["campaign"].pk,
        "code": "T10",
        "name": "Đường đi thôn 10",
        "from_m": "0",
        "to_m": "700",
        "current_width": "3",
        "target_width": "5",
        "road_class": "C",
        "hamlets": [world["hamlet"].pk],
        "sort_order": "2",
        **extra,
    }


def test_a_route_is_pasted_or_uploaded_as_geojson(client, world):
    _lead_login(client, world)
    url = reverse("campaigns_segments:add")
    feature = {"type": "Feature", "properties": {}, "geometry": LINE}
    response = client.post(url, _segment_form(world, route_text=json.dumps(feature)))
    assert response.status_code == 302, response.context["form"].errors
    assert Segment.objects.get(code="T10").geometry == LINE
    collection = {"type": "FeatureCollection", "features": [feature]}
    upload = SimpleUploadedFile(
        "tuyen.geojson", json.dumps(collection).encode(), "application/geo+json"
    )
    response = client.post(url, _segment_form(world, code="T11", route_file=upload))
    assert response.status_code == 302
    assert Segment.objects.get(code="T11").geometry == LINE


@pytest.mark.parametrize(
    "route",
    [
        "not json",
        '{"type": "Point", "coordinates": [106.6, 20.9]}',
        '{"type": "LineString", "coordinates": [[106.6, 20.9]]}',
        '{"type": "LineString", "coordinates": [[500, 20.9], [106.6, 20.9]]}',
        "[" * 5000,
    ],
)
def test_a_bad_route_is_refused_with_a_message(client, world, route):
    _lead_login(client, world)
    response = client.post(
        reverse("campaigns_segments:add"), _segment_form(world, route_text=route)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Segment.objects.filter(code="T10").exists()


def test_the_dashboard_shows_progress_stuck_households_and_workloads(client, world):
    household = world["mine"]
    for status in (Status.MOBILISING, Status.AGREED, Status.SIGNED, Status.HANDED_OVER):
        services.household_move(household=household, to_status=status, note="Tiến triển")
    long_ago = timezone.now() - datetime.timedelta(days=40)
    Household.objects.filter(pk=world["theirs"].pk).update(status_changed_at=long_ago)
    _lead_login(client, world)
    response = client.get(reverse("campaigns_dashboard"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one("[data-total=households]").get_text(strip=True) == "2"
    assert soup.select_one("[data-total=taking_part]").get_text(strip=True) == "1"
    row = soup.select_one("table[data-kind=segment] tr[data-segment=T9]")
    assert row.select_one("[data-status=handed_over]") is not None
    stuck = [row["data-household"] for row in soup.select(".campaigns-stuck tbody tr")]
    assert stuck == [world["theirs"].code]
    assert world["theirs"].head_name in soup.select_one(".campaigns-stuck").get_text()
    loads = {row["data-official"]: row for row in soup.select(".campaigns-workload tbody tr")}
    mine = loads[str(world["official"].pk)]
    assert mine.select_one("[data-count=households]").get_text(strip=True) == "1"
    # Fewer days: the same household; more days than it has been stuck: none.
    soup = BeautifulSoup(
        client.get(reverse("campaigns_dashboard"), {"ngay": "60"}).content, "html.parser"
    )
    assert soup.select(".campaigns-stuck tbody tr") == []


def test_the_commune_administrator_sees_figures_but_no_names(client, world):
    Household.objects.update(status_changed_at=timezone.now() - datetime.timedelta(days=40))
    client.force_login(make_staff(commune=world["commune"], role=Role.ADMINISTRATOR))
    response = client.get(reverse("campaigns_dashboard"))
    assert response.status_code == 200
    text = response.content.decode()
    assert world["mine"].head_name not in text and world["mine"].phone not in text
    assert client.get(reverse("campaigns_households:index")).status_code in (302, 403)


@pytest.mark.parametrize(
    "query", [{"cd": "abc"}, {"cd": "99999999999"}, {"ngay": "-1"}, {"ngay": "x" * 50}]
)
def test_bad_dashboard_parameters_show_the_defaults(client, world, query):
    _lead_login(client, world)
    response = client.get(reverse("campaigns_dashboard"), query)
    assert response.status_code == 200
    assert response.context["campaign"] == world["campaign"]


def test_another_communes_campaign_is_never_shown(client, world):
    _lead_login(client, world)
    far_campaign = world["far"].campaign
    response = client.get(reverse("campaigns_dashboard"), {"cd": far_campaign.pk})
    assert response.context["campaign"] == world["campaign"]


def test_a_new_campaign_comes_with_its_public_page(client, world):
    from ..models import Campaign
    from ..pages import CampaignPage

    _lead_login(client, world)
    response = client.post(
        reverse("campaigns:add"),
        {
            "commune": world["commune"].pk,
            "name": "Mở rộng đường liên thôn 9 – 10",
            "description": "",
            "started_on": "01/12/2026",
            "target_on": "",
            "is_public": "on",
            "contribution_note": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.get(name="Mở rộng đường liên thôn 9 – 10")
    page = CampaignPage.objects.get(campaign=campaign)
    assert page.live and page.slug == "mo-rong-duong-lien-thon-9-10"
    assert client.get(page.url).status_code == 200
