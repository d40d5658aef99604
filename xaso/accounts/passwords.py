"""Password rules (docs/decisions/0008-sign-in.md): long enough — 14 characters, 10 for an
account that also signs in with a second factor — and not one Vietnamese users commonly choose.
Django's own rules stay beside these (not like the account's name or e-mail, not in its list of
20,000 common passwords, not only digits); `AUTH_PASSWORD_VALIDATORS` in the settings."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "common-passwords-vi.txt"


def has_second_factor(user: Any) -> bool:
    """Whether the account signs in with a second factor as well as its password."""
    from .second_factor import has_second_factor as confirmed_app

    return confirmed_app(user)


class MinimumLengthValidator:
    """At least `min_length` characters, or `min_length_with_second_factor` when the account has
    a second factor (`has_second_factor`)."""

    def __init__(self, min_length: int = 14, min_length_with_second_factor: int = 10) -> None:
        self.min_length = min_length
        self.min_length_with_second_factor = min(min_length_with_second_factor, min_length)

    def length_for(self, user: Any = None) -> int:
        if user is not None and has_second_factor(user):
            return self.min_length_with_second_factor
        return self.min_length

    def validate(self, password: str, user: Any = None) -> None:
        needed = self.length_for(user)
        if len(password) < needed:
            raise ValidationError(
                ngettext(
                    "This password is too short: it must have at least %(min_length)d character.",
                    "This password is too short: it must have at least %(min_length)d characters.",
                    needed,
                ),
                code="password_too_short",
                params={"min_length": needed},
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must have at least %(min_length)d character; a few words you "
            "remember, with spaces or signs between them, make a good one.",
            "Your password must have at least %(min_length)d characters; a few words you "
            "remember, with spaces or signs between them, make a good one.",
            self.min_length,
        ) % {"min_length": self.min_length}


def fold(text: str) -> str:
    """Lower case, without tones and marks (đ as d), letters only: "Mật khẩu 2026!" → "matkhau"."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    return "".join(char for char in text if char.isalpha() and not unicodedata.combining(char))


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    words = set()
    for line in COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and fold(line):
            words.add(fold(line))
    return frozenset(words)


def _commune_names() -> set[str]:
    from xaso.communes.models import Commune

    names: set[str] = set()
    for name, slug in Commune.objects.values_list("name", "slug"):
        names.update(word for word in (fold(name), fold(slug)) if word)
    return names


class VietnameseCommonPasswordValidator:
    """Not a password Vietnamese users commonly choose (`data/common-passwords-vi.txt`), nor
    the name of a commune the platform serves, once folded (`fold`): "Anh yêu em 2026!" and
    "anhyeuem@@12345" are refused alike."""

    def validate(self, password: str, user: Any = None) -> None:
        folded = fold(password)
        # A password of digits and signs alone is for Django's rules to judge.
        if folded and (folded in _listed() or folded in _commune_names()):
            raise ValidationError(
                _(
                    "This password is too common: it is a well-known word or name with "
                    "digits or signs added."
                ),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _("Your password can't be a well-known word or name with digits added.")
