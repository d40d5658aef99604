"""Highlighting and snippets: marks on the accented words as written, everything escaped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xaso.search.highlight import _highlight_by_token, highlight, snippet

WORDS = [
    "Hiến", "đất", "làm", "đường", "ĐẤT", "Ðất", "hoá", "hóa", "<b>", "&", '"x"', "a_b", "²",
    "İstanbul", "ǆa", "Đe\u0301", "ẞ", "hi\u0302\u0301n", "Ǆ", "ﬁ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=12),
    st.sets(st.sampled_from(["hien", "dat", "duong", "hoa", "b", "x", "a"]), max_size=3),
    st.sampled_from([None, "du", "h"]),
)
def test_highlight_agrees_with_marking_word_by_word(pieces, forms, prefix):
    text = " ".join(pieces)
    from xaso.core.text import nfc

    assert str(highlight(text, forms, prefix)) == _highlight_by_token(nfc(text), forms, prefix)


def test_highlight_marks_accented_words_and_escapes():
    html = str(highlight('Người dân <hiến> "đất" & Ðất', {"hien", "dat"}))
    assert (
        html
        == "Người dân &lt;<mark>hiến</mark>&gt; &quot;<mark>đất</mark>&quot; &amp; <mark>Ðất</mark>"
    )


def test_snippet_cuts_around_the_passage_where_the_words_meet():
    filler = "Nội dung không liên quan đến câu hỏi. " * 30
    text = filler + "Bà con hiến đất làm đường liên thôn. " + filler
    html = str(snippet(text, {"hien", "dat", "duong"}))
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>hiến</mark> <mark>đất</mark> làm <mark>đường</mark>" in html
    assert len(html) < 400


def test_snippet_of_short_text_is_whole_and_escaped():
    assert str(snippet("  Họp <dân> về đất  ", {"dat"})) == "Họp &lt;dân&gt; về <mark>đất</mark>"
    assert str(snippet("   ", {"dat"})) == ""
