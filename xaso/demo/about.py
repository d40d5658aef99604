"""The demo commune's introduction pages (written for the demo; figures are illustrative)."""

from __future__ import annotations

import json

from wagtail.rich_text import RichText

from xaso.about import services
from xaso.about.models import BoundaryMapPage, HistoryPage, NaturalConditionsPage
from xaso.communes.models import Commune

# An illustrative outline (not the surveyed boundary), longitude before latitude.
BOUNDARY = {
    "type": "Feature",
    "properties": {"name": "Liên Khê"},
    "geometry": {
        "type": "Polygon",
        "coordinates": [[
            [106.596, 20.972], [106.611, 20.979], [106.628, 20.976], [106.637, 20.965],
            [106.634, 20.951], [106.621, 20.943], [106.604, 20.946], [106.593, 20.957],
            [106.596, 20.972],
        ]],
    },
}  # fmt: skip
BORDERS = (
    "Phía Bắc giáp xã Lưu Kiếm; phía Nam giáp xã Lưu Kỳ; phía Đông giáp xã Gia Minh; phía Tây "
    "giáp sông Giá."
)
NATURAL = {
    "area_km2": "8.92",
    "population": 11640,
    "population_year": 2023,
    "location": (
        "Xã nằm ở phía Tây Bắc của huyện Thủy Nguyên, cách trung tâm thành phố khoảng 25 km, có "
        "đường tỉnh chạy qua và sông Giá bao quanh một phần địa giới."
    ),
    "terrain": (
        "Địa hình đồng bằng xen đồi thấp, đất phù sa không được bồi hằng năm chiếm phần lớn "
        "diện tích canh tác; phía Bắc có một số đồi đá vôi."
    ),
    "climate": (
        "Khí hậu nhiệt đới gió mùa, mùa hè nóng ẩm, mưa nhiều; mùa đông lạnh, ít mưa. Nguồn "
        "nước tưới chủ yếu lấy từ sông Giá qua hệ thống kênh nội đồng."
    ),
}
HISTORY = [
    (
        "paragraph",
        RichText(
            "<p>Liên Khê được hình thành từ các làng cổ Thiểm Khê, Thụ Khê và Quỳ Khê bên dòng "
            "sông Giá. Trải qua các thời kỳ kháng chiến, Nhân dân trong xã luôn một lòng theo "
            "Đảng, đóng góp sức người, sức của cho tiền tuyến.</p>"
            "<p>Ngày nay, các làng vẫn giữ được nếp sinh hoạt cộng đồng, lễ hội truyền thống và "
            "phong trào xây dựng đời sống văn hóa ở khu dân cư.</p>"
        ),
    )
]
SITES = [
    {
        "name": "Đình làng Thiểm Khê",
        "kind": "relic",
        "recognition": "Di tích lịch sử – văn hóa (ví dụ minh họa)",
        "description": (
            "Ngôi đình cổ là nơi sinh hoạt văn hóa cộng đồng của làng; hằng năm mở hội vào "
            "mùa xuân với các trò chơi dân gian."
        ),
        "images": [],
    },
    {
        "name": "Bến sông Giá",
        "kind": "scenic",
        "recognition": "",
        "description": "Cảnh quan ven sông với hàng cây cổ thụ, nơi người dân tập thể dục buổi sáng.",
        "images": [],
    },
]


def _publish(page: object) -> None:
    page.save_revision().publish()  # type: ignore[attr-defined]


def load_about_demo(commune: Commune) -> None:
    index = services.required_pages_ensure(commune=commune)
    if index is None:
        return
    natural = NaturalConditionsPage.objects.descendant_of(index).first()
    if natural is not None and natural.area_km2 is None:
        for name, value in NATURAL.items():
            setattr(natural, name, value)
        _publish(natural)
    history = HistoryPage.objects.descendant_of(index).first()
    if history is not None and not history.body:
        history.body = HISTORY
        history.sites = [("site", site) for site in SITES]
        _publish(history)
    boundary = BoundaryMapPage.objects.descendant_of(index).first()
    if boundary is not None and not boundary.boundary_geojson:
        boundary.boundary_geojson = json.dumps(BOUNDARY, ensure_ascii=False)
        boundary.borders = BORDERS
        _publish(boundary)
