"""What a resident reads on the results page: snippets with their paragraphs apart, and a
"did you mean" only when the query has a word the portal holds nowhere."""

from __future__ import annotations

import pytest
from django.utils.html import strip_tags
from wagtail.rich_text import RichText

from xaso.core.text import html_text
from xaso.portal.tests.factories import make_article, make_category
from xaso.search import selectors

pytestmark = pytest.mark.django_db

SPORTS_BODY = [
    ("paragraph", RichText("<p>Hội khỏe có 300 vận động viên.</p><p>Các môn thi đấu</p>")),
    ("heading", "Bóng chuyền"),
    ("paragraph", RichText("<ul><li>Bóng đá</li><li>Cờ tướng</li></ul><p>Kéo co<br>Đẩy gậy</p>")),
]


def test_block_boundaries_become_spaces():
    html = "<p>vận động viên.</p><p>Các môn thi đấu</p><h3>Bóng chuyền</h3><p>A&amp;B<br/>C</p>"
    assert html_text(html) == "vận động viên. Các môn thi đấu Bóng chuyền A&B C"
    assert html_text("<p>Đường <b>bê</b>tông</p>") == "Đường bêtông"  # inline tags join


def test_snippet_keeps_paragraphs_and_headings_apart(commune):
    category = make_category(parent=commune.site.root_page, title="Thể thao", slug="the-thao")
    make_article(category=category, title="Hội khỏe Phù Đổng", lead="", body=SPORTS_BODY)
    results = selectors.search(commune_id=commune.pk, text="mon thi dau")
    assert results.count == 1
    text = strip_tags(results.hits[0].snippet_html)
    assert "viên. Các môn thi đấu Bóng chuyền Bóng đá Cờ tướng Kéo co Đẩy gậy" in text
    assert "viên.Các" not in text and "đấuBóng" not in text


@pytest.fixture
def land_news(commune):
    category = make_category(parent=commune.site.root_page, title="Tin tức", slug="tin-tuc")
    make_article(category=category, title="Người dân hiến đất làm đường", lead="Ở thôn Đông.")
    for number in range(6):
        make_article(category=category, title=f"Dân vận khéo số {number}", lead="Vì dân.")
    return category


def test_no_did_you_mean_when_the_words_are_right(commune, land_news):
    results = selectors.search(commune_id=commune.pk, text="hiến đất")
    assert results.count == 1  # "dat" has a far more frequent neighbour, "dan"
    assert results.suggestion is None


def test_did_you_mean_corrects_only_the_unknown_word(commune, land_news):
    results = selectors.search(commune_id=commune.pk, text="hiến đấtt")
    assert results.suggestion == "hiến dat"


def test_did_you_mean_on_the_page_only_with_a_correction(client, commune, land_news):
    right = client.get("/tim-kiem/", {"q": "hiến đất"}).content.decode()
    assert "Người dân hiến đất làm đường" in right and "did-you-mean" not in right
    assert "Có phải bạn muốn tìm" not in right
    typo = client.get("/tim-kiem/", {"q": "hiến đấtt"}).content.decode()
    assert "Có phải bạn muốn tìm" in typo and "hiến dat" in typo
