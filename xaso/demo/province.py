"""The province's portal of the demo (Hải Phòng, at haiphong.localhost) and two small communes
beside Liên Khê, so that its directory, news, search and New Rural standing show something.
Made through the services; a second run changes nothing."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from wagtail.rich_text import RichText

from xaso.communes.choices import CommuneKind
from xaso.communes.models import Commune
from xaso.communes.services import commune_create
from xaso.ntm import services as ntm_services
from xaso.ntm.choices import IndicatorKind, Level
from xaso.ntm.models import Assessment, Indicator, Programme
from xaso.portal import services as portal_services
from xaso.portal.models import ArticlePage, NewsCategoryPage
from xaso.province.models import ProvinceHomePage
from xaso.province.services import province_site_create

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
PROVINCE = "Hải Phòng"
PROVINCE_HOST = "haiphong.localhost"
PROVINCE_NAME = "Cổng thông tin điện tử thành phố Hải Phòng"
PROVINCE_INTRO = (
    "Danh bạ các xã, phường, đặc khu của thành phố, tin mới của từng xã, tìm kiếm trên mọi cổng "
    "xã và tình hình xây dựng nông thôn mới."
)
COMMUNES: list[dict[str, Any]] = [
    {
        "name": "An Lư",
        "kind": CommuneKind.COMMUNE,
        "slug": "an-lu",
        "hostname": "anlu.localhost",
        "address": "Thôn Phương Mỹ, xã An Lư, thành phố Hải Phòng",
        "phone": "0225 3870 123",
        "email": "ubndanlu@haiphong.gov.vn",
        "met": 12,  # pass-or-fail indicators met in criteria 1 to 12
        "articles": [
            (
                "2026-11-20",
                "An Lư ra quân làm đường giao thông nông thôn",
                "Hơn 300 người dân các thôn cùng góp công làm 2 km đường bê tông.",
            ),
            (
                "2026-11-05",
                "Hội nghị tiếp xúc cử tri xã An Lư cuối năm 2026",
                "Cử tri kiến nghị về nước sạch và chiếu sáng đường thôn.",
            ),
        ],
    },
    {
        "name": "Thủy Nguyên",
        "kind": CommuneKind.WARD,
        "slug": "thuy-nguyen",
        "hostname": "thuynguyen.localhost",
        "address": "Số 1 đường Bạch Đằng, phường Thủy Nguyên, thành phố Hải Phòng",
        "phone": "0225 3874 456",
        "email": "ubndthuynguyen@haiphong.gov.vn",
        "met": None,  # a ward: no New Rural programme
        "articles": [
            (
                "2026-11-25",
                "Phường Thủy Nguyên tổ chức ngày hội đại đoàn kết toàn dân tộc",
                "Các tổ dân phố cùng vui ngày hội, trao quà cho hộ khó khăn.",
            ),
            (
                "2026-10-30",
                "Thủy Nguyên triển khai dịch vụ công trực tuyến toàn trình",
                "Người dân nộp hồ sơ, nhận kết quả ngay tại nhà.",
            ),
        ],
    },
]


def _commune(data: dict[str, Any]) -> Commune:
    commune = Commune.objects.filter(slug=data["slug"]).first()
    if commune is None:
        commune = commune_create(
            name=data["name"],
            kind=data["kind"],
            province=PROVINCE,
            slug=data["slug"],
            hostname=data["hostname"],
        )
        assert commune.site is not None
        portal_services.portal_settings_update(
            site=commune.site,
            owner_name=f"Ủy ban nhân dân {commune.full_name.lower()}",
            address=data["address"],
            phone=data["phone"],
            email=data["email"],
        )
    return commune


def _news(commune: Commune, data: dict[str, Any]) -> None:
    assert commune.site is not None
    home = commune.site.root_page
    category = NewsCategoryPage.objects.child_of(home).filter(slug="tin-tuc").first()
    if category is None:
        category = portal_services.category_create(parent=home, title="Tin tức", slug="tin-tuc")
    for date, title, lead in data["articles"]:
        slug = f"{data['slug']}-{date}"
        if ArticlePage.objects.child_of(category).filter(slug=slug).exists():
            continue
        portal_services.article_create(
            category=category,
            title=title,
            slug=slug,
            lead=lead,
            body=[("paragraph", RichText(f"<p>{lead}</p>"))],
            published_at=datetime.datetime.fromisoformat(date).replace(hour=8, tzinfo=TZ),
        )


def _new_rural(commune: Commune, met: int | None) -> None:
    """A programme under the 2021–2025 set (like Liên Khê's) whose pass-or-fail indicators are
    met in 2025 for the first `met` criteria; the measured ones are left unassessed."""
    if met is None or Programme.objects.filter(commune=commune).exists():
        return
    sets = {s.code: s for s in ntm_services.shipped_sets_ensure()}
    programme = ntm_services.programme_save(
        programme=Programme(
            commune=commune,
            criteria_set=sets["qd318-2022"],
            applies_to="red_river_delta",
            target_level=Level.STANDARD,
            target_year=2025,
            started_on=datetime.date(2021, 1, 1),
        )
    )
    indicators = Indicator.objects.filter(
        criterion__criteria_set=programme.criteria_set, kind=IndicatorKind.PASS_FAIL
    ).select_related("criterion")
    for indicator in indicators:
        ntm_services.assessment_save(
            assessment=Assessment(
                programme=programme,
                indicator=indicator,
                year=2025,
                passed=indicator.criterion.number <= met,
            )
        )


def load_province_demo() -> ProvinceHomePage:
    home = province_site_create(
        user=None,
        name=PROVINCE_NAME,
        province=PROVINCE,
        hostname=PROVINCE_HOST,
        intro=PROVINCE_INTRO,
    )
    for data in COMMUNES:
        commune = _commune(data)
        _news(commune, data)
        _new_rural(commune, data["met"])
    return home
