import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaso.core.legacy_text import TCVN3, VNI, detect, fix_legacy, is_syllable, to_unicode
from xaso.testing.samples import (
    BINH_PHUOC_UNICODE,
    BINH_PHUOC_VNI,
    CA_MAU_UNICODE,
    CA_MAU_VNI,
    MOF_TCVN3,
    MOF_UNICODE,
)

# Encoders written here from the layout of each encoding, independently of the module's tables,
# so that a wrong entry there breaks the round trips below.

_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng

# TCVN 5712:1993 VN3 (ABC), one row per vowel: no tone, then the five tones in _TONES order.
_TCVN3_ROWS = {
    "a": "aµ¶·¸¹", "ă": "¨»¼½¾Æ", "â": "©ÇÈÉÊË",
    "e": "eÌÎÏÐÑ", "ê": "ªÒÓÔÕÖ", "i": "i×ØÜÝÞ",
    "o": "oßáâãä", "ô": "«åæçèé", "ơ": "¬êëìíî",
    "u": "uïñòóô", "ư": "\xadõö÷øù", "y": "yúûüýþ",
}  # fmt: skip
_TCVN3_CAPITALS = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}

# VNI-Windows: base letter + a mark for each tone, a mark for circumflex/breve + tone, ơ ư đ and
# the marked i and ỵ as one character.
_VNI_TONE = dict(zip(_TONES, "øûõùï", strict=True))
_VNI_CIRCUMFLEX = dict(zip(("", *_TONES), "âàåãáä", strict=True))
_VNI_BREVE = dict(zip(("", *_TONES), "êèúüéë", strict=True))
_VNI_I = dict(zip(_TONES, "ìæóíò", strict=True))


def _split(letter: str) -> tuple[str, str]:
    """A lowercase Vietnamese letter → (the letter without tone, its tone mark or "")."""
    parts = unicodedata.normalize("NFD", letter)
    tone = "".join(part for part in parts if part in _TONES)
    return unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES)), tone


def encode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as typed with .VnTime/.VnTimeH: a capital with a tone mark has no code and
    is typed with the lowercase one."""
    out = []
    for char in text:
        bare, tone = _split(char.lower())
        if char in _TCVN3_CAPITALS:
            out.append(_TCVN3_CAPITALS[char])
        elif char.isascii() and not tone:
            out.append(char)
        elif bare == "đ":
            out.append("®")
        elif bare in _TCVN3_ROWS:
            out.append(_TCVN3_ROWS[bare][_TONES.index(tone) + 1 if tone else 0])
        else:
            out.append(char)
    return "".join(out)


def encode_vni(text: str) -> str:
    out = []
    for char in text:
        bare, tone = _split(char.lower())
        base = unicodedata.normalize("NFD", bare)[0]
        if bare == "đ":
            code = "ñ"
        elif bare not in _TCVN3_ROWS:  # not a Vietnamese vowel
            out.append(char)
            continue
        elif bare == "i":
            code = _VNI_I[tone] if tone else "i"
        elif bare == "y" and tone == "\u0323":
            code = "î"
        elif bare in "ơư":
            code = {"ơ": "ô", "ư": "ö"}[bare] + (_VNI_TONE[tone] if tone else "")
        elif bare in "âêô":
            code = base + _VNI_CIRCUMFLEX[tone]
        elif bare == "ă":
            code = "a" + _VNI_BREVE[tone]
        else:
            code = base + (_VNI_TONE[tone] if tone else "")
        out.append(code.upper() if char.isupper() else code)
    return "".join(out)


# The 67 letters of Vietnamese outside ASCII: 12 vowels × 6 tones, less a e i o u y, plus đ.
LOWER = [
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in "aăâeêioôơuưy"
    for tone in ("", *_TONES)
    if not (vowel.isascii() and not tone)
] + ["đ"]
UPPER = [letter.upper() for letter in LOWER]


def test_the_letter_lists_are_complete():
    assert len(set(LOWER)) == 67
    assert len(set(UPPER)) == 67
    assert "ỹ" in LOWER
    assert "Ự" in UPPER


# --- Real documents -----------------------------------------------------------------------------
# From TrizenX/viparse-corpus, a corpus of public Vietnamese government documents kept in their
# legacy encodings, with checked Unicode transcripts in ground-truth/. The legacy strings below are
# the Windows-1252 reading of the documents' bytes; the expected strings are the transcripts.


@pytest.mark.parametrize(
    ("legacy", "unicode", "encoding"),
    [
        (MOF_TCVN3, MOF_UNICODE, TCVN3),
        (BINH_PHUOC_VNI, BINH_PHUOC_UNICODE, VNI),
        (CA_MAU_VNI, CA_MAU_UNICODE, VNI),
    ],
)
def test_real_documents_are_detected_and_converted(legacy, unicode, encoding):
    assert detect(legacy) == encoding
    assert fix_legacy(legacy) == (unicode, encoding)
    assert to_unicode(legacy, encoding) == unicode


def test_a_real_document_typed_in_both_encodings_is_converted_line_by_line():
    # corpus/public-domain/tcvn3/2004-duanLD9820.doc, a project of the People's Committee of Lâm
    # Đồng province (lamdong.gov.vn) typed partly in .VnTime and partly in VNI-Times; transcript
    # ground-truth/2004-duanLD9820.txt, lines 1415-1417. One TCVN3 line, then two VNI lines.
    legacy = (
        "II.2.2. C¸c chøc n¨ng cô thÓ \n"
        "- Trao ñoåi thoâng tin noäi boä trong caùc cô quan, ñôn vò  vaø thoâng tin vôùi caùc "
        "ñôn vò beân ngoaøi.\n"
        "- Trao ñoåi thoâng tin vôùi Uyû ban nhaân daân Tænh vaø Tænh uûy.\n"
    )
    fixed, encoding = fix_legacy(legacy)
    assert fixed == (
        "II.2.2. Các chức năng cụ thể \n"
        "- Trao đổi thông tin nội bộ trong các cơ quan, đơn vị  và thông tin với các "
        "đơn vị bên ngoài.\n"
        "- Trao đổi thông tin với Uỷ ban nhân dân Tỉnh và Tỉnh ủy.\n"
    )
    assert encoding == VNI  # the encoding of most lines


@pytest.mark.parametrize(
    ("legacy", "unicode", "encoding"),
    [
        ("ViÖt Nam", "Việt Nam", TCVN3),
        ("Vieät Nam", "Việt Nam", VNI),
        ("Hµ Néi", "Hà Nội", TCVN3),
        ("§¶ng bé x· Yªn Phó", "Đảng bộ xã Yên Phú", TCVN3),
        ("Ñaûng boä xaõ Yeân Phuù", "Đảng bộ xã Yên Phú", VNI),
        # Capitals of the .VnTimeH font, stored with lowercase codes.
        ("CHñ TÞCH UBND X·", "CHỦ TỊCH UBND XÃ", TCVN3),
        ("Tin häc ho¸ UBND TØNH", "Tin học hoá UBND TỈNH", TCVN3),
        ("CHUÛ TÒCH UBND XAÕ", "CHỦ TỊCH UBND XÃ", VNI),
    ],
)
def test_short_phrases(legacy, unicode, encoding):
    assert fix_legacy(legacy) == (unicode, encoding)


# --- Tables -------------------------------------------------------------------------------------


@pytest.mark.parametrize("letter", LOWER)
def test_every_lowercase_letter_round_trips_through_tcvn3(letter):
    code = encode_tcvn3(letter)
    assert len(code) == 1
    assert to_unicode(code, TCVN3) == letter


@pytest.mark.parametrize("letter", UPPER)
def test_every_capital_round_trips_through_tcvn3_in_a_capitals_word(letter):
    # TCVN3 has its own code only for Ă Â Ê Ô Ơ Ư Đ; the other capitals come back from the case of
    # the word around them.
    word = f"N{letter}NG"
    assert to_unicode(encode_tcvn3(word), TCVN3) == word
    if letter in _TCVN3_CAPITALS:
        assert to_unicode(encode_tcvn3(letter), TCVN3) == letter


def test_tcvn3_codes_are_distinct_and_match_the_standard_bytes():
    codes = [encode_tcvn3(letter) for letter in LOWER] + list(_TCVN3_CAPITALS.values())
    assert len(set(codes)) == 74
    assert encode_tcvn3("Đường").encode("latin-1") == b"\xa7\xad\xeang"
    assert encode_tcvn3("Việt").encode("latin-1") == b"Vi\xd6t"


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_every_letter_round_trips_through_vni(letter):
    assert to_unicode(encode_vni(letter), VNI) == letter


def test_vni_codes_are_distinct_and_match_the_standard_bytes():
    assert len({encode_vni(letter) for letter in LOWER + UPPER}) == 134
    assert encode_vni("Đường").encode("latin-1") == b"\xd1\xf6\xf4\xf8ng"
    assert encode_vni("ỵ ỷ ỹ") == "î yû yõ"


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        to_unicode("abc", "viscii")


# --- What must not be touched -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12345",
        "2024-05-01 08:30, 1.250.000 đ",
        "Hello world, this is plain English text.",
        "café",
        "Müller",
        "naïve",
        "São Paulo",
        "Nguyễn Văn Đức",
        "Ủy ban nhân dân xã Yên Phú thông báo lịch tiếp công dân tháng 5.",
        "« Tôi là ai » © 2024",
        "Hà Nội © 2024 — « Trang chủ »",
        "Crème brûlée à la française, s'il vous plaît. Où êtes-vous ?",
        "Der Müller fährt über die Brücke nach Köln und trinkt ein Bier.",
        "Mañana será otro día, señor Muñoz.",
        "São Paulo é a maior cidade do Brasil, não é?",
        "Du må gå på skolen nå så får du se.",
        "Göteborg är Sveriges näst största stad.",
        "Ærø, Åland og Øresund.",
        "İstanbul'da güzel bir gün.",
        "£5 for a café au lait, ½ price",
        "où",
        "ö.ö.",
        # A lone legacy word is too little to go on.
        "ViÖt",
    ],
)
def test_text_that_is_not_legacy_is_left_alone(text):
    assert detect(text) is None
    assert fix_legacy(text) == (text, None)


def test_only_the_legacy_paragraph_of_mixed_text_is_converted():
    before = "Thông báo của Ủy ban nhân dân xã © 2024\n« Lịch tiếp công dân » tháng 5:\n"
    after = "\nĐề nghị các thôn, xóm thông báo tới bà con."
    fixed, encoding = fix_legacy(before + MOF_TCVN3 + after)
    assert (fixed, encoding) == (before + MOF_UNICODE + after, TCVN3)

    fixed, encoding = fix_legacy(before + BINH_PHUOC_VNI + after)
    assert (fixed, encoding) == (before + BINH_PHUOC_UNICODE + after, VNI)


def test_the_result_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Xã Yên Phú, huyện Đồng Xoài\n")
    fixed, encoding = fix_legacy(decomposed + CA_MAU_VNI)
    assert encoding == VNI
    assert fixed == "Xã Yên Phú, huyện Đồng Xoài\n" + CA_MAU_UNICODE
    assert unicodedata.is_normalized("NFC", fixed)
    assert unicodedata.is_normalized("NFC", to_unicode(MOF_TCVN3, TCVN3))
    assert fix_legacy(decomposed) == (unicodedata.normalize("NFC", decomposed), None)


@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("Việt", True),
        ("NGHĨA", True),
        ("hoà", True),
        ("hòa", True),
        ("người", True),
        ("quyết", True),
        ("giữ", True),
        ("khuỷu", True),
        ("Viêt", False),  # a closed -t syllable takes sắc or nặng
        ("hoaø", False),
        ("ViÖt", False),
        ("ghe", True),
        ("ge", False),
        ("ki", True),
        ("ci", False),
        ("Müller", False),
    ],
)
def test_syllable_check(word, valid):
    assert is_syllable(word) is valid


def test_plain_unicode_text_is_not_examined_word_by_word(monkeypatch):
    """Ordinary text leaves at the quick exit; only a line holding a legacy-looking character
    is read word by word (how fast that is: bench/legacy_text.py)."""
    from xaso.core import legacy_text

    paragraph = (
        "Ủy ban nhân dân xã thông báo: người dân có nhu cầu làm thủ tục chứng thực, hộ tịch "
        "vui lòng đến bộ phận một cửa vào giờ hành chính các ngày trong tuần. Cán bộ sẽ hướng "
        "dẫn chi tiết và trả kết quả đúng hẹn.\n"
    )
    text = paragraph * 1000
    marked = text + "© 2024 Ủy ban nhân dân xã\n"
    examined: list[str] = []
    original = legacy_text._tally

    def counting(line: str, encoding: str) -> object:
        examined.append(line)
        return original(line, encoding)

    monkeypatch.setattr(legacy_text, "_tally", counting)
    assert fix_legacy(text) == (text, None)
    assert examined == []
    assert fix_legacy(marked) == (marked, None)
    assert set(examined) <= {"© 2024 Ủy ban nhân dân xã\n", "© 2024 Ủy ban nhân dân xã"}


# --- Random sentences -----------------------------------------------------------------------------

# Syllables from the transcripts above and from everyday administrative Vietnamese.
_SYLLABLE_TEXT = (
    "thuế nhập cơ được các của định công và số có nghiệp năm nộp sở sản tiền nước hợp tư đầu "
    "phí với việc lý tài không từ đối ngày ngoài phải dụng động toán quyết thực tính khoản đồng "
    "chịu thời hiện xuất điều chính vụ hàng chế vào nhà tại thì về sử hành mức giảm chức quản "
    "giá trường để là phòng trên miễn hoặc tháng luật báo việt người quyền đã thành nhân dịch "
    "khác nếu tổng tác hoàn nhận tiếp lương dự xác phần chuyển văn cấp hoạt hạn đơn suất thông "
    "như nhiệm độ thuộc vốn phạt nghỉ lập tổ pháp hội kể tiêu bản kê nghị cá ở triệu trả bộ tế "
    "cứ bị bảo căn trực trưởng làm phạm trị này trừ điểm án ký chứng kết tỉnh hóa trách bán đi "
    "cả đó hưởng tăng chỉ trước thể đủ nghề kế đến chủ xử phép thẩm cáo đúng thuê liên rõ xã "
    "huyện thôn xóm ủy ban dân gia đình khuya quý nguyễn trần lê phạm huỳnh võ đặng bùi đỗ hồ "
    "ngô dương lý yên phú hưng thịnh vượng ước mưa nắng gió rừng núi sông biển ruộng lúa"
)
SYLLABLES = _SYLLABLE_TEXT.split()

sentences = st.lists(st.sampled_from(SYLLABLES), min_size=3, max_size=12).map(" ".join)


def _capitalised(sentence: str, encoding: str) -> str:
    first = sentence[0].upper()
    if encoding == TCVN3 and not (first.isascii() or first in _TCVN3_CAPITALS):
        return sentence  # a toned capital has no TCVN3 code of its own
    return first + sentence[1:]


@given(sentence=sentences, capital=st.booleans())
def test_random_sentences_round_trip(sentence, capital):
    for encoding, encode in ((TCVN3, encode_tcvn3), (VNI, encode_vni)):
        text = _capitalised(sentence, encoding) if capital else sentence
        legacy = encode(text)
        assert to_unicode(legacy, encoding) == text
        # Within a document that is surely legacy, any line of it comes back.
        assert fix_legacy(encode(MOF_UNICODE) + "\n" + legacy) == (
            MOF_UNICODE + "\n" + text,
            encoding,
        )


def _prose_like(words: list[str]) -> bool:
    """At least two words with à á ả ã ạ ă â ê or ô, as nearly every sentence of real prose has:
    the letters whose codes no European word holds in either encoding."""
    return sum(any(letter in word for letter in "àáảãạăâêô") for word in words) >= 2


@given(words=st.lists(st.sampled_from(SYLLABLES), min_size=4, max_size=12).filter(_prose_like))
def test_random_sentences_are_detected_alone(words):
    sentence = " ".join(words)
    for encoding, encode in ((TCVN3, encode_tcvn3), (VNI, encode_vni)):
        assert fix_legacy(encode(sentence)) == (sentence, encoding)
