"""Recording a rating: the score's range, once a day per browser and page, the comment cleaned
and bounded, local paths only, and nothing in the record that could name the rater."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from xaso.communes.tests.factories import make_commune
from xaso.demo.ratings import load_ratings_demo

from .. import services
from ..models import Rating
from .factories import DAY, make_rating

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("score", [1, 3, 5, "4"])
def test_scores_from_one_to_five_are_recorded(commune, score):
    rating = make_rating(commune, score=score)
    assert Rating.objects.get(pk=rating.pk).score == int(score)


@pytest.mark.parametrize("score", [0, 6, -1, "abc", "", None, "4.5"])
def test_scores_out_of_range_are_refused(commune, score):
    with pytest.raises(ValidationError) as caught:
        make_rating(commune, score=score)
    assert "score" in caught.value.message_dict
    assert not Rating.objects.exists()


def test_the_same_browser_rates_a_page_once_a_day(commune):
    make_rating(commune)
    with pytest.raises(ValidationError) as caught:
        make_rating(commune, score=1)
    assert caught.value.code == "duplicate"
    assert Rating.objects.count() == 1
    make_rating(commune, day=DAY + datetime.timedelta(days=1))  # the next day
    make_rating(commune, path="/gioi-thieu/")  # another page
    make_rating(commune, token="browser-two")  # another browser
    assert Rating.objects.count() == 4


def test_a_concurrent_duplicate_meets_the_constraint(commune, monkeypatch):
    make_rating(commune)
    # The second post passed its check before the first was saved: the database refuses it.
    monkeypatch.setattr(Rating.objects, "filter", lambda **kw: Rating.objects.none())
    with pytest.raises(ValidationError) as caught:
        make_rating(commune)
    assert caught.value.code == "duplicate"
    monkeypatch.undo()
    assert Rating.objects.count() == 1


def test_the_comment_is_stored_in_nfc_without_control_characters(commune):
    decomposed = unicodedata.normalize("NFD", "Thông tin rõ ràng, dễ hiểu")
    rating = make_rating(commune, comment=f"  {decomposed}\x00\x07\u202e\r\nCảm ơn xã\x1b  ")
    rating.refresh_from_db()
    assert rating.comment == "Thông tin rõ ràng, dễ hiểu\nCảm ơn xã"
    assert unicodedata.is_normalized("NFC", rating.comment)


def test_a_comment_of_1000_characters_is_kept_and_1001_refused(commune):
    assert len(make_rating(commune, comment="ạ" * 1000).comment) == 1000
    with pytest.raises(ValidationError) as caught:
        make_rating(commune, comment="a" * 1001, token="browser-two")
    assert "comment" in caught.value.message_dict
    assert Rating.objects.count() == 1


@pytest.mark.parametrize(
    "path",
    ["http://evil.example/", "//evil.example/", "/\\evil.example", "tin-tuc/", "", "/" + "a" * 500,
     "/tin tuc/", "javascript:alert(1)"],
)  # fmt: skip
def test_only_local_paths_are_rated(commune, path):
    with pytest.raises(ValidationError) as caught:
        make_rating(commune, path=path)
    assert "path" in caught.value.message_dict
    assert not Rating.objects.exists()


def test_the_query_string_is_not_part_of_the_path(commune):
    assert make_rating(commune, path="/tim-kiem/?q=dat+dai#top").path == "/tim-kiem/"


def test_the_section_is_the_top_level_page_under_the_home(commune, home, category, article):
    on_article = make_rating(commune, page=article, path=article.url)
    on_home = make_rating(commune, page=home, path="/")
    on_view = make_rating(commune, path="/phan-anh/")
    assert on_article.section == category.title
    assert on_article.page_id == article.pk
    assert on_home.section == ""
    assert on_view.section  # a label for the feedback form's section
    other = make_commune(name="Lưu Kiếm")  # after `article.url`: one site, a relative URL
    foreign = make_rating(commune, page=other.site.root_page, path="/khac/")
    assert foreign.page_id is None  # another commune's page is not this commune's


def test_a_deleted_page_keeps_its_ratings(commune, article):
    rating = make_rating(commune, page=article, path=article.url)
    article.delete()
    rating.refresh_from_db()
    assert rating.page_id is None and rating.path and rating.section


def test_nothing_stored_can_name_the_rater(commune):
    names = {field.name for field in Rating._meta.get_fields()}
    for forbidden in ("ip", "address", "user", "agent", "session", "token", "created", "time"):
        assert not [name for name in names if forbidden in name], forbidden
    assert names == {
        "id", "commune", "page", "path", "section", "score", "comment", "comment_hidden", "day",
        "voter",
    }  # fmt: skip
    rating = make_rating(commune)
    assert "browser-one" not in rating.voter and len(rating.voter) == 64
    assert rating.voter == services.voter_key(day=DAY, path="/tin-tuc/", token="browser-one")


def test_the_demo_is_made_once(commune, home, article):
    made = load_ratings_demo(commune, today=DAY)
    assert made > 100
    assert Rating.objects.filter(commune=commune).count() == made
    assert Rating.objects.exclude(comment="").exists()
    days = Rating.objects.values_list("day", flat=True)
    assert min(days) >= DAY - datetime.timedelta(days=59) and max(days) <= DAY
    assert load_ratings_demo(commune, today=DAY + datetime.timedelta(days=1)) == 0
    assert Rating.objects.count() == made
