import unicodedata

import pytest

from xaso.core.bots import is_bot
from xaso.core.text import nfc


def test_nfc_composes_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Nông thôn mới, Đảng bộ")
    assert decomposed != "Nông thôn mới, Đảng bộ"
    assert nfc(decomposed) == "Nông thôn mới, Đảng bộ"


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
        "facebookexternalhit/1.1",
        "python-requests/2.32",
        "curl/8.5.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36",
        "",
        None,
    ],
)
def test_bots_are_recognised(agent):
    assert is_bot(agent)


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0 Mobile Safari/537.36 Zalo android/12100 ZaloTheme/light",
    ],
)
def test_people_are_not_bots(agent):
    assert not is_bot(agent)


def _fold_by_the_definition(value: str) -> str:
    """fold() as the search issue defines it, written plainly (the real one is a fast table)."""
    import re

    text = unicodedata.normalize("NFC", value).lower()
    text = text.translate(str.maketrans({"đ": "d", "ð": "d"}))
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    )
    return re.sub(r"[\W_]+", " ", stripped).strip()


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Đảng bộ", "dang bo"),
        ("ĐẢNG BỘ", "dang bo"),
        ("Ðảng", "dang"),
        (unicodedata.normalize("NFD", "Nông thôn mới"), "nong thon moi"),
        ("hoá  –  hóa!", "hoa hoa"),
    ],
)
def test_fold(value, expected):
    from xaso.core.text import fold

    assert fold(value) == expected


def test_fold_agrees_with_its_definition_on_any_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from xaso.core.text import fold, fold_chars

    vietnamese = st.text(
        alphabet=st.sampled_from(
            "aàảãáạăằẳẵắặâầẩẫấậđĐÐeèéêềếệoòóôồốơờớợuùúưừứựyỳýAĂÂ .,-_\u0301\u0323"
        ),
        max_size=40,
    )

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(vietnamese, st.text(max_size=40)))
    def check(value):
        assert fold(value) == _fold_by_the_definition(value)
        nfc_value = unicodedata.normalize("NFC", value)
        by_char = fold_chars(nfc_value)
        if by_char is not None:
            assert len(by_char) == len(nfc_value)

    check()


def test_accent_key_pattern_finds_the_words_with_that_accent_key():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from xaso.core.text import accent_key, accent_key_pattern

    words = ["hoá", "hóa", "Hoà", "hòa", "bán", "bàn", "Ðất", "đất", "quý", "thuý", "thúy", "ban"]

    @settings(max_examples=300, deadline=None)
    @given(
        st.lists(st.sampled_from(words), min_size=1, max_size=8),
        st.lists(st.sampled_from(words), min_size=1, max_size=3),
        st.sampled_from([" ", ", ", " – ", "\n"]),
    )
    def check(text_words, query_words, separator):
        text = separator.join(text_words)
        keys = [accent_key(word) for word in query_words]
        pattern = accent_key_pattern(keys)
        found = {accent_key(m.group()) for m in pattern.finditer(text.lower())}
        expected = {accent_key(w) for w in text_words} & set(keys)
        assert found & set(keys) == expected

    check()
    assert accent_key_pattern([]) is None
