"""The public results page: created with every commune; the programme, each criterion's status,
each indicator's latest value with its year and the date updated, thresholds marked when
unconfirmed, and only the evidence the commune published — never an internal note or an
official's phone. A structural check of what an accessibility audit looks at, and the print
stylesheet."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from xaso.communes.signals import commune_created
from xaso.communes.tests.factories import make_commune
from xaso.legal.tests.factories import make_pdf

from .. import pages, signal_handlers
from ..models import NtmResultsPage
from .factories import assess, make_programme, make_set, make_world

pytestmark = pytest.mark.django_db
URL = f"/{pages.RESULTS_SLUG}/"


def _build_world():
    world = make_world()
    for commune in (world["lien_khe"], world["luu_kiem"]):
        pages.results_page_ensure(commune=commune)
    return world


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world):
    return shared_world


def _soup(client, commune=None):
    extra = {"HTTP_HOST": commune.site.hostname} if commune is not None else {}
    response = client.get(URL, **extra)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _rows(soup):
    return {row["data-indicator"]: row for row in soup.select(".ntm-results tbody tr")}


def _cell(row, name):
    return row.select_one(f".ntm-{name}").get_text(" ", strip=True)


# The page itself -------------------------------------------------------------------------------


def test_every_commune_gets_its_results_page_once(world):
    home = world["lien_khe"].site.root_page
    page = NtmResultsPage.objects.child_of(home).live().get()
    assert (page.slug, page.title) == (pages.RESULTS_SLUG, "Kết quả xây dựng nông thôn mới")
    pages.results_page_ensure(commune=world["lien_khe"])
    assert NtmResultsPage.objects.descendant_of(home).count() == 1
    assert "Giao thông" in page.search_text() and "Bộ tiêu chí thử nghiệm" in page.search_text()


def test_a_new_commune_gets_the_page_through_the_signal(db):
    wired = any(key[0] == signal_handlers.DISPATCH_UID for key, *_rest in commune_created.receivers)
    signal_handlers.connect()
    try:
        commune = make_commune(name="Kiền Bái")
    finally:
        if not wired:  # leave the signal as the app's own start-up left it
            commune_created.disconnect(dispatch_uid=signal_handlers.DISPATCH_UID)
    page = NtmResultsPage.objects.child_of(commune.site.root_page).get()
    assert page.live and page.slug == pages.RESULTS_SLUG


# What it shows ---------------------------------------------------------------------------------


def test_the_page_shows_the_programme_each_status_and_the_latest_values_with_dates(client, world):
    soup = _soup(client)
    assert soup.h1.get_text(strip=True) == "Kết quả xây dựng nông thôn mới"
    facts = soup.select_one(".ntm-programme .facts").get_text(" ", strip=True)
    assert "Bộ tiêu chí thử nghiệm 2026 – 2030" in facts and "2028" in facts
    states = {
        section["data-criterion"]: section.h2.select_one(".ntm-state")["data-state"]
        for section in soup.select(".ntm-criterion")
    }
    assert states == {"1": "met", "2": "not_met", "3": "unknown"}

    rows = _rows(soup)
    assert list(rows) == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    road = world["assessments"]["road"]
    updated = timezone.localtime(road.updated_at).strftime("%d/%m/%Y")
    assert _cell(rows["1.1"], "value") == "95,5%"  # 2027's value, not 2026's 85%
    assert _cell(rows["1.1"], "year") == "2027"
    assert _cell(rows["1.1"], "updated") == updated
    assert _cell(rows["1.2"], "year") == "2026"  # carried from its last assessment
    assert _cell(rows["2.2"], "value") == "80 triệu đồng"
    assert _cell(rows["3.1"], "value") == "–" and _cell(rows["3.1"], "year") == "–"
    state = {code: row.select_one(".ntm-state")["data-state"] for code, row in rows.items()}
    assert state == {"1.1": "met", "1.2": "met", "2.1": "not_met", "2.2": "met", "3.1": "unknown"}
    # Thresholds, the unconfirmed one marked.
    assert _cell(rows["1.1"], "threshold") == "≥ 90%"
    assert _cell(rows["1.2"], "threshold") == "≤ 3%"
    assert rows["1.1"].select_one(".ntm-unconfirmed") is None
    assert rows["2.2"].select_one(".ntm-unconfirmed") is not None
    assert soup.select_one(".ntm-tally").get_text(" ", strip=True).startswith("1 ")


def test_only_published_evidence_and_nothing_internal(client, world):
    soup = _soup(client)
    rows = _rows(soup)
    record = world["record"]
    (link,) = rows["1.1"].select(".ntm-evidence a")
    assert link["href"] == record.url and link.get_text(strip=True) == record.title
    text = soup.get_text(" ")
    assert world["internal"].title not in text  # 2.2's document, not published
    assert rows["2.1"].select("img") == []  # the hall's photo, not published
    assert rows["2.2"].select(".ntm-evidence a") == []
    html = str(soup)
    assert "Ghi chú nội bộ" not in html and "300 m" not in html
    assert "0912 345 678" not in html and "0912345678" not in html


def test_a_published_photo_shows_with_its_text_alternative(client, world):
    hall = world["assessments"]["hall"]
    hall.evidence_public = True
    hall.save(update_fields=["evidence_public"])
    (image,) = _rows(_soup(client))["2.1"].select(".ntm-photos img")
    photo = hall.photos.get()
    assert image["alt"] == photo.default_alt_text
    assert image.find_parent("a")["href"]  # to a larger rendition


def test_each_commune_shows_its_own_programme(client, world):
    soup = _soup(client, world["luu_kiem"])
    rows = _rows(soup)
    assert _cell(rows["1.1"], "value") == "40%" and _cell(rows["1.2"], "value") == "5%"
    assert rows["1.1"].select_one(".ntm-unconfirmed") is not None  # no group-3 threshold
    assert _cell(rows["2.1"], "value") == "–"
    assert world["record"].title not in soup.get_text()


def test_the_latest_programme_with_results_is_shown_and_the_others_are_linked(client, world):
    # Liên Khê starts the next set: nothing assessed in it yet, so the results stay in front.
    later = make_programme(world["lien_khe"], make_set("ntm-bang-sau"), started_on="2027-06-01")
    soup = _soup(client)
    assert _cell(_rows(soup)["1.1"], "value") == "95,5%"
    links = soup.select(".ntm-programmes a")
    assert [link["href"] for link in links] == [f"?ct={later.pk}", f"?ct={world['programme'].pk}"]
    assert links[1]["aria-current"] == "page" and not links[0].has_attr("aria-current")
    assert "chưa có kết quả" in links[0].find_parent("li").get_text()
    # The resident follows the link to the new programme: its criteria, none assessed.
    response = client.get(URL + f"?ct={later.pk}")
    chosen = BeautifulSoup(response.content.decode(), "html.parser")
    assert [a["href"] for a in chosen.select(".ntm-programmes a[aria-current]")] == [
        f"?ct={later.pk}"
    ]
    assert {_cell(row, "value") for row in _rows(chosen).values()} == {"–"}
    # Once the new programme has results, it comes first.
    assess(later, "1.1", 2027, number=Decimal("97"))
    assert _cell(_rows(_soup(client))["1.1"], "value") == "97%"


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999", "", "1 OR 1=1"])
def test_a_bad_or_foreign_programme_choice_shows_the_current_one(client, world, value):
    response = client.get(URL, {"ct": value})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert _cell(_rows(soup)["1.1"], "value") == "95,5%"


def test_another_communes_programme_cannot_be_shown(client, world):
    soup = BeautifulSoup(client.get(URL, {"ct": world["other"].pk}).content.decode(), "html.parser")
    assert _cell(_rows(soup)["1.1"], "value") == "95,5%"  # Liên Khê's, not Lưu Kiếm's 40%


def test_a_commune_without_a_programme_says_so(client, db):
    commune = make_commune(name="Kiền Bái")
    pages.results_page_ensure(commune=commune)
    soup = _soup(client, commune)
    assert soup.select(".ntm-results") == [] and soup.h1 is not None


# Structure, for readers of every kind, and print ----------------------------------------------


def test_the_page_is_structured_for_assistive_technology_and_small_screens(client, world):
    hall = world["assessments"]["hall"]
    hall.evidence_public = True
    hall.save(update_fields=["evidence_public"])
    soup = _soup(client)
    assert soup.html.get("lang")
    assert len(soup.find_all("h1")) == 1
    main = soup.find("main")
    levels = [int(h.name[1]) for h in main.find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for section in main.find_all("section"):
        assert soup.find(id=section["aria-labelledby"]) is not None
    tables = main.select("table.ntm-results")
    assert len(tables) == 3
    for table in tables:
        assert table.caption.get_text(strip=True)
        assert all(th.get("scope") == "col" for th in table.thead.find_all("th"))
        headers = len(table.thead.find_all("th"))
        for row in table.tbody.find_all("tr"):
            cells = row.find_all("td")
            assert len(cells) == headers
            # On a narrow screen each row reads as a list labelled by these.
            assert all(cell.get("data-label") for cell in cells)
        assert "register" in table["class"]
    for image in main.find_all("img"):
        assert image.get("alt")
    for link in main.find_all("a"):
        assert link.get_text(strip=True) or link.find("img", alt=True)
    # Statuses are told in words, not colour alone.
    assert all(state.get_text(strip=True) for state in main.select(".ntm-state"))


def _print_rules(soup: BeautifulSoup, name: str) -> str:
    """The print rules of the page's own stylesheet `css/<name>`, which the page must link (no
    inline style: the Content-Security-Policy refuses it)."""
    from django.contrib.staticfiles import finders

    assert soup.select_one(f'link[rel="stylesheet"][href*="css/{name}"]'), name
    css = Path(str(finders.find(f"css/{name}"))).read_text()
    return css[css.index("@media print") :]


def test_the_page_has_a_print_stylesheet_fitting_a4(client, world):
    soup = _soup(client)
    printed = _print_rules(soup, "ntm-results.css")
    assert "A4" in printed and ".ntm-results" in printed and "table-layout: fixed" in printed
    assert ".site-nav" in printed and ".breadcrumb" in printed  # no navigation on paper
    assert soup.select('link[rel="stylesheet"][media="print"]')  # the site's own print rules
    assert soup.find("script", src=False) is None  # nothing needs JavaScript


def test_the_number_of_queries_does_not_grow_with_the_evidence(client, world):
    _soup(client)  # what is remembered per change (site, trail) is built once
    with CaptureQueriesContext(connection) as before:
        _soup(client)
    hall = world["assessments"]["hall"]
    hall.evidence_public = True
    hall.save(update_fields=["evidence_public"])
    sorting = assess(world["programme"], "3.1", 2027, passed=True, evidence_public=True)
    sorting.evidence.add(make_pdf(title="Biên bản kiểm tra phân loại rác", name="rac.pdf"))
    _soup(client)
    with CaptureQueriesContext(connection) as after:
        soup = _soup(client)
    assert len(_rows(soup)["3.1"].select(".ntm-evidence a")) == 1
    assert len(after.captured_queries) == len(before.captured_queries)
