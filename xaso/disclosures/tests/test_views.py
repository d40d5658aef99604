"""Disclosures as residents read them."""

from __future__ import annotations

import datetime

import pytest

from .factories import make_disclosure

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def disclosed(commune):
    return [
        make_disclosure(
            commune=commune,
            title="Công khai các khoản huy động Nhân dân đóng góp làm đường thôn 9",
            kind=5,
            decided=D(2026, 7, 6),
            published=D(2026, 7, 8),
        ).disclosure,
        make_disclosure(
            commune=commune,
            title="Công khai thủ tục hành chính thuộc thẩm quyền của xã",
            kind=13,
            decided=D(2026, 10, 1),
            published=D(2026, 10, 2),
        ).disclosure,
    ]


def test_the_list_filters_by_kind_and_year(client, disclosed):
    page = client.get("/cong-khai/").content.decode()
    assert all(item.title in page for item in disclosed)
    assert "Quý 3/2026" in page and "Quý 4/2026" in page
    kind = disclosed[0].kind_id
    filtered = client.get("/cong-khai/", {"loai": kind}).content.decode()
    assert disclosed[0].title in filtered and disclosed[1].title not in filtered


@pytest.mark.parametrize(
    "query", [{"loai": "x"}, {"loai": "999"}, {"nam": "abc"}, {"nam": "-3"}, {"trang": "0"}]
)
def test_bad_filters_show_a_message(client, disclosed, query):
    response = client.get("/cong-khai/", query)
    assert response.status_code == 200


def test_a_disclosure_says_until_when_it_is_posted(client, disclosed):
    item = disclosed[0]
    page = client.get(f"/cong-khai/{item.pk}/").content.decode()
    assert "08/07/2026" in page and "06/08/2026" in page  # 30 days from 8/7
    permanent = client.get(f"/cong-khai/{disclosed[1].pk}/").content.decode()
    assert "lâu dài" in permanent


def test_the_quarterly_list_is_public_and_printable(client, disclosed):
    response = client.get("/cong-khai/danh-sach/2026/quy-3/")
    page = response.content.decode()
    assert response.status_code == 200
    assert disclosed[0].title in page and disclosed[1].title not in page
    assert "tool-print" in page and "01/07/2026" in page and "30/09/2026" in page
    assert client.get("/cong-khai/danh-sach/2026/quy-5/").status_code == 404
    assert client.get("/cong-khai/danh-sach/3000/quy-1/").status_code == 404
    assert client.get("/cong-khai/999999/").status_code == 404
