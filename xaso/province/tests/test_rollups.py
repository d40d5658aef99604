"""The province's roll-ups: each figure equals what the commune's own screens show, for three
communes with different data; the filters and the order; the Excel workbook; who may see them;
and a number of queries that does not grow with the number of communes."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from xaso.about.compliance import findings_by_commune, findings_for, is_complete
from xaso.accounts.choices import Role
from xaso.accounts.tests.factories import make_staff
from xaso.campaigns.choices import Status
from xaso.campaigns.tests.factories import (
    make_campaign,
    make_hamlet,
    make_household,
    make_segment,
    walk,
)
from xaso.communes.choices import CommuneKind
from xaso.communes.tests.factories import make_commune
from xaso.feedback import services as feedback_services
from xaso.feedback.choices import Classification
from xaso.feedback.models import Submission
from xaso.feedback.tests.factories import make_submission
from xaso.ntm.tests.factories import assess, make_programme, make_set
from xaso.party.tests.factories import make_official
from xaso.portal import selectors as portal_selectors
from xaso.portal.tests.factories import make_article, make_category
from xaso.province import rollups
from xaso.province.access import VIEW_ALL_COMMUNES, can_see_rollups
from xaso.ratings.tests.factories import make_rating

pytestmark = pytest.mark.django_db

URL = "/admin/province/communes/"
EXPORT_URL = "/admin/province/communes/export.xlsx"


def _feedback(commune, official):
    """One received, one overdue (assigned 40 days ago), one late to forward."""
    today = timezone.localdate()
    make_submission(commune)
    overdue = make_submission(commune, field="land")
    feedback_services.submission_classify(
        submission=overdue,
        classification=Classification.WITHIN,
        assigned_to=official,
        on_date=today - datetime.timedelta(days=40),
    )
    late = make_submission(commune, field="order")
    Submission.objects.filter(pk=late.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=21)
    )
    feedback_services.submission_classify(submission=late, classification=Classification.OUTSIDE)


def _campaign(commune, statuses, started_on=datetime.date(2026, 3, 1)):
    campaign = make_campaign(commune=commune, started_on=started_on)
    segment = make_segment(campaign=campaign)
    hamlet = make_hamlet(commune=commune)
    for status in statuses:
        household = make_household(segment=segment, hamlet=hamlet, area_donated=Decimal("12.5"))
        if status != Status.NOT_CONTACTED:
            walk(household, status)
    return campaign


def _little_data(commune, criteria_set, number):
    """A little of everything, for the query-count test's extra communes."""
    home = commune.site.root_page
    make_article(category=make_category(parent=home), days_ago=number % 40)
    make_submission(commune)
    make_rating(commune, day=timezone.localdate(), score=1 + number % 5)
    programme = make_programme(commune, criteria_set)
    assess(programme, "1.1", 2026, number=Decimal(95))
    _campaign(commune, [Status.AGREED])


def _build_world(commune):
    """Liên Khê (a commune) with a bit of everything and an older campaign; Hồng Bàng (a ward)
    with other figures and no programme; Cát Hải (a special zone) with nothing at all."""
    today = timezone.localdate()
    ward = make_commune(name="Hồng Bàng", kind=CommuneKind.WARD)
    zone = make_commune(name="Cát Hải", kind=CommuneKind.SPECIAL_ZONE)
    criteria_set = make_set()

    news = make_category(parent=commune.site.root_page)
    make_article(category=news, days_ago=2)
    make_article(category=news, days_ago=45)
    _feedback(commune, make_official(commune=commune, full_name="Nguyễn Văn Thành"))
    make_rating(commune, day=today, score=5, token="a")
    make_rating(commune, day=today, score=4, token="b")
    make_rating(commune, day=today - datetime.timedelta(days=120), score=1, token="c")
    programme = make_programme(commune, criteria_set)
    assess(programme, "1.1", 2026, number=Decimal(95))
    assess(programme, "1.2", 2026, number=Decimal(2))
    assess(programme, "3.1", 2026, passed=False)
    _campaign(commune, [Status.AGREED], started_on=datetime.date(2025, 1, 1))
    _campaign(commune, [Status.NOT_CONTACTED, Status.AGREED, Status.HANDED_OVER])

    make_article(category=make_category(parent=ward.site.root_page), days_ago=10)
    make_submission(ward)
    make_rating(ward, day=today, score=3)
    _campaign(ward, [Status.REFUSED, Status.CLEARED, Status.CLEARED])
    return {"commune": commune, "ward": ward, "zone": zone, "set": criteria_set}


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture
def province(django_user_model):
    return django_user_model.objects.create_superuser("tinh", "tinh@example.vn", "mat-khau-dai-123")


def _viewer(django_user_model):
    """An account given the province viewers' permission (and the admin's), and no commune.
    The permission is made here when the Commune model does not declare it (yet)."""
    from django.contrib.contenttypes.models import ContentType

    from xaso.communes.models import Commune

    permission, _made = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Commune),
        codename=VIEW_ALL_COMMUNES.split(".")[1],
        defaults={"name": "Can view all communes"},
    )
    user = django_user_model.objects.create_user("xem-tinh", "xem@example.vn", "mat-khau-dai-123")
    # Into the admin at all, as the province viewers' group will let them.
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    user.user_permissions.add(permission, access)
    return django_user_model.objects.get(pk=user.pk)  # without the permission cache


def _rows_by_slug():
    return {row.commune.slug: row for row in rollups.rollup_rows()}


def _context(client, commune, role, url):
    client.force_login(make_staff(commune=commune, role=role))
    response = client.get(url)
    assert response.status_code == 200
    return response.context


def test_each_figure_is_the_communes_own(client, world):
    rows = _rows_by_slug()
    assert len(rows) == 3
    together = findings_by_commune([world[key] for key in ("commune", "ward", "zone")])
    for key in ("commune", "ward", "zone"):
        assert together[world[key].pk] == findings_for(world[key])  # as one at a time
    for key in ("commune", "ward", "zone"):
        commune = world[key]
        row = rows[commune.slug]
        # The compliance panel's verdict.
        findings = findings_for(commune)
        assert row.complete is is_complete(findings)
        assert row.gaps == sum(1 for f in findings if f.level != "running") > 0
        # The news as the portal lists it.
        articles = portal_selectors.live_articles(root=commune.site.root_page)
        latest = articles.first()
        assert row.last_article == (latest.first_published_at if latest else None)
        since = timezone.now() - datetime.timedelta(days=30)
        assert row.recent_articles == articles.filter(first_published_at__gte=since).count()
        # The feedback dashboard.
        counts = _context(client, commune, Role.FEEDBACK_OFFICER, reverse("feedback_dashboard"))[
            "counts"
        ]
        assert (row.open, row.overdue, row.late_to_forward) == (
            counts["open"],
            counts["overdue"],
            counts["late_to_forward"],
        )
        # The ratings report, over its default period.
        totals = _context(client, commune, Role.ADMINISTRATOR, reverse("ratings_report"))["totals"]
        assert (row.rating_count, row.rating_average) == (totals["count"], totals["average"])
        # The New Rural dashboard.
        ntm = _context(client, commune, Role.ADMINISTRATOR, reverse("ntm_dashboard"))
        if ntm["programme"] is None:
            assert row.programme is None and row.criteria_met is None
        else:
            criteria = ntm["counts"]["criteria"]
            assert row.programme == ntm["programme"]
            assert row.criteria_met == criteria["met"]
            assert row.criteria_total == sum(criteria.values())
        # The campaign dashboard's totals.
        campaign = _context(client, commune, Role.CAMPAIGN_LEAD, reverse("campaigns_dashboard"))
        if campaign["campaign"] is None:
            assert row.campaign is None and row.progress is None
        else:
            total = campaign["total"]
            assert row.campaign == campaign["campaign"]
            assert (
                row.progress.households,
                row.progress.taking_part,
                row.progress.area_donated,
                row.progress.area_needed,
            ) == (total.households, total.taking_part, total.area_donated, total.area_needed)

    # The data differ, so the figures above were not equal by accident.
    mine, ward, zone = (rows[world[k].slug] for k in ("commune", "ward", "zone"))
    assert (mine.open, mine.overdue, mine.late_to_forward) == (3, 2, 1)
    assert (ward.open, ward.overdue, ward.late_to_forward) == (1, 0, 0)
    assert (mine.rating_count, mine.rating_average) == (2, 4.5)
    assert (ward.rating_count, ward.rating_average) == (1, 3.0)
    assert zone.rating_count == 0 and zone.rating_average is None
    assert (mine.recent_articles, ward.recent_articles, zone.recent_articles) == (1, 1, 0)
    assert zone.last_article is None
    assert (mine.criteria_met, mine.criteria_total) == (1, 3)
    assert mine.campaign.started_on == datetime.date(2026, 3, 1)  # the latest started
    assert (mine.progress.taking_part, mine.progress.households) == (2, 3)
    assert (ward.progress.taking_part, ward.progress.households) == (2, 3)
    assert zone.campaign is None and ward.programme is None


def test_the_table_shows_vietnamese_figures_and_links(client, world, province):
    client.force_login(province)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    row = soup.select_one(f'tr[data-commune="{world["commune"].slug}"]')
    cells = {td["data-figure"]: td.get_text(" ", strip=True) for td in row.select("[data-figure]")}
    published = timezone.localdate(
        portal_selectors.live_articles(root=world["commune"].site.root_page)
        .first()
        .first_published_at
    )
    assert cells["last_article"] == published.strftime("%d/%m/%Y")
    assert cells["rating"] == "4,5" and cells["rating_count"] == "2"
    assert cells["overdue"] == "2"
    assert cells["kind"] == "Xã"
    assert cells["new_rural"].startswith("1 trên 3 tiêu chí")
    assert "12,5 / 60,0 m²" in cells["campaign"]  # the handed-over household's land
    zone = soup.select_one(f'tr[data-commune="{world["zone"].slug}"]')
    zone_cells = {td["data-figure"]: td.get_text(strip=True) for td in zone.select("[data-figure]")}
    assert zone_cells["last_article"] == "–" and zone_cells["rating"] == "–"
    for word in ("None", "True", "False"):
        assert f">{word}<" not in html and f" {word} " not in soup.select_one("#rollups").text
    links = [a["href"] for a in row.select("td:last-child a")]
    assert world["commune"].site.root_url in links[0]
    assert any(link.startswith(reverse("ntm_dashboard") + "?ct=") for link in links)
    assert any(link.startswith(reverse("campaigns_dashboard") + "?cd=") for link in links)


def _names(client, query=""):
    soup = BeautifulSoup(client.get(f"{URL}?{query}").content.decode(), "html.parser")
    return [tr.th.get_text(strip=True) for tr in soup.select("#rollups tbody tr")]


def test_filters_and_order(client, world, province):
    client.force_login(province)
    assert _names(client) == ["Cát Hải", "Hồng Bàng", "Liên Khê"]
    assert _names(client, "loai=phuong") == ["Hồng Bàng"]
    assert _names(client, "loai=dac_khu") == ["Cát Hải"]
    assert _names(client, "qua_han=1") == ["Liên Khê"]
    assert _names(client, "sap_xep=-open") == ["Liên Khê", "Hồng Bàng", "Cát Hải"]
    assert _names(client, "sap_xep=rating") == ["Hồng Bàng", "Liên Khê", "Cát Hải"]
    # Without a figure, last either way.
    assert _names(client, "sap_xep=-rating") == ["Liên Khê", "Hồng Bàng", "Cát Hải"]
    assert _names(client, "sap_xep=-last_article")[-1] == "Cát Hải"
    assert _names(client, "sap_xep=-name") == ["Liên Khê", "Hồng Bàng", "Cát Hải"]
    # Nonsense is ignored, never an error.
    assert _names(client, "loai=x&sap_xep=drop&qua_han=yes") == ["Cát Hải", "Hồng Bàng", "Liên Khê"]
    # A fresh commune lacks what the law requires: every one is incomplete here.
    assert _names(client, "thieu=1") == ["Cát Hải", "Hồng Bàng", "Liên Khê"]


def test_the_incomplete_filter_keeps_only_the_incomplete(world):
    rows = rollups.rollup_rows()
    rows[0].complete = True
    kept = rollups.filtered(rows, incomplete=True)
    assert kept == rows[1:]
    assert rollups.filtered(rows, incomplete=True, overdue=True) == [
        row for row in rows[1:] if row.overdue
    ]


def test_the_workbook_holds_the_same_table(client, world, province):
    client.force_login(province)
    response = client.get(f"{EXPORT_URL}?loai=xa")
    assert response.status_code == 200
    assert "tong-hop-cac-xa.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    with translation.override("vi"):
        header = next(i for i, row in enumerate(values) if row[0] == _("Commune"))
        heading, lines = values[header], [row for row in values[header + 1 :] if row[0]]
        assert len(lines) == 1  # the filter applies
        line = dict(zip(heading, lines[0], strict=False))
        row = _rows_by_slug()[world["commune"].slug]
        assert line[_("Commune")] == "Xã Liên Khê"
        assert line[_("Kind of unit")] == "Xã"
        assert line[_("Required content")] == _("Incomplete")
        assert line[_("Items lacking")] == row.gaps
        assert line[_("Open feedback")] == 3
        assert line[_("Overdue")] == 2
        assert line[_("Late to forward")] == 1
        assert line[_("Average rating")] == 4.5
        assert line[_("Ratings")] == 2
        assert line[_("New Rural criteria met")] == 1
        assert line[_("Criteria in the set")] == 3
        assert line[_("Last article")].date() == timezone.localdate(row.last_article)
        assert line[_("Articles in 30 days")] == 1
        assert line[_("Households taking part")] == 2
        assert line[_("Land donated (m²)")] == 12.5
        assert line[_("Land needed (m²)")] == 60


def test_a_name_that_looks_like_a_formula_stays_text(client, world, province):
    from xaso.communes.models import Commune

    Commune.objects.filter(pk=world["zone"].pk).update(name="=1+1")
    client.force_login(province)
    sheet = load_workbook(io.BytesIO(client.get(EXPORT_URL).content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "1+1" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)
    assert all(not str(c.value).startswith("=") or c.quotePrefix for c in cells)


@pytest.mark.parametrize("role", list(Role))
def test_commune_staff_of_every_role_get_not_found(client, world, role):
    client.force_login(make_staff(commune=world["commune"], role=role))
    assert client.get(URL).status_code == 404
    assert client.get(EXPORT_URL).status_code == 404
    menu = client.get("/admin/").content.decode()
    assert URL not in menu


def test_the_province_sees_them_and_the_menu(client, world, province):
    assert can_see_rollups(province)
    client.force_login(province)
    assert client.get(URL).status_code == 200
    assert URL in client.get("/admin/").content.decode()


def test_a_province_viewer_sees_them(client, world, django_user_model):
    viewer = _viewer(django_user_model)
    assert can_see_rollups(viewer)
    client.force_login(viewer)
    response = client.get(URL)
    assert response.status_code == 200
    assert (
        len(BeautifulSoup(response.content.decode(), "html.parser").select("#rollups tbody tr"))
        == 3
    )
    assert client.get(EXPORT_URL).status_code == 200
    assert URL in client.get("/admin/").content.decode()  # the menu item


def test_an_account_without_the_permission_gets_not_found(client, world, django_user_model):
    user = django_user_model.objects.create_user("ai-do", "ai@example.vn", "mat-khau-dai-123")
    assert not can_see_rollups(user)
    client.force_login(user)
    assert client.get(URL).status_code == 404


def _queries(client):
    with CaptureQueriesContext(connection) as rows_queries:
        rollups.rollup_rows()
    with CaptureQueriesContext(connection) as page_queries:
        assert client.get(URL).status_code == 200
    return len(rows_queries), len(page_queries)


def test_the_queries_do_not_grow_with_the_communes(
    client, world, province, django_assert_max_num_queries
):
    client.force_login(province)
    client.get(URL)  # warm the caches a first request fills (sessions, settings)
    three = _queries(client)
    assert three[0] <= 40
    for number in range(9):
        _little_data(make_commune(), world["set"], number)
    # What is remembered until a page or a site changes (the portal's restricted pages, the
    # sites' root paths) is read again by a first request.
    client.get(URL)
    with django_assert_max_num_queries(three[0]):
        assert len(rollups.rollup_rows()) == 12
    twelve = _queries(client)
    assert twelve == three
    # Read together, each commune's figures are still those read one commune at a time.
    from xaso.campaigns.selectors import campaign_progress
    from xaso.ntm import reports as ntm_reports
    from xaso.ntm.selectors import programme_summary

    today = timezone.localdate()
    for row in rollups.rollup_rows():
        assert row.complete is is_complete(findings_for(row.commune))
        if row.programme is not None:
            year = ntm_reports.default_year(ntm_reports.programme_years(row.programme), today)
            summary = programme_summary(row.programme, year)
            assert (row.criteria_met, row.criteria_total) == (
                summary.met_count,
                len(summary.criteria),
            )
        if row.campaign is not None:
            assert row.progress == campaign_progress(row.campaign)
