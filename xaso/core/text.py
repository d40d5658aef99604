"""Vietnamese text helpers shared by every app: NFC storage and search folding.

`fold()` is used on write (the search index) and on query, so both sides always agree:
"Đảng bộ", "ĐẢNG BỘ", "dang bo", an NFD "Đảng" or an old-keyboard "Ðảng" all fold to "dang bo".
`accent_key()` keeps the accents but evens out what differs without meaning (case, NFD, Ð,
old/new tone placement), to rank exact-accent matches above folded ones.
"""

from __future__ import annotations

import html
import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_ETH_MAP = str.maketrans({"ð": "đ", "Ð": "Đ"})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_NON_SLUG = re.compile(r"[^a-z0-9]+")

# Old-style tone placement ("hoá", "thuý") → the style xaso compares on ("hóa", "thúy"),
# only for the open syllables oa, oe, uy at the end of a word (not after q: "quý" is right).
_TONE_MOVE = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_TONE_PATTERN = re.compile(r"(?<!q)(" + "|".join(_TONE_MOVE) + r")(?!\w)")


def nfc(value: str) -> str:
    """Return the text in Unicode NFC, the form xaso stores (some keyboards send NFD)."""
    return unicodedata.normalize("NFC", value)


def nfc_fields(instance: object, *names: str) -> None:
    """Normalise the named string attributes of a model instance in place."""
    for name in names:
        value = getattr(instance, name, None)
        if isinstance(value, str):
            setattr(instance, name, nfc(value))


class _FoldMap(dict[int, str]):
    """Each character's folded form (its NFD without combining marks; đ → d), worked out the
    first time the character is seen: `str.translate` then folds a text in one pass."""

    def __missing__(self, code: int) -> str:
        char = chr(code).translate(_D_MAP)
        folded = "".join(
            part
            for part in unicodedata.normalize("NFD", char)
            if unicodedata.category(part) != "Mn"
        )
        self[code] = folded
        return folded


_FOLD_MAP = _FoldMap()


def fold(value: str) -> str:
    """Lower case, no diacritics, đ → d, punctuation and runs of spaces → one space."""
    stripped = unicodedata.normalize("NFC", value).lower().translate(_FOLD_MAP)
    return _NON_WORD.sub(" ", stripped).strip()


def fold_chars(value: str) -> str | None:
    """`fold()` character for character, punctuation kept, so that positions in the result are
    positions in `value` (NFC text); None when some character does not fold to exactly one."""
    folded = value.lower().translate(_FOLD_MAP)
    return folded if len(folded) == len(value) else None


def accent_key(value: str) -> str:
    """Lower-case NFC with Ð → Đ and one tone placement, keeping every other accent."""
    text = unicodedata.normalize("NFC", value).translate(_ETH_MAP).lower()
    return _TONE_PATTERN.sub(lambda match: _TONE_MOVE[match.group(1)], text)


_OLD_TONE = {new: old for old, new in _TONE_MOVE.items()}


def accent_key_pattern(keys: list[str]) -> re.Pattern[str] | None:
    """A pattern that finds, in lower-case NFC text as written, the words whose `accent_key`
    is one of `keys` (themselves accent keys): Ð/ð for Đ/đ, either tone placement."""
    alternatives = []
    for key in sorted(set(keys), key=len, reverse=True):
        body = re.escape(key)
        ending = key[-2:]
        if ending in _OLD_TONE and not key[:-2].endswith("q"):
            body = re.escape(key[:-2]) + f"(?:{ending}|{_OLD_TONE[ending]})"
        alternatives.append(body.replace("đ", "[đð]"))
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def slugify_vi(value: str, max_length: int = 80) -> str:
    """A URL slug from Vietnamese text: "Hiến đất làm đường" → "hien-dat-lam-duong" (đ → d
    and every mark dropped, where Django's slugify would lose đ and its letter entirely)."""
    # Whatever is not a letter or a digit separates words: "05/NQ-HĐND" → "05-nq-hdnd".
    slug = "-".join(_NON_SLUG.split(fold(value)))
    return slug[:max_length].strip("-")


def download_name(name: str, fallback: str = "tep") -> str:
    """A file's name as browsers save it, its Vietnamese folded: "Nghị quyết 05/NQ-HĐND.PDF" →
    "nghi-quyet-05-nq-hdnd.pdf" (not "ngh-quyt-05-nq-hnd.pdf", nor a name that differs from one
    browser or disk to the next)."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or not extension.isalnum():
        stem, extension = name, ""
    extension = slugify_vi(extension)
    stem = slugify_vi(stem, max_length=100) or fallback
    return f"{stem}.{extension}" if extension else stem


def words(value: str) -> list[str]:
    """The words of a text, as written."""
    return _WORD.findall(value)


# The end of a block (paragraph, heading, list item, cell…) or a line break: a space in plain text.
_BLOCK_BOUNDARY = re.compile(
    r"<br\s*/?>|</?(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|tr|td|th|table|figure|figcaption|hr)"
    r"(?:\s[^>]*)?/?>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def html_text(value: str) -> str:
    """Plain text of an HTML fragment: "<p>…viên.</p><p>Các môn</p>" → "…viên. Các môn".

    Blocks stay apart (Django's strip_tags glues one paragraph's last word to the next one's
    first), entities are decoded and runs of white space become one space.
    """
    text = _TAG.sub("", _BLOCK_BOUNDARY.sub(" ", value))
    return " ".join(html.unescape(text).split())
