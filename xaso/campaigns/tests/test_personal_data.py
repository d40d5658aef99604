"""No household's personal data ever reaches the public: households whose fields hold values
found nowhere else (names of households that did not consent, addresses, phones, parcels,
locations, notes of visits and moves) are created, then the public site is crawled as a visitor
would — the home page and every page linked from it, the campaign page, the sitemaps, the RSS
feed, the search for each value, and every campaign API address — and no value may appear."""

from __future__ import annotations

import datetime
import json
from collections import deque
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from xaso.party.tests.factories import make_official
from xaso.portal.tests.factories import make_article, make_category

from .. import public, services
from ..choices import Status
from ..models import StatusChange, Visit
from ..pages import CampaignPage
from .factories import make_campaign, make_household, make_public_world, walk

pytestmark = pytest.mark.django_db
MAX_PAGES = 200
API = "/api/v1/campaigns/"
# Staff pages and files are no part of what the public reads.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/")
READABLE = ("text/", "application/json", "application/xml", "application/rss+xml")

# Each value is held by one household's personal field and by nothing public.
SECRET_NAMES = ["Quách Thị Nhẫn", "Bạch Văn Ẩn", "Mạc Thị Chưa", "Tôn Thất Khước"]
SECRET_ADDRESSES = ["Số 417 ngõ Hoa Sữa", "Số 9 xóm Giếng Cổ"]
SECRET_PHONES = ["0987654321", "0369112233"]
SECRET_PARCELS = ["Tờ 31, thửa 4711", "Tờ 8, thửa 2093"]
SECRET_CODES = ["HK-4711-Q", "HK-2093-B"]
SECRET_STRUCTURES = ["Chuồng bò lợp ngói đỏ"]
SECRET_NOTES = ["Gia đình đang khó khăn vì ốm đau", "Con trai cả còn băn khoăn về tường rào"]
LATITUDES = ["20.931234", "20.987654"]
LONGITUDES = ["106.667891", "106.612345"]
OFFICIAL_PHONE = "0911 222 333"


def _forms(value: str) -> list[str]:
    """The ways a value could be written on a page: as stored, with a decimal comma, with the
    phone's digits grouped."""
    forms = {value, value.replace(".", ",")}
    if value.isdigit() and len(value) == 10:
        forms.add(f"{value[:4]} {value[4:7]} {value[7:]}")
        forms.add(f"{value[:4]}.{value[4:7]}.{value[7:]}")
    return sorted(forms)


SECRETS = [
    form
    for value in [
        *SECRET_NAMES,
        *SECRET_ADDRESSES,
        *SECRET_PHONES,
        *SECRET_PARCELS,
        *SECRET_CODES,
        *SECRET_STRUCTURES,
        *SECRET_NOTES,
        *LATITUDES,
        *LONGITUDES,
    ]
    for form in _forms(value)
]


def _build_world() -> dict[str, Any]:
    world = make_public_world()
    commune = world["commune"]
    first, second, _third = world["segments"]
    east, west = world["hamlets"]
    official = make_official(commune=commune, full_name="Ngô Văn Vận", phone=OFFICIAL_PHONE)
    common = {"official": official, "other_structures": SECRET_STRUCTURES[0]}
    # Cleared and not consenting; refused; consenting but only agreed so far; being canvassed.
    households = [
        make_household(
            segment=first,
            hamlet=east,
            code=SECRET_CODES[0],
            head_name=SECRET_NAMES[0],
            address=SECRET_ADDRESSES[0],
            phone=SECRET_PHONES[0],
            parcel_ref=SECRET_PARCELS[0],
            latitude=Decimal(LATITUDES[0]),
            longitude=Decimal(LONGITUDES[0]),
            **common,
        ),
        make_household(
            segment=second,
            hamlet=west,
            code=SECRET_CODES[1],
            head_name=SECRET_NAMES[1],
            address=SECRET_ADDRESSES[1],
            phone=SECRET_PHONES[1],
            parcel_ref=SECRET_PARCELS[1],
            latitude=Decimal(LATITUDES[1]),
            longitude=Decimal(LONGITUDES[1]),
            **common,
        ),
        make_household(
            segment=second,
            hamlet=west,
            head_name=SECRET_NAMES[2],
            honour_consent=True,
            honour_consent_on=datetime.date(2026, 4, 3),
        ),
        make_household(segment=first, hamlet=east, head_name=SECRET_NAMES[3]),
    ]
    walk(households[0], Status.CLEARED)
    walk(households[1], Status.REFUSED)
    walk(households[2], Status.AGREED)
    walk(households[3], Status.MOBILISING)
    services.visit_record(
        visit=Visit(
            household=households[1],
            visited_on=datetime.date(2026, 4, 10),
            kind="visit",
            people="Trưởng thôn",
            outcome=SECRET_NOTES[1],
        )
    )
    StatusChange.objects.filter(household=households[0]).update(note=SECRET_NOTES[0])
    # A campaign not published, with its own page: its households must not show either.
    hidden = make_campaign(commune=commune, name="Làm đường ra cánh đồng", is_public=False)
    public.campaign_page_ensure(campaign=hidden)
    # Site content around the campaign, so the crawl has a site to walk.
    category = make_category(parent=commune.site.root_page.specific, title="Tin tức", slug="tin")
    make_article(category=category, title="Xã ra quân làm đường", slug="ra-quan")
    world.update(hidden=hidden, official=official)
    return world


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_world


@pytest.fixture
def world(shared_world: Any) -> dict[str, Any]:
    return shared_world


def _links(base: str, content: str, content_type: str) -> list[str]:
    if "json" in content_type:
        found: list[str] = []

        def walk_json(value: Any) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    if key in ("url", "api_url") and isinstance(item, str):
                        found.append(item)
                    else:
                        walk_json(item)
            elif isinstance(value, list):
                for item in value:
                    walk_json(item)

        walk_json(json.loads(content))
        return found
    if "xml" in content_type:  # the sitemap's <loc>, the feed's <link>
        root = ElementTree.fromstring(content)  # noqa: S314 — the site's own output
        return [
            (element.text or "").strip()
            for element in root.iter()
            if element.tag.rsplit("}", 1)[-1] in ("loc", "link")
        ]
    soup = BeautifulSoup(content, "html.parser")
    return [urljoin(base, str(tag["href"])) for tag in soup.find_all("a", href=True)]


def _local(url: str, hosts: set[str]) -> str | None:
    """The path and query of a link on the site itself; None for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc not in hosts):
        return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith(SKIPPED_PREFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _without_echo(content: str, query: str) -> str:
    """A search page with the words asked for taken out where it repeats them (the title, the
    search boxes, “nothing found for …”): what is left is what the site found."""
    soup = BeautifulSoup(content, "html.parser")
    if soup.title is not None:
        soup.title.decompose()
    for field in soup.select("input[value]"):
        del field["value"]
    return str(soup).replace(f"“{query}”", "“”")


def _crawl(client: Any, host: str, starts: list[str]) -> dict[str, str]:
    """Breadth-first over the site's own links from `starts`: every readable response's text by
    address (at most MAX_PAGES)."""
    hosts = {host, "testserver"}
    seen: set[str] = set()
    texts: dict[str, str] = {}
    queue = deque(starts)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_HOST=host)
        if response.status_code in (301, 302):
            target = _local(urljoin(f"http://{host}{url}", response["Location"]), hosts)
            if target:
                queue.append(target)
            continue
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(READABLE) or not hasattr(response, "content"):
            continue
        assert response.status_code < 500, url
        text = response.content.decode()
        texts[url] = text
        for link in _links(f"http://{host}{url}", text, content_type):
            target = _local(link, hosts)
            if target and target not in seen:
                queue.append(target)
    return texts


def _leaks(texts: dict[str, str], values: list[str]) -> list[tuple[str, str]]:
    return [(url, value) for url, text in texts.items() for value in values if value in text]


def test_no_personal_value_appears_anywhere_public(client, world):
    host = world["commune"].site.hostname
    page_url = world["page"].get_url(None)
    api = [API, f"{API}{world['campaign'].pk}/", f"{API}{world['hidden'].pk}/"]
    texts = _crawl(
        client, host, ["/", page_url, "/sitemap.xml", "/so-do-trang/", "/rss/", "/tin/rss/", *api]
    )
    # The crawl did reach what it checks: the campaign page by its link from the home page,
    # the hidden campaign's page, the feed, the sitemap, and the API with the segments.
    home_links = _links(f"http://{host}/", texts["/"], "text/html")
    assert any(_local(link, {host, "testserver"}) == page_url for link in home_links)
    hidden_url = CampaignPage.objects.get(campaign=world["hidden"]).get_url(None)
    assert hidden_url in texts and page_url in texts and "/sitemap.xml" in texts
    assert "Xã ra quân làm đường" in texts["/rss/"]
    assert "Trần Văn Vinh" in texts[page_url]  # consented and signed: on the honour board
    assert '"D1"' in texts[f"{API}{world['campaign'].pk}/"]
    assert len(texts) >= 10
    assert _leaks(texts, SECRETS) == []
    # The campaign's own page and API: not even the canvassing official's phone.
    own = {url: text for url, text in texts.items() if url in (page_url, *api)}
    assert _leaks(own, [*_forms(OFFICIAL_PHONE.replace(" ", "")), OFFICIAL_PHONE]) == []


@pytest.mark.parametrize(
    "value",
    [SECRET_NAMES[0], SECRET_ADDRESSES[0], SECRET_PHONES[0], SECRET_PARCELS[0], LATITUDES[0]],
)
def test_searching_for_a_personal_value_finds_nothing(client, world, value):
    host = world["commune"].site.hostname
    response = client.get("/tim-kiem/?" + urlencode({"q": value}), HTTP_HOST=host)
    assert response.status_code == 200
    shown = _without_echo(response.content.decode(), value)
    assert BeautifulSoup(shown, "html.parser").select(".search-result") == []
    assert _leaks({"search": shown}, SECRETS) == []
    for url in ("/api/v1/search/", "/api/v1/search/suggest/"):
        answer = client.get(url + "?" + urlencode({"q": value}), HTTP_HOST=host)
        assert answer.status_code == 200
        assert _leaks({url: answer.content.decode()}, SECRETS) == []


def test_the_echo_is_all_that_is_taken_out_of_a_search_page():
    page = (
        "<title>Tìm kiếm: Bạch Văn Ẩn</title><input value='Bạch Văn Ẩn'>"
        "<p role='status'>Không tìm thấy “Bạch Văn Ẩn”.</p><p>Bạch Văn Ẩn, Số 9 xóm Giếng Cổ</p>"
    )
    shown = _without_echo(page, "Bạch Văn Ẩn")
    assert _leaks({"search": shown}, ["Bạch Văn Ẩn"]) == [("search", "Bạch Văn Ẩn")]
    assert "Số 9 xóm Giếng Cổ" in shown
