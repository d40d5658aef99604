"""The introduction pages: made with every commune, fed by the communes records, in English too."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from xaso.about.geo import GeoJSONError, boundary_svg, parse_boundary
from xaso.about.models import AboutIndexPage, BoundaryMapPage
from xaso.about.services import required_pages_ensure
from xaso.communes.services import unit_save

from .factories import make_apparatus

pytestmark = pytest.mark.django_db

RING = [[106.6, 20.9], [106.7, 20.9], [106.7, 21.0], [106.6, 21.0], [106.6, 20.9]]
SQUARE = {"type": "Polygon", "coordinates": [RING]}


@pytest.fixture
def apparatus(commune):
    return make_apparatus(commune)


def test_every_commune_gets_its_introduction_pages(commune):
    index = AboutIndexPage.objects.get()
    titles = [page.title for page in index.get_children().live()]
    assert titles == [
        "Tổ chức bộ máy",
        "Lãnh đạo xã",
        "Bản đồ địa giới hành chính",
        "Điều kiện tự nhiên",
        "Lịch sử, truyền thống văn hóa",
        "Danh bạ liên hệ",
    ]
    required_pages_ensure(commune=commune)
    assert index.get_children().count() == 6


def test_the_apparatus_is_an_html_tree_from_the_records(client, apparatus):
    page = client.get("/gioi-thieu/to-chuc-bo-may/").content.decode()
    committee_at = page.index("Ủy ban nhân dân xã")
    office_at = page.index("Văn phòng UBND xã")
    assert committee_at < office_at and "Đỗ Văn Khánh – Chủ tịch UBND xã" in page
    assert page.count('class="org-chart__level"') == 2  # the office nested under the committee
    assert 'hreflang="en"' in page


def test_a_change_in_the_records_shows_at_once(client, apparatus):
    committee, _office = apparatus
    assert (
        "Ủy ban nhân dân xã Liên Khê"
        not in client.get("/gioi-thieu/to-chuc-bo-may/").content.decode()
    )
    committee.name = "Ủy ban nhân dân xã Liên Khê"
    unit_save(unit=committee)
    assert (
        "Ủy ban nhân dân xã Liên Khê" in client.get("/gioi-thieu/to-chuc-bo-may/").content.decode()
    )


def test_leaders_and_contacts(client, apparatus):
    leaders = client.get("/gioi-thieu/lanh-dao/").content.decode()
    assert (
        "Đỗ Văn Khánh" in leaders and "Kỹ sư xây dựng." in leaders and "tel:0912000104" in leaders
    )
    contacts = client.get("/gioi-thieu/danh-ba/").content.decode()
    assert "0225 3871 510" in contacts and "ubnd@example.gov.vn" in contacts


def test_english_pages_for_the_apparatus_and_contacts(client, apparatus):
    response = client.get("/en/apparatus/")
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert '<html lang="en">' in page and "Commune People&#x27;s Committee" in page
    assert "Chairman of the Commune People&#x27;s Committee" in page
    assert "Lien Khe Commune" in page
    assert 'href="/gioi-thieu/to-chuc-bo-may/"' in page  # back to Vietnamese
    contacts = client.get("/en/contacts/").content.decode()
    assert "Contacts" in contacts and "0225 3871 555" in contacts


def test_a_unit_cannot_sit_under_itself(apparatus):
    committee, office = apparatus
    committee.parent = office
    with pytest.raises(ValidationError):
        unit_save(unit=committee)


def test_the_boundary_is_drawn_from_geojson(client, commune):
    page = BoundaryMapPage.objects.get()
    page.boundary_geojson = json.dumps({"type": "Feature", "geometry": SQUARE})
    page.save_revision().publish()
    html = client.get("/gioi-thieu/ban-do-dia-gioi/").content.decode()
    assert '<svg class="boundary-map"' in html and 'role="img"' in html and "<title" in html


@pytest.mark.parametrize(
    "text",
    [
        "{",
        '{"type": "Point", "coordinates": [1, 2]}',
        '{"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}',
        '{"type": "Polygon", "coordinates": [[[0, 0], [500, 1], [1, 1], [0, 0]]]}',
        '{"type": "Polygon", "coordinates": [[["a", 0], [1, 1], [1, 0], [0, 0]]]}',
        "[" * 5000,
        '{"a": ' * 5000,
    ],
)
def test_a_bad_boundary_is_refused_with_a_message(commune, text):
    with pytest.raises(GeoJSONError):
        parse_boundary(text)
    assert boundary_svg(text, title="x") is None
    page = BoundaryMapPage.objects.get()
    page.boundary_geojson = text
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "boundary_geojson" in error.value.message_dict


def test_the_compliance_panel_lists_what_is_missing_and_links_to_fix_it(client, commune, apparatus):
    from django.contrib.auth import get_user_model

    from xaso.about.compliance import findings_for

    messages = {finding.message: finding for finding in findings_for(commune)}
    assert "Sổ văn bản chưa có văn bản nào." in messages or any(
        "văn bản" in message for message in messages
    )
    leader = next(f for m, f in messages.items() if "Đỗ Văn Khánh" in m)
    assert leader.level == "incomplete" and leader.url.startswith("/admin/official/edit/")
    natural = BoundaryMapPage.objects.get()
    natural.boundary_geojson = json.dumps(SQUARE)
    natural.save_revision().publish()
    after = [finding.message for finding in findings_for(commune)]
    assert not any("bản đồ" in message.lower() for message in after)

    admin = get_user_model().objects.create_superuser("tinh", "t@example.com", "mat-khau-dai-123")
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    assert "compliance-heading" in dashboard and "Đỗ Văn Khánh" in dashboard


def test_the_compliance_panel_is_for_those_who_work_on_the_pages(client, commune):
    from xaso.accounts.choices import Role
    from xaso.accounts.tests.factories import make_staff

    client.force_login(make_staff(commune=commune, role=Role.EDITOR))
    assert "compliance-heading" in client.get("/admin/").content.decode()
    # A campaign lead publishes nothing: no panel telling them they work on no portal.
    client.force_login(make_staff(commune=commune, role=Role.CAMPAIGN_LEAD))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "compliance-heading" not in dashboard.content.decode()


def test_introduction_pages_are_found_by_search(client, commune):
    from xaso.about.models import HistoryPage
    from xaso.search import selectors as search_selectors

    history = HistoryPage.objects.get()
    history.sites = [
        (
            "site",
            {
                "name": "Đình làng Thiểm Khê",
                "kind": "relic",
                "recognition": "",
                "description": "Nơi mở hội xuân.",
                "images": [],
            },
        )
    ]
    history.save_revision().publish()
    hits = search_selectors.search(commune_id=commune.pk, text="dinh lang thiem khe").hits
    assert [hit.document.url for hit in hits] == [history.url]
    assert hits[0].document.kind == "page"


def test_the_compliance_panel_offers_fix_links_only_to_those_who_may_follow_them(
    client, commune, apparatus
):
    from xaso.about.compliance import findings_for
    from xaso.accounts.choices import Role
    from xaso.accounts.tests.factories import make_staff

    leader = next(f for f in findings_for(commune) if "Đỗ Văn Khánh" in f.message)
    link = f'href="{leader.url}"'
    client.force_login(make_staff(commune=commune, role=Role.ADMINISTRATOR))
    assert link in client.get("/admin/").content.decode()
    assert client.get(leader.url).status_code == 200
    # The editor reads what is missing, with no link to a screen that would refuse them.
    client.force_login(make_staff(commune=commune, role=Role.EDITOR))
    dashboard = client.get("/admin/").content.decode()
    assert "Đỗ Văn Khánh" in dashboard and link not in dashboard
    assert "/admin/official/" not in dashboard and "/admin/unit/" not in dashboard
