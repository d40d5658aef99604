"""Vietnamese typed in the legacy 8-bit encodings TCVN3 (ABC) and VNI, found and made Unicode.

Documents typed before Unicode in the fonts .VnTime/.VnTimeH (TCVN3) or VNI-Times (VNI) reach a web
page as the Windows-1252 reading of their bytes: "ViÖt Nam" (TCVN3) or "Vieät Nam" (VNI) for
"Việt Nam". `fix_legacy()` finds such lines in pasted text and converts them; `detect()` and
`to_unicode()` are its two halves.

How a line is recognised (line by line: a legacy paragraph may sit inside Unicode text):

1. Text with none of the characters legacy text is made of beyond the Latin-1 letters Vietnamese
   uses itself (¸ µ ¹ Ö ø ï ñ …) and no VNI pair such as "aù" returns at once: ordinary Unicode
   Vietnamese, English and most European text stop here. So does a line with a letter only
   Unicode has (ơ ư đ ạ …).
2. Each word the conversion changes is checked as a Vietnamese syllable (onset, rhyme and tone
   placement, `is_syllable()`) after conversion and before it: "ViÖt" is none, "Việt" is one;
   but Unicode "Tôi" read as TCVN3 gives "Tụi", a syllable too, so both sides count.
3. A line is in an encoding when the conversion gains syllables: at least 80 % of the changed
   words become syllables, few of them were syllables already, they have four letters or more;
   one of them holds a code no European word has (a TCVN3 symbol such as ¸ µ ©, a capital inside
   a small word as in "ViÖt", a VNI pair as in "Vieät") or three distinct codes appear; there are
   two of them, or one in a line whose every word is a syllable ("ViÖt Nam"); and half the words
   of the line are syllables. "Müller", "où" or "Du må gå på skolen" stay as they are.
4. A line with less evidence that still gains syllables is converted when another line of the
   text passed step 3; one that gains none but loses none either ("Sè" is Unicode "sè" or TCVN3
   "Số") when a line next to it passed, or when the text has no Unicode-only letter at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from typing import Any, NamedTuple

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS = (TCVN3, VNI)

# TCVN3 (TCVN 5712:1993, the "VN3"/ABC subset used by the .VnTime fonts), legacy byte → Unicode.
# Checked position by position against three public implementations, which all agree on every
# entry: Unikey's VnConv table (ukengine/data.cpp in vn-input/ibus-unikey and unikey/data.cpp in
# fcitx/fcitx5-unikey), xvnkb's tcvn.h (lamdao/xvnkb) and GNU libiconv's lib/tcvn.h (TCVN5712-1,
# bytes 0xA1-0xFE). Confirmed on real documents typed in .VnTime (TrizenX/viparse-corpus).
# TCVN3 has no codes for capitals with a tone mark: the capital fonts (.VnTimeH) draw the lowercase
# codes as capitals, so "VIỆT" is stored as "VIÖT" (see `_tcvn3_line()`). The codes that
# TCVN 5712 VN1 gives such capitals (0x80-0x9F and the gaps below) are not read: in ABC text
# 0x80-0x9F are Windows-1252 punctuation (“ ” – …), as Unikey also treats them.
_TCVN3_TO_UNICODE = {
    "\xa1": "Ă", "\xa2": "Â", "\xa3": "Ê", "\xa4": "Ô", "\xa5": "Ơ", "\xa6": "Ư", "\xa7": "Đ",
    "\xa8": "ă", "\xa9": "â", "\xaa": "ê", "\xab": "ô", "\xac": "ơ", "\xad": "ư", "\xae": "đ",
    "\xb5": "à", "\xb6": "ả", "\xb7": "ã", "\xb8": "á", "\xb9": "ạ",
    "\xbb": "ằ", "\xbc": "ẳ", "\xbd": "ẵ", "\xbe": "ắ", "\xc6": "ặ",
    "\xc7": "ầ", "\xc8": "ẩ", "\xc9": "ẫ", "\xca": "ấ", "\xcb": "ậ",
    "\xcc": "è", "\xce": "ẻ", "\xcf": "ẽ", "\xd0": "é", "\xd1": "ẹ",
    "\xd2": "ề", "\xd3": "ể", "\xd4": "ễ", "\xd5": "ế", "\xd6": "ệ",
    "\xd7": "ì", "\xd8": "ỉ", "\xdc": "ĩ", "\xdd": "í", "\xde": "ị",
    "\xdf": "ò", "\xe1": "ỏ", "\xe2": "õ", "\xe3": "ó", "\xe4": "ọ",
    "\xe5": "ồ", "\xe6": "ổ", "\xe7": "ỗ", "\xe8": "ố", "\xe9": "ộ",
    "\xea": "ờ", "\xeb": "ở", "\xec": "ỡ", "\xed": "ớ", "\xee": "ợ",
    "\xef": "ù", "\xf1": "ủ", "\xf2": "ũ", "\xf3": "ú", "\xf4": "ụ",
    "\xf5": "ừ", "\xf6": "ử", "\xf7": "ữ", "\xf8": "ứ", "\xf9": "ự",
    "\xfa": "ỳ", "\xfb": "ỷ", "\xfc": "ỹ", "\xfd": "ý", "\xfe": "ỵ",
}  # fmt: skip

# VNI-Windows (VNI-Times fonts): a base letter followed by a mark character, or one character for
# ơ ư đ and the marked i and ỵ. Lowercase here; capitals are the same pairs upper-cased ("AÙ" = Á).
# Checked against Unikey's VnConv table (VNI-WIN in the same data.cpp) and xvnkb's vni.h, which
# agree on all 134 letters, and against duydev/vietnamese-conversion (src/charsets.ts), which agrees
# except ỷ and ỹ (it has "ë" and "ì" there, against the two others and against real documents).
# Confirmed on real documents typed in VNI-Times (TrizenX/viparse-corpus).
_VNI_LOWER = {
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï",
    "ă": "aê", "ắ": "aé", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ặ": "aë",
    "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä",
    "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï",
    "ê": "eâ", "ế": "eá", "ề": "eà", "ể": "eå", "ễ": "eã", "ệ": "eä",
    "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "ó": "où", "ò": "oø", "ỏ": "oû", "õ": "oõ", "ọ": "oï",
    "ô": "oâ", "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä",
    "ơ": "ô", "ớ": "ôù", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ợ": "ôï",
    "ú": "uù", "ù": "uø", "ủ": "uû", "ũ": "uõ", "ụ": "uï",
    "ư": "ö", "ứ": "öù", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ự": "öï",
    "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
    "đ": "ñ",
}  # fmt: skip
_VNI_TO_UNICODE = {
    legacy: letter
    for lower, code in _VNI_LOWER.items()
    for letter, legacy in ((lower, code), (lower.upper(), code.upper()))
    if legacy != letter
}

_TCVN3_TABLE = str.maketrans(_TCVN3_TO_UNICODE)
_VNI_PATTERN = re.compile(
    "|".join(re.escape(code) for code in sorted(_VNI_TO_UNICODE, key=len, reverse=True))
)

# Characters that only legacy text brings in quantity: every character of the two tables except
# the Latin-1 letters Unicode Vietnamese itself uses.
_UNICODE_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_LEGACY_CHARS = {c for c in "".join(_TCVN3_TO_UNICODE) + "".join(_VNI_TO_UNICODE) if ord(c) > 127}
_MARKERS = "".join(sorted(_LEGACY_CHARS - _UNICODE_VIETNAMESE_LATIN1))
# VNI letters written with the Latin-1 letters of Vietnamese alone ("caùc" for "các").
_VNI_PLAIN_PAIRS = re.compile(
    "|".join(
        re.escape(code)
        for code in _VNI_TO_UNICODE
        if len(code) == 2 and not any(char in _MARKERS for char in code)
    )
)
_ANY_LEGACY = re.compile("[" + re.escape("".join(sorted(_LEGACY_CHARS))) + "]")
# A word: letters, plus the TCVN3 codes that are not letters in Latin-1 (¸ µ ¶ · ¹ © ® …).
_WORD = re.compile(
    r"(?:[^\W\d_]|["
    + re.escape("".join(sorted(c for c in _LEGACY_CHARS if not c.isalpha())))
    + "])+"
)
# Letters of Unicode Vietnamese that no legacy text contains.
_UNICODE_ONLY = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_ASCII_UPPER = re.compile(r"[A-Z]")
# Abbreviations such as UBND, HĐND, TSCĐ: neither for nor against a reading.
_ABBREVIATION = re.compile("[A-ZĂÂĐÊÔƠƯ]{2,}")
_LATIN1_LETTER = re.compile("[À-ÖØ-öø-ÿ]")
# Codes that a European word never holds: in TCVN3 a code that is no letter in Latin-1 (¸ µ ©)
# or a capital after a small letter ("ViÖt"); in VNI a letter followed by its mark ("Vieät").
_TELLING = {
    TCVN3: re.compile(
        "["
        + re.escape("".join(sorted(c for c in _TCVN3_TO_UNICODE if not _LATIN1_LETTER.match(c))))
        + "]|(?<=[a-zß-öø-ÿ])["
        + re.escape("".join(sorted(c for c in _TCVN3_TO_UNICODE if c.isupper())))
        + "]"
    ),
    VNI: re.compile("|".join(re.escape(code) for code in _VNI_TO_UNICODE if len(code) == 2)),
}
_ASCII_LOWER = re.compile(r"[a-z]")


def to_unicode(text: str, encoding: str) -> str:
    """The text read as `encoding` ("tcvn3" or "vni"), in Unicode NFC."""
    if encoding == TCVN3:
        converted = "".join(_tcvn3_line(line) for line in _lines(text))
    elif encoding == VNI:
        converted = _VNI_PATTERN.sub(_vni_letter, text)
    else:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    return unicodedata.normalize("NFC", converted)


def detect(text: str) -> str | None:
    """The legacy encoding the text, or some line of it, is typed in (the one of most lines when
    both occur), or None."""
    return _dominant(_line_encodings(unicodedata.normalize("NFC", text)))


def fix_legacy(text: str) -> tuple[str, str | None]:
    """The text in NFC with every legacy-encoded line converted, and the encoding found (the one
    of most lines when both occur), or None when there was nothing to convert."""
    text = unicodedata.normalize("NFC", text)
    encodings = _line_encodings(text)
    found = _dominant(encodings)
    if found is None:
        return text, None
    fixed = "".join(
        line if encoding is None else to_unicode(line, encoding)
        for line, encoding in zip(_lines(text), encodings, strict=True)
    )
    return fixed, found


def _lines(text: str) -> list[str]:
    """The lines of the text, each with its line break; joined, they give the text back."""
    return [line for line in _LINE.findall(text) if line]


def _dominant(encodings: list[str | None]) -> str | None:
    counts = Counter(encoding for encoding in encodings if encoding)
    return counts.most_common(1)[0][0] if counts else None


def _vni_letter(match: re.Match[str]) -> str:
    return _VNI_TO_UNICODE[match.group()]


def _tcvn3_line(line: str) -> str:
    """One line read as TCVN3, with the capitals a .VnTimeH font would have shown restored: the
    whole line when its letters are all capitals ("CHñ TÞCH" → "CHỦ TỊCH"), else each word of two
    or more capital letters and no small ones ("UBND TØNH"). A word like "Sè" stays "Số", since
    the same bytes in .VnTime read that way."""
    if line.isascii():
        return line
    converted = line.translate(_TCVN3_TABLE)  # ý is ý: the capitals may change even so
    if not _ASCII_LOWER.search(line) and any(
        len(_ASCII_UPPER.findall(word)) >= 2 for word in _WORD.findall(line)
    ):
        return converted.upper()
    return _WORD.sub(_tcvn3_capitals, converted)


def _tcvn3_capitals(match: re.Match[str]) -> str:
    word = match.group()
    if len(_ASCII_UPPER.findall(word)) >= 2 and not _ASCII_LOWER.search(word):
        return word.upper()
    return word


def _line_encodings(text: str) -> list[str | None]:
    """For each line of the (NFC) text, the legacy encoding it is typed in, or None."""
    lines = _lines(text)
    if not any(marker in text for marker in _MARKERS) and not _VNI_PLAIN_PAIRS.search(text):
        return [None] * len(lines)
    sure: list[str | None] = []
    gains: list[list[str]] = []  # encodings that make more syllables of the line
    ties: list[list[str]] = []  # encodings that make as many ("Sè" is "sè", or TCVN3 "Số")
    for line in lines:
        tallies = []
        if _ANY_LEGACY.search(line) and not _UNICODE_ONLY.search(line):
            tallies = sorted((_tally(line, encoding) for encoding in ENCODINGS), key=_by_gain)
        sure.append(next((t.encoding for t in reversed(tallies) if t.sure()), None))
        gains.append([t.encoding for t in reversed(tallies) if t.leans() and t.after > t.before])
        ties.append([t.encoding for t in reversed(tallies) if t.leans() and t.after == t.before])
    found = {encoding for encoding in sure if encoding}
    # A tie follows the lines next to it; where no letter of Unicode Vietnamese outside Latin-1
    # (ơ, ư, đ, ạ, …) appears anywhere, it follows the whole text.
    legacy_only = not _UNICODE_ONLY.search(text)
    neighbours = _neighbour_encodings(lines, sure)
    return [
        sure[index]
        or next((encoding for encoding in gains[index] if encoding in found), None)
        or next(
            (
                encoding
                for encoding in ties[index]
                if encoding in (found if legacy_only else neighbours[index])
            ),
            None,
        )
        for index in range(len(lines))
    ]


def _neighbour_encodings(lines: list[str], sure: list[str | None]) -> list[set[str | None]]:
    """For each line, the sure encodings of the nearest non-blank lines above and below it."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    neighbours: list[set[str | None]] = [set() for _ in lines]
    for position, index in enumerate(filled):
        if position > 0:
            neighbours[index].add(sure[filled[position - 1]])
        if position + 1 < len(filled):
            neighbours[index].add(sure[filled[position + 1]])
    return neighbours


class _Tally(NamedTuple):
    """What reading one line in one encoding does to its words."""

    encoding: str
    changed: int  # words the conversion changes
    before: int  # of these, the ones that were syllables already
    after: int  # the ones that become syllables (or abbreviations such as "NĐ")…
    syllables: int  # …the ones that become syllables…
    letters: int  # …with so many letters in all…
    telling: int  # …so many with a code European text never has (see `_TELLING`)…
    codes: int  # …and so many distinct legacy characters
    valid: int  # words that are syllables after conversion, of…
    counted: int  # …the words, less abbreviations and single letters that are no syllable

    def leans(self) -> bool:
        return self.syllables > 0 and self.after * 2 >= self.changed and self.after >= self.before

    def sure(self) -> bool:
        return (
            self.leans()
            and self.after > self.before
            and self.letters >= 4
            and self.after * 5 >= self.changed * 4
            and (self.before * 3 <= self.changed or self.telling >= 2)
            and (self.telling > 0 or self.codes >= 3)
            and (self.after >= 2 or self.valid == self.counted >= 2)
            and (self.valid * 2 >= self.counted or self.after == self.changed >= 3)
        )


def _by_gain(tally: _Tally) -> tuple[int, int]:
    return tally.after - tally.before, tally.after


def _tally(line: str, encoding: str) -> _Tally:
    changed = before = after = syllables = letters = telling = valid = counted = 0
    codes: set[str] = set()
    for word in _WORD.findall(line):
        single = len(word) == 1
        if single and not (word.isascii() or _LATIN1_LETTER.match(word)):
            continue  # a lone « or © is punctuation, though TCVN3 reads it as ô or â
        converted = _convert_word(word, encoding)
        ok = is_syllable(converted)
        neutral = not ok and (single or _ABBREVIATION.fullmatch(converted) is not None)
        counted += not neutral
        valid += ok
        if converted == word:
            continue
        changed += 1
        before += is_syllable(word)
        if ok:
            after += 1
            syllables += 1
            letters += len(converted)
            telling += not single and _TELLING[encoding].search(word) is not None
            codes.update(char for char in word if char in _LEGACY_CHARS)
        elif neutral and not single:
            after += 1  # "N§-CP" is "NĐ-CP": it leans, but is no evidence on its own
    return _Tally(
        encoding, changed, before, after, syllables, letters, telling, len(codes), valid, counted
    )


@lru_cache(maxsize=65536)
def _convert_word(word: str, encoding: str) -> str:
    if encoding == TCVN3:
        return word.translate(_TCVN3_TABLE)
    return _VNI_PATTERN.sub(_vni_letter, word)


# Vietnamese syllables: onset + rhyme + tone. The rhymes are listed without tone; `_toned_rhymes()`
# adds the tones where the spelling rules put them (both "hoà" and "hòa" are accepted).
_BASE_RHYMES = (
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
    "e", "ec", "em", "en", "eng", "eo", "ep", "et",
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu",
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "ooc", "oong",
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    "u", "ua", "uc", "ui", "um", "un", "ung", "up", "ut",
    "uôc", "uôi", "uôm", "uôn", "uông", "uôp", "uôt",
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu",
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
    "y", "yêm", "yên", "yêng", "yêt", "yêu",
)  # fmt: skip
# After the glide o.
_O_MEDIAL_RHYMES = (
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăp", "oăt", "oe", "oem", "oen", "oeo", "oet",
)  # fmt: skip
# After the glide u, which q always takes ("quy", "quyết"): y and the rhymes that start with it.
_Y_RHYMES = ("y", "ya", "ych", "ynh", "yp", "yt", "yu", "yên", "yêt")
_U_MEDIAL_RHYMES = (
    *("u" + rhyme for rhyme in _Y_RHYMES),
    "uân", "uâng", "uât", "uây", "uê", "uêch", "uênh", "uơ",
)  # fmt: skip
_QU_RHYMES = frozenset((*(rhyme for rhyme in _BASE_RHYMES if rhyme[0] in "aăâeêiôơ"), *_Y_RHYMES))
# "gi" + rhyme: the i of iê is not written twice ("giếng").
_GI_RHYMES = frozenset(
    (
        *(rhyme for rhyme in _BASE_RHYMES if rhyme[0] in "aăâeêoôơuư"),
        *("êc", "êm", "ên", "êng", "êp", "êt", "êu"),
    )
)
_ONSETS = (
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_VOWELS = "aăâeêioôơuưy"
_MARKED_VOWELS = "ăâêôơư"
_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc, huyền, hỏi, ngã, nặng
_STOP_TONES = ("\u0301", "\u0323")  # the only tones a syllable ending in c, ch, p, t can take


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether the word (NFC, any case) is a well-formed Vietnamese syllable: "Việt", "NGHĨA",
    "hoà" and "hòa" are; "Viêt" (no tone on a closed -t), "Müller", "ViÖt" are not."""
    word = word.lower()
    toned = _toned_rhymes()
    for onset in _ONSETS:
        if word.startswith(onset):
            rhyme = toned.get(word[len(onset) :])
            if rhyme is not None and _onset_fits(onset, rhyme):
                return True
    return False


def _onset_fits(onset: str, rhyme: str) -> bool:
    first = rhyme[0]
    if onset == "qu":
        return rhyme in _QU_RHYMES
    if onset == "gi":
        return rhyme in _GI_RHYMES
    if rhyme.startswith("yê"):
        return onset == ""
    if onset in ("k", "gh", "ngh"):
        return first in "ieê" or (onset == "k" and first == "y")
    if onset in ("c", "ng"):
        return first not in "ieêy"
    if onset == "g":
        return first not in "eêy"
    return True


@cache
def _toned_rhymes() -> dict[str, str]:
    """Every rhyme with every tone it can carry (NFC) → the rhyme without tone."""
    toned: dict[str, str] = {}
    for rhyme in (*_BASE_RHYMES, *_O_MEDIAL_RHYMES, *_U_MEDIAL_RHYMES):
        stop = rhyme.endswith(("c", "ch", "p", "t"))
        if not stop:
            toned[rhyme] = rhyme
        for position in _tone_positions(rhyme):
            for tone in _STOP_TONES if stop else _TONES:
                marked = unicodedata.normalize("NFC", rhyme[position] + tone)
                toned[rhyme[:position] + marked + rhyme[position + 1 :]] = rhyme
    return toned


def _tone_positions(rhyme: str) -> list[int]:
    """Where the tone mark goes in a rhyme: on the last vowel with a diacritic (ươ → ơ); else on
    the last vowel before a final consonant; else on the only vowel, the first of two ("ai",
    either for oa, oe, uy), or the middle of three ("oai")."""
    vowels = []
    for index, char in enumerate(rhyme):
        if char not in _VOWELS:
            break
        vowels.append(index)
    marked = [index for index in vowels if rhyme[index] in _MARKED_VOWELS]
    if marked:
        return [marked[-1]]
    if len(vowels) < len(rhyme) or len(vowels) == 1:
        return [vowels[-1]]
    if len(vowels) == 2:
        return vowels if rhyme in ("oa", "oe", "uy") else [vowels[0]]
    return [vowels[1]]


_TAG = re.compile(r"(<[^>]*>)")


def fix_legacy_html(html: str) -> tuple[str, str | None]:
    """`fix_legacy` for HTML: only the text between tags is read and converted, each element's
    text a line of its own, so the tags and their attributes stay as they are."""
    parts = _TAG.split(html)
    texts = parts[0::2]
    if any("\n" in text for text in texts):  # keep each text apart from the others
        fixed_texts, found = [], []
        for text in texts:
            fixed, encoding = fix_legacy(text)
            fixed_texts.append(fixed)
            found.append(encoding)
        encoding = _dominant(found)
    else:
        joined, encoding = fix_legacy("\n".join(texts))
        fixed_texts = joined.split("\n")
    if encoding is None:
        return html, None
    parts[0::2] = fixed_texts
    return "".join(parts), encoding


def _fix_raw(value: Any, found: set[str]) -> Any:
    """A stream's stored form (lists, dicts, strings; rich text as HTML) with legacy text fixed
    and every string in NFC."""
    if isinstance(value, str):
        fixed, encoding = fix_legacy_html(value) if "<" in value else fix_legacy(value)
        if encoding:
            found.add(encoding)
        return unicodedata.normalize("NFC", fixed)
    if isinstance(value, list):
        return [_fix_raw(item, found) for item in value]
    if isinstance(value, dict):
        return {
            key: item if key in ("type", "id") else _fix_raw(item, found)
            for key, item in value.items()
        }
    return value


def fix_legacy_values(cleaned_data: dict[str, Any]) -> set[str]:
    """Convert text typed in TCVN3 or VNI in a form's cleaned values (plain text, rich text,
    StreamField) to Unicode, and every text to NFC, in place; the legacy encodings found."""
    from wagtail.blocks.stream_block import StreamValue
    from wagtail.rich_text import RichText

    found: set[str] = set()
    for name, value in list(cleaned_data.items()):
        if isinstance(value, str):
            fixed: Any = _fix_raw(value, found)
            changed = fixed != value
        elif isinstance(value, RichText):
            source = _fix_raw(value.source, found)
            fixed, changed = RichText(source), source != value.source
        elif isinstance(value, StreamValue):
            raw = value.stream_block.get_prep_value(value)
            fixed_raw = _fix_raw(raw, found)
            changed = fixed_raw != raw
            fixed = value.stream_block.to_python(fixed_raw) if changed else value
        else:
            continue
        if changed:
            cleaned_data[name] = fixed
    return found
