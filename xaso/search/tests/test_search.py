"""Vietnamese search, end to end through services and selectors; runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from wagtail.rich_text import RichText

from xaso.portal.tests.factories import make_article, make_category
from xaso.search import query, selectors
from xaso.search.models import SearchDocument, SearchTerm
from xaso.search.services import index_rebuild

pytestmark = pytest.mark.django_db


def titles(commune, text, **filters):
    return [
        hit.document.title
        for hit in selectors.search(commune_id=commune.pk, text=text, **filters).hits
    ]


def _build_corpus(commune):
    category = make_category(parent=commune.site.root_page, title="Đảng bộ xã", slug="dang-bo-xa")
    other = make_category(parent=commune.site.root_page, title="Nông thôn mới", slug="ntm")
    articles = {
        "viet": make_article(
            category=category, title="Xã Việt Hưng đón bằng công nhận", days_ago=5
        ),
        "dang": make_article(
            category=category, title="Đảng bộ xã Đông Hòa tổng kết năm", days_ago=6
        ),
        "ntm": make_article(category=other, title="Nông thôn mới nâng cao ở Liên Khê", days_ago=7),
        "hien": make_article(
            category=other,
            title="Người dân hiến đất làm đường",
            lead="Hàng trăm hộ tự nguyện bàn giao mặt bằng.",
            days_ago=8,
        ),
        "thuoc": make_article(
            category=category, title="Tuyên truyền phòng chống tác hại thuốc lá", days_ago=9
        ),
        "donald": make_article(
            category=category, title="Ông Donald Trump thăm Việt Nam", days_ago=10
        ),
        "scatter": make_article(
            category=other,
            title="Mới có điện ở vùng nông thôn",
            lead="Điện về thôn.",
            days_ago=11,
        ),
    }
    return {"category": category, **articles}


# Made once for the module's consecutive tests, a copy for each (xaso/conftest.py).
SHARED_WORLD = _build_corpus
SHARED_WORLD_FIXTURE = "corpus"


@pytest.fixture
def corpus(shared_world):
    return shared_world


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("viet hung", "Xã Việt Hưng đón bằng công nhận"),
        ("hung", "Xã Việt Hưng đón bằng công nhận"),
        ("dang bo", "Đảng bộ xã Đông Hòa tổng kết năm"),
        ("dong hoa", "Đảng bộ xã Đông Hòa tổng kết năm"),
        ("DONG HOÁ", "Đảng bộ xã Đông Hòa tổng kết năm"),  # old tone placement, capitals
        ("nong thon moi nang cao", "Nông thôn mới nâng cao ở Liên Khê"),
        ("hien dat lam duong", "Người dân hiến đất làm đường"),
        ("duong lam dat hien", "Người dân hiến đất làm đường"),  # any order
        ("thốc lá", "Tuyên truyền phòng chống tác hại thuốc lá"),  # one-edit typo
        ("Donad", "Ông Donald Trump thăm Việt Nam"),
        ("ban giao mat bang", "Người dân hiến đất làm đường"),  # found in the lead
    ],
)
def test_queries_find_what_people_mean(commune, corpus, query, expected):
    found = titles(commune, query)
    assert found and found[0] == expected, found


def test_nfd_and_eth_text_is_found_and_finds(commune, category):
    make_article(category=category, title=unicodedata.normalize("NFD", "Đảng viên gương mẫu"))
    make_article(category=category, title="Ðoàn thanh niên ra quân")  # Ð (U+00D0) from old tools
    assert titles(commune, "đảng viên") == ["Đảng viên gương mẫu"]
    assert titles(commune, unicodedata.normalize("NFD", "Đoàn thanh niên")) == [
        "Ðoàn thanh niên ra quân"
    ]
    assert titles(commune, "doan thanh nien") == ["Ðoàn thanh niên ra quân"]


def test_a_phrase_in_quotes_needs_the_words_together(commune, corpus):
    loose = titles(commune, "moi nong thon")
    assert "Mới có điện ở vùng nông thôn" in loose and "Nông thôn mới nâng cao ở Liên Khê" in loose
    assert titles(commune, '"nong thon moi"') == ["Nông thôn mới nâng cao ở Liên Khê"]


def test_title_ranks_above_lead_above_body(commune, category):
    body = make_article(
        category=category,
        title="Tin thứ nhất",
        lead="Tóm tắt.",
        body=[("paragraph", RichText("<p>Bàn về giao thông nông thôn.</p>"))],
        days_ago=0,
    )
    lead = make_article(
        category=category, title="Tin thứ hai", lead="Giao thông nông thôn.", days_ago=1
    )
    title = make_article(
        category=category, title="Giao thông nông thôn", lead="Tóm tắt.", days_ago=2
    )
    assert titles(commune, "giao thong") == [title.title, lead.title, body.title]


def test_exact_accents_rank_above_folded_matches(commune, category):
    make_article(category=category, title="Bàn làm việc mới cho bộ phận một cửa", days_ago=0)
    make_article(category=category, title="Bán đấu giá tài sản công", days_ago=3)
    assert titles(commune, "bán")[0] == "Bán đấu giá tài sản công"
    assert titles(commune, "bàn")[0] == "Bàn làm việc mới cho bộ phận một cửa"
    assert len(titles(commune, "ban")) == 2


def test_recency_breaks_ties(commune, category):
    make_article(category=category, title="Họp dân thôn 9", days_ago=30)
    make_article(category=category, title="Họp dân thôn 9", slug="hop-dan-moi", days_ago=1)
    hits = selectors.search(commune_id=commune.pk, text="hop dan").hits
    assert hits[0].document.published_at > hits[1].document.published_at


def test_filters_by_category_kind_and_dates(commune, corpus):
    ntm_path = corpus["ntm"].get_parent().path
    assert set(titles(commune, "thon", category_path=ntm_path)) == {
        "Nông thôn mới nâng cao ở Liên Khê",
        "Mới có điện ở vùng nông thôn",
    }
    assert titles(commune, "viet", kind="page") == []
    today = datetime.date.today()
    recent = titles(commune, "xa", date_from=today - datetime.timedelta(days=5))
    assert recent == ["Xã Việt Hưng đón bằng công nhận"]
    older = titles(commune, "xa", date_to=today - datetime.timedelta(days=6))
    assert "Xã Việt Hưng đón bằng công nhận" not in older and older


def test_pagination_and_count(commune, category):
    for n in range(25):
        make_article(category=category, title=f"Thông báo số {n}", slug=f"tb-{n}", days_ago=n)
    first = selectors.search(commune_id=commune.pk, text="thong bao", limit=10)
    third = selectors.search(commune_id=commune.pk, text="thong bao", offset=20, limit=10)
    assert first.count == 25 and len(first.hits) == 10 and len(third.hits) == 5
    every = {h.document.pk for h in first.hits} | {h.document.pk for h in third.hits}
    assert len(every) == 15


def test_highlight_marks_the_original_accented_words(commune, corpus):
    hit = selectors.search(commune_id=commune.pk, text="hien dat").hits[0]
    assert str(hit.title_html) == "Người dân <mark>hiến</mark> <mark>đất</mark> làm đường"


def test_highlight_escapes_html(commune, category):
    make_article(category=category, title="Cảnh giác <script>alert(1)</script> lừa đảo")
    hit = selectors.search(commune_id=commune.pk, text="lua dao").hits[0]
    assert "<script>" not in str(hit.title_html) and "&lt;script&gt;" in str(hit.title_html)


def test_index_follows_publish_edit_unpublish_delete(commune, category):
    article = make_article(category=category, title="Lịch tiêm chủng tháng 5")
    assert titles(commune, "tiem chung") == ["Lịch tiêm chủng tháng 5"]
    article.title = "Lịch tiêm phòng tháng 6"
    article.save_revision().publish()
    assert titles(commune, "tiem chung") == []
    assert titles(commune, "tiem phong") == ["Lịch tiêm phòng tháng 6"]
    article.unpublish()
    assert titles(commune, "tiem phong") == []
    article.save_revision().publish()
    assert titles(commune, "tiem phong") == ["Lịch tiêm phòng tháng 6"]
    article.delete()
    assert titles(commune, "tiem phong") == []
    assert not SearchDocument.objects.filter(object_id=article.pk).exists()


def test_term_frequencies_follow_changes_and_rebuild(commune, category):
    article = make_article(category=category, title="Khuyến nông mùa lúa")
    assert SearchTerm.objects.get(term="khuyen").documents == 1
    article.delete()
    assert not SearchTerm.objects.filter(term="khuyen").exists()
    make_article(category=category, title="Khuyến nông vụ đông")
    before = dict(SearchTerm.objects.values_list("term", "documents"))
    assert index_rebuild() == SearchDocument.objects.count()
    assert dict(SearchTerm.objects.values_list("term", "documents")) == before
    assert titles(commune, "khuyen nong") == ["Khuyến nông vụ đông"]


def test_search_is_scoped_to_the_commune(commune, category):
    from xaso.communes.tests.factories import make_commune

    other = make_commune()
    other_category = make_category(parent=other.site.root_page)
    make_article(category=other_category, title="Tin của xã khác")
    assert titles(commune, "xa khac") == []
    assert titles(other, "xa khac") == ["Tin của xã khác"]


def test_did_you_mean_suggests_the_correction(commune, corpus):
    results = selectors.search(commune_id=commune.pk, text="donad trump")
    assert results.hits and results.suggestion == "donald trump"


def test_information_pages_are_searchable_and_filterable(commune, category):
    from xaso.portal.models import StandardPage

    page = StandardPage(
        title="Giới thiệu lịch sử xã", slug="lich-su-xa", lead="Truyền thống cách mạng."
    )
    commune.site.root_page.add_child(instance=page)
    page.save_revision().publish()
    make_article(category=category, title="Lịch sử thôn Thiểm Khê")
    assert set(titles(commune, "lich su")) == {"Giới thiệu lịch sử xã", "Lịch sử thôn Thiểm Khê"}
    assert titles(commune, "lich su", kind="page") == ["Giới thiệu lịch sử xã"]


def test_rebuild_command_reports_what_it_indexed(commune, category):
    import io

    from django.core.management import call_command

    make_article(category=category, title="Thu hoạch lúa xuân")
    SearchDocument.objects.all().delete()
    assert titles(commune, "lua xuan") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=io.StringIO())
    assert "1" in out.getvalue()
    assert titles(commune, "lua xuan") == ["Thu hoạch lúa xuân"]


def test_a_query_keeps_at_most_ten_words_and_says_it_was_cut():
    plan = query.parse(" ".join(f"tu{number}" for number in range(50)))
    assert len(plan.words) == query.MAX_WORDS == 10 and plan.shortened
    assert [word.folded for word in plan.words] == [f"tu{number}" for number in range(10)]
    assert not query.parse("hien dat lam duong").shortened
    assert query.parse("x" * 201).shortened and not query.parse("x" * 200).shortened
    phrases = query.parse(" ".join(f'"a{n} b{n} c{n} d{n}"' for n in range(3)))
    assert sum(len(phrase) for phrase in phrases.phrases) <= 10 and phrases.shortened


def test_typos_are_looked_for_in_a_bounded_number_of_words(commune, monkeypatch):
    looked_up: list[list[str]] = []
    original = query.typo_candidates

    def counting(words):
        words = list(words)
        looked_up.append([word.folded for word in words])
        return original(words)

    monkeypatch.setattr(query, "typo_candidates", counting)
    typed = " ".join(f"tuxyz{number}q" for number in range(50))  # nothing matches: typos looked up
    results = selectors.search(commune_id=commune.pk, text=typed)
    assert results.count == 0 and results.plan.shortened
    assert len(looked_up) == 1 and len(looked_up[0]) == query.MAX_TYPO_WORDS == 3
    plan = query.parse(typed)
    query.add_alternatives(plan, {})
    assert len(query.typo_words(plan, {})) == 3


def test_control_and_format_characters_are_removed():
    cleaned = query.clean("a\u202eb\u2066c\u200bd\u200fe\x00f\ufeffg\u2028h\u00adi")
    assert cleaned == "abcde fg hi"
    assert query.clean("a\u0301") == "á"  # NFC
