"""Personal data in a resident's text (phone numbers, e-mail addresses, identity numbers, the
sender's name and address): found, to warn, and redacted, before anything is published."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from xaso.core.text import fold, fold_chars, nfc

from ..models import Submission

REDACTED = "…"

# A Vietnamese phone number: after 0, or after the country code written +84, (+84), 0084 or 84
# (and perhaps "(0)"), nine digits of a mobile number (starting 3, 5, 7, 8 or 9) or ten of a
# landline (02xx area code), with spaces, dots, dashes or a parenthesis between them:
# 0912 345 678, 0912.345.678, (+84) 912-345-678, 0084 912345678, (0225) 3842 123.
_SEP = r"[\s.\-)]{0,3}"
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\(\s*\+?\s*84\s*\)|\+\s*84|00\s*84|84)[\s.\-]{0,3}(?:\(\s*0\s*\)|0)?[\s.\-]{0,3}"
    r"|(?:\(\s*)?0)"
    rf"(?:[35789](?:{_SEP}\d){{8}}|2(?:{_SEP}\d){{9}})"
    r"(?!\d)"
)
# A tax code (mã số thuế: 10 digits, a branch's 10-3 like 0201234567-001) is no phone number:
# one followed by a branch number, or after "MST" / "mã số thuế" / "tax code", is left alone.
_TAX_BRANCH = re.compile(r"-\s?\d{3}(?!\d)")
_TAX_BEFORE = re.compile(
    r"(?:\bmst|\bma so thue|\bma so doanh nghiep|\bmsdn|\btax (?:code|id))\W{0,4}(?:la\W{0,2})?$"
)
# A citizen identity number: the 12 digits of a căn cước (CCCD, starting with the 0 of its
# province code; together, or in groups of 3 or 4) or the 9 of an old chứng minh nhân dân (CMND,
# together). Money (1.234.000 đồng), dates (28/11/2026) and document numbers (12/2025/NĐ-CP) are
# grouped or slashed otherwise.
_CITIZEN_ID = re.compile(
    r"(?<![\w.,/+\-])"
    r"(?:0\d{11}|0\d{2}([\s.])\d{3}\1\d{3}\1\d{3}|0\d{3}([\s.])\d{4}\2\d{4}|[0-3]\d{8})"
    r"(?![\w/+]|[.,\-]\d)"
)
# An e-mail address, also as people write one to hide it from robots: hung[at]example.vn,
# hung(at)example(dot)vn, hung at example dot vn, hung a còng gmail chấm com.
_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|@|a\s*c[oò]ng)\s*[\])}>]\s*|\s+(?:at|a\s*c[oò]ng)\s+)"
_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|\.|ch[aấ]m)\s*[\])}>]\s*|\s+(?:dot|ch[aấ]m)\s+)"
# Starting only where a word starts: tried from every character, 10,000 of them took 0.5 s.
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_EMAIL_WRITTEN = re.compile(
    rf"(?<![\w.%+\-])[a-z0-9._%+\-]+{_AT}[a-z0-9\-]+(?:{_DOT}[a-z0-9\-]+)*{_DOT}[a-z]{{2,10}}(?!\w)",
    re.IGNORECASE,
)


def _phones(text: str) -> list[re.Match[str]]:
    """The phone numbers in `text`, tax codes left out."""
    found = []
    for match in _PHONE.finditer(text):
        if _TAX_BRANCH.match(text, match.end()):
            continue
        if _TAX_BEFORE.search(fold(text[max(0, match.start() - 30) : match.start()])):
            continue
        found.append(match)
    return found


def _emails(text: str) -> list[re.Match[str]]:
    return [*_EMAIL.finditer(text), *_EMAIL_WRITTEN.finditer(text)]


def _without(text: str, matches: list[re.Match[str]]) -> str:
    """`text` with each of `matches` (found in it, overlapping or not) replaced by "…"."""
    spans: list[list[int]] = []
    for start, end in sorted(match.span() for match in matches):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    for start, end in reversed(spans):
        text = text[:start] + REDACTED + text[end:]
    return text


# An address names a household when it goes below the hamlet: a house number, a lane, an alley.
_HOUSE_LEVEL = re.compile(r"\b(so|ngo|ngach|hem|kiet|nha|can ho)\b|\d+\s*/\s*\d+")


def _sender_words(submission: Submission | None) -> list[tuple[str, str]]:
    """(folded text, what it is) of the sender's identifying data, longest first. A hamlet or a
    commune alone ("Thôn 9, xã Liên Khê") names hundreds of households: it is not among them."""
    if submission is None:
        return []
    name = fold(submission.sender_name)
    address = fold(submission.sender_address)
    found = [(fold(submission.sender_email), _("the sender's e-mail"))]
    if len(name.split()) >= 2:
        found.append((name, _("the sender's name")))
    if _HOUSE_LEVEL.search(address):
        found.append((address, _("the sender's address")))
    return sorted([(text, label) for text, label in found if text], key=lambda x: -len(x[0]))


def personal_data_in(text: str, submission: Submission | None = None) -> list[str]:
    """What of a person's data `text` still holds: phone numbers, e-mail addresses (also written
    [at], (dot)…), identity card numbers, and the sender's own name, address and e-mail however
    they are accented or spaced. Tax codes, dates, sums of money and document numbers are not."""
    text = nfc(text or "")
    found: list[str] = []
    if _phones(text):
        found.append(str(_("a phone number")))
    if _emails(text):
        found.append(str(_("an e-mail address")))
    if _CITIZEN_ID.search(text):
        found.append(str(_("an identity card number")))
    folded = f" {fold(text)} "
    for words, label in _sender_words(submission):
        if f" {words} " in folded and str(label) not in found:
            found.append(str(label))
    return found


def personal_data_redact(text: str, submission: Submission | None = None) -> str:
    """`text` with phone numbers, e-mail addresses, identity card numbers and the sender's name
    and address replaced by "…": the starting point of a question or answer to publish, which an
    officer then reads."""
    text = nfc(text or "")
    text = _without(text, _emails(text))
    text = _without(text, [*_phones(text), *_CITIZEN_ID.finditer(text)])
    for words, _label in _sender_words(submission):
        pattern = r"[\W_]+".join(re.escape(word) for word in words.split())
        # Found in the folded text, replaced in the original: the same positions in both.
        while (folded := fold_chars(text)) is not None:
            match = re.search(rf"(?<!\w){pattern}(?!\w)", folded)
            if match is None:
                break
            text = text[: match.start()] + REDACTED + text[match.end() :]
    return text
